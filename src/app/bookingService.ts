import { leaderOf, type DevelopmentConversation, type MeetingTime } from '../domain/conversation';
import { localParts } from '../domain/calendar';
import { meetingAt, meetingWindow } from '../domain/meeting';
import { translator, type Locale, type Translator } from '../i18n/catalog';
import type { Logger } from '../log';
import type { ConversationService } from './conversationService';
import type { Job, Jobs } from './jobs';
import { BookingError, UnreadableRecordError, type CardPublisher, type Clock, type MeetingCalendar, type MeetingChatPublisher, type Records } from './ports';
import type { ReminderService } from './reminderService';

/** What the app keeps of a booked meeting: ids and times, never names. */
export interface Booking {
  eventId?: string;
  joinUrl?: string;
  /** The start (an instant) the event is booked for now: a conversation moved since is moved in the calendar. */
  bookedStart?: string;
  chatId?: string;
  /** The shared card is in the meeting chat. */
  posted?: boolean;
  /** Why the last attempt failed, so the leader is told once per reason. */
  failure?: BookingError['kind'];
  /** The organiser cancelled the meeting in Outlook and the leader was told (once): the conversation is theirs to cancel. */
  cancelledInOutlook?: boolean;
}

export interface BookingDependencies<Origin> {
  conversations: ConversationService;
  bookings: Records<Booking>;
  calendar: MeetingCalendar;
  /** The meeting chat, the leader's notices, and everyone's cards when the meeting moved in Outlook. */
  publisher: MeetingChatPublisher<Origin> & Pick<CardPublisher<Origin>, 'refreshShared' | 'updatePersonal'>;
  /** The preparation reminders follow a conversation the calendar moved. */
  reminders: Pick<ReminderService, 'schedule'>;
  jobs: Jobs;
  clock: Clock;
  /** The language of the invitation: the municipality's (the participants' own is not known before they write). */
  locale: Locale;
  log: Logger;
}

/**
 * Books a conversation as a Teams meeting in the organiser's calendar (the one leading it: the
 * leader, for a LUS the leader's leader) with the participants invited, then posts its card into
 * the meeting's chat. The work is a job, stored before the leader is answered and retried with
 * growing pauses until it succeeds (an outage, a 429 that outlasts the Graph client's retries, a
 * permission not yet granted), also across a restart; the leader is told what happened, once per
 * reason. Each step is recorded as it succeeds, and the event is created with the conversation's id
 * as its transactionId, so a retry after a lost answer books one meeting, not two.
 */
export class BookingService<Origin> {
  constructor(private readonly deps: BookingDependencies<Origin>) {
    deps.jobs.handle('book', (job) => this.run(job));
  }

  /**
   * Books a new conversation (`origin`: where its cards are, to move the shared card into the
   * meeting chat), or moves its meeting to the conversation's date and time now.
   */
  async request(c: DevelopmentConversation, origin?: Origin): Promise<void> {
    if (!c.meeting) return;
    await this.deps.jobs.start(`book/${c.id}/${c.revision}`, { kind: 'book', conversationId: c.id, data: origin === undefined ? {} : { origin } });
  }

  private async run(job: Job): Promise<void> {
    const c = await this.deps.conversations.get(job.conversationId);
    if (!c?.meeting || c.phase !== 'preparing') return;
    try {
      await this.book({ ...c, meeting: c.meeting }, job.data?.origin as Origin | undefined);
    } catch (error) {
      if (!(error instanceof BookingError)) throw error;
      const told = await this.record(c.id, (b) => ({ ...b, failure: error.kind }));
      if (told.before?.failure !== error.kind) await this.deps.publisher.tellLeaderAbout(c, { kind: 'failed', failure: error });
      this.deps.log.warn('booking failed', { conversation: c.id, kind: error.kind, status: error.status, permission: error.permission });
      throw error;
    }
  }

  private async book(c: DevelopmentConversation & { meeting: MeetingTime }, origin: Origin | undefined): Promise<void> {
    const { calendar, publisher } = this.deps;
    const organiser = leaderOf(c);
    const { start, end } = meetingWindow(c, this.deps.clock.timeZone);
    let booking = (await this.deps.bookings.get(c.id)) ?? {};
    if (!booking.eventId) {
      const tr = translator(this.deps.locale, c.kind);
      const booked = await calendar.book({
        conversationId: c.id,
        organiser,
        attendees: c.participants.filter((p) => p.id !== organiser.id),
        subject: tr.t('booking.subject', { kind: c.kind, names: tr.list(c.participants.map((p) => p.name)) }),
        body: this.invitation(c, tr, start, end),
        location: tr.t(`format.${c.format}`),
        start,
        end
      });
      // Called off while the event was being made: the meeting goes too, and nothing is kept of it.
      const now = await this.deps.conversations.get(c.id);
      if (!now || now.phase === 'cancelled') {
        await calendar.cancel(organiser.id, booked.eventId, this.cancelComment(c));
        return;
      }
      booking = (await this.record(c.id, (b) => ({ ...b, eventId: booked.eventId, joinUrl: booked.joinUrl, bookedStart: start.toISOString() }))).after;
      await publisher.tellLeaderAbout(c, { kind: 'booked', start, end, timeZone: this.deps.clock.timeZone });
    } else if (booking.bookedStart !== start.toISOString()) {
      await calendar.move(organiser.id, booking.eventId, start, end);
      booking = (await this.record(c.id, (b) => ({ ...b, bookedStart: start.toISOString() }))).after;
      await publisher.tellLeaderAbout(c, { kind: 'moved', start, end, timeZone: this.deps.clock.timeZone });
    }
    if (!booking.chatId) {
      const chatId = await calendar.chatOf(organiser.id, booking.joinUrl!);
      booking = (await this.record(c.id, (b) => ({ ...b, chatId }))).after;
    }
    // A move knows no origin: the booking it follows posts the card.
    if (!booking.posted && origin !== undefined) {
      await publisher.moveToMeetingChat(c, booking.chatId!, origin);
      booking = (await this.record(c.id, (b) => ({ ...b, posted: true }))).after;
    }
    if (booking.failure) await this.record(c.id, ({ failure: _over, ...b }) => b);
    this.deps.log.info('meeting booked', { conversation: c.id });
  }

  /**
   * A called-off conversation's meeting is cancelled, the attendees told with the leader's message,
   * and the leader told it is done. Where Graph will not (a permission, a refusal) the leader is told
   * to cancel it in Outlook; an outage throws, so the job tries again.
   */
  async cancel(c: DevelopmentConversation): Promise<void> {
    const booking = await this.deps.bookings.get(c.id);
    if (!booking?.eventId) return;
    try {
      await this.deps.calendar.cancel(leaderOf(c).id, booking.eventId, this.cancelComment(c));
    } catch (error) {
      if (!(error instanceof BookingError) || error.kind === 'unavailable') throw error;
      this.deps.log.warn('meeting not cancelled', { conversation: c.id, kind: error.kind, status: error.status, permission: error.permission });
      await this.deps.publisher.tellLeaderAbout(c, { kind: 'cancelFailed', failure: error });
      return;
    }
    const start = booking.bookedStart ? new Date(booking.bookedStart) : meetingWindow({ ...c, meeting: c.meeting! }, this.deps.clock.timeZone).start;
    await this.deps.publisher.tellLeaderAbout(c, { kind: 'cancelled', start, end: new Date(start.getTime() + (c.meeting?.minutes ?? 0) * 60_000), timeZone: this.deps.clock.timeZone });
    this.deps.log.info('meeting cancelled', { conversation: c.id });
  }

  /**
   * One pass over the booked conversations not yet held: the calendar is the truth about when a
   * meeting is. One moved in Outlook (its start or length) moves the conversation, its reminders and
   * everyone's cards, and the leader is told; one cancelled there is told to the leader once, who
   * decides whether the conversation is called off too. Meetings already past are not asked about.
   * Returns how many conversations moved.
   */
  async followCalendar(): Promise<number> {
    const { bookings, calendar, conversations, clock, log } = this.deps;
    const since = clock.now().getTime() - 24 * 3_600_000;
    let moved = 0;
    for (const id of await bookings.ids()) {
      try {
        const booking = await bookings.get(id);
        if (!booking?.eventId || !booking.bookedStart || Date.parse(booking.bookedStart) < since) continue;
        const c = await conversations.get(id);
        if (c?.phase !== 'preparing' || !c.meeting) continue;
        const event = await calendar.eventOf(leaderOf(c).id, booking.eventId);
        if (!event || event.cancelled) {
          if (!booking.cancelledInOutlook) {
            await this.record(id, (b) => ({ ...b, cancelledInOutlook: true }));
            await this.deps.publisher.tellLeaderAbout(c, { kind: 'cancelledInOutlook' });
          }
          continue;
        }
        // Measured against what the app booked, not the conversation: a move made in the app and not yet sent is not undone.
        const sameStart = event.start.toISOString() === booking.bookedStart;
        if (sameStart && event.end.getTime() - event.start.getTime() === c.meeting.minutes * 60_000) continue;
        if (await this.follow(c, event.start, event.end)) moved++;
      } catch (error) {
        // One meeting that cannot be asked about (a permission, an outage, a record unreadable) does not stop the others.
        if (!(error instanceof BookingError) && !(error instanceof UnreadableRecordError)) throw error;
        log.warn('calendar not followed', { conversation: id, error: error.name, status: error instanceof BookingError ? error.status : undefined });
      }
    }
    return moved;
  }

  /** The conversation takes the meeting's date, time and length. True when that moved it. */
  private async follow(c: DevelopmentConversation, start: Date, end: Date): Promise<boolean> {
    const { timeZone } = this.deps.clock;
    const outcome = await this.deps.conversations.followMeeting(c.id, meetingAt(start, end, timeZone));
    if (outcome.kind !== 'applied') return false;
    // Recorded as booked, so the move is not sent back to the calendar.
    await this.record(c.id, (b) => ({ ...b, bookedStart: start.toISOString() }));
    const { publisher } = this.deps;
    publisher.refreshShared(outcome.conversation);
    await Promise.all([this.deps.reminders.schedule(outcome.conversation), publisher.updatePersonal(outcome.conversation, false)]);
    await publisher.tellLeaderAbout(outcome.conversation, { kind: 'movedInOutlook', start, end, timeZone });
    this.deps.log.info('conversation follows its meeting', { conversation: c.id });
    return true;
  }

  /** What the attendees read in the cancellation: that it was cancelled here, and the leader's message. */
  private cancelComment(c: DevelopmentConversation): string {
    const tr = translator(this.deps.locale, c.kind);
    return [tr.t('cancelled.comment', { kind: c.kind }), c.cancellation?.message ?? ''].filter(Boolean).join('\n\n');
  }

  /** The invitation's body: when, the form, and what to prepare. Names and texts are escaped: it is HTML. */
  private invitation(c: DevelopmentConversation, tr: Translator, start: Date, end: Date): string {
    return tr.t('booking.body', {
      ...meetingWhen(tr, start, end, this.deps.clock.timeZone),
      kind: c.kind,
      format: escapeHtml(tr.t(`booking.${c.format}`)),
      count: c.concept.picksPerParticipant
    });
  }

  private async record(id: string, change: (b: Booking) => Booking): Promise<{ before?: Booking; after: Booking }> {
    return this.deps.bookings.update(id, (current) => {
      const after = change(current ?? {});
      return { write: after, result: { before: current, after } };
    });
  }
}

/** A meeting's date and local times as people read them ("14. marts 2030", "10.00"–"11.00"). */
export function meetingWhen(tr: Translator, start: Date, end: Date, timeZone: string): { date: string; from: string; to: string } {
  const separator = tr.locale === 'da' ? '.' : ':';
  const [from, to] = [start, end].map((instant) => {
    const local = localParts(instant, timeZone);
    return `${String(local.hour).padStart(2, '0')}${separator}${String(local.minute).padStart(2, '0')}`;
  });
  return { date: tr.date(localParts(start, timeZone).date), from, to };
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
