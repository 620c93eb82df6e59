import { leaderOf, type DevelopmentConversation, type MeetingTime } from '../domain/conversation';
import { localParts } from '../domain/calendar';
import { clockTime, meetingAt, meetingWindow } from '../domain/meeting';
import { translator, type Locale, type Translator } from '../i18n/catalog';
import type { Logger } from '../log';
import type { ConversationService } from './conversationService';
import type { Job, Jobs } from './jobs';
import { BookingError, UnreadableRecordError, type CardPublisher, type Clock, type MeetingCalendar, type MeetingChatPublisher, type MeetingRequest, type Records } from './ports';
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
  /** Graph was asked for the event: an answer lost on the way may have left one, which a cancellation must find. */
  requested?: boolean;
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
  private following?: Promise<number>;

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
      if (told.after && told.before?.failure !== error.kind) await this.deps.publisher.tellLeaderAbout(c, { kind: 'failed', failure: error });
      this.deps.log.warn('booking failed', { conversation: c.id, kind: error.kind, status: error.status, permission: error.permission });
      throw error;
    }
  }

  /**
   * Each step once, recorded as it succeeds. A step finds the conversation still before its start,
   * or stops: one called off or started meanwhile keeps no booking, and gets no card posted.
   */
  private async book(c: DevelopmentConversation & { meeting: MeetingTime }, origin: Origin | undefined): Promise<void> {
    const { calendar, publisher } = this.deps;
    const organiser = leaderOf(c);
    const { start, end } = meetingWindow(c, this.deps.clock.timeZone);
    let booking = await this.deps.bookings.get(c.id);
    if (!booking?.eventId) {
      await this.record(c.id, (b) => ({ ...b, requested: true }), { create: true });
      const booked = await calendar.book(this.meetingRequest(c, start, end));
      const now = await this.deps.conversations.get(c.id);
      if (now?.phase !== 'preparing') {
        // Called off (or removed) while the event was being made: the meeting goes too. One started meanwhile keeps it.
        if (now?.phase !== 'holding') await calendar.cancel(organiser.id, booked.eventId, this.cancelComment(c));
        return;
      }
      booking = (await this.record(c.id, (b) => ({ ...b, eventId: booked.eventId, joinUrl: booked.joinUrl, bookedStart: start.toISOString() }))).after;
      if (!booking) return;
      await publisher.tellLeaderAbout(c, { kind: 'booked', start, end, timeZone: this.deps.clock.timeZone });
    } else if (booking.bookedStart !== start.toISOString()) {
      if (!(await this.moved(c, booking.eventId, start, end))) return;
      booking = (await this.record(c.id, (b) => ({ ...b, bookedStart: start.toISOString() }))).after;
      if (!booking) return;
      await publisher.tellLeaderAbout(c, { kind: 'moved', start, end, timeZone: this.deps.clock.timeZone });
    }
    if (!booking.chatId) {
      const chatId = await calendar.chatOf(organiser.id, booking.joinUrl!);
      booking = (await this.record(c.id, (b) => ({ ...b, chatId }))).after;
      if (!booking) return;
    }
    // A move knows no origin: the booking it follows posts the card.
    if (!booking.posted && origin !== undefined && (await this.stillPreparing(c.id))) {
      await publisher.moveToMeetingChat(c, booking.chatId!, origin);
      booking = (await this.record(c.id, (b) => ({ ...b, posted: true }))).after;
    }
    if (booking?.failure) await this.record(c.id, ({ failure: _over, ...b }) => b);
    this.deps.log.info('meeting booked', { conversation: c.id });
  }

  /** Moves the event; one gone from the calendar (cancelled or deleted in Outlook) is the leader's to see to, told once. */
  private async moved(c: DevelopmentConversation, eventId: string, start: Date, end: Date): Promise<boolean> {
    try {
      await this.deps.calendar.move(leaderOf(c).id, eventId, start, end);
      return true;
    } catch (error) {
      if (!(error instanceof BookingError) || error.status !== 404) throw error;
      await this.goneFromCalendar(c);
      return false;
    }
  }

  /** The leader hears once that the meeting was cancelled in Outlook; the conversation stays until they cancel it. */
  private async goneFromCalendar(c: DevelopmentConversation): Promise<void> {
    const flipped = await this.record(c.id, (b) => ({ ...b, cancelledInOutlook: true }));
    if (flipped.after && !flipped.before?.cancelledInOutlook) await this.deps.publisher.tellLeaderAbout(c, { kind: 'cancelledInOutlook' });
  }

  private async stillPreparing(id: string): Promise<boolean> {
    return (await this.deps.conversations.get(id))?.phase === 'preparing';
  }

  /** The conversation started: its booking serves nothing any more (the meeting is not moved or cancelled from here after the start). */
  async forget(conversationId: string): Promise<void> {
    await this.deps.bookings.delete(conversationId);
  }

  private meetingRequest(c: DevelopmentConversation, start: Date, end: Date): MeetingRequest {
    const organiser = leaderOf(c);
    const tr = translator(this.deps.locale, c.kind);
    return {
      conversationId: c.id,
      organiser,
      attendees: c.participants.filter((p) => p.id !== organiser.id),
      subject: tr.t('booking.subject', { kind: c.kind, names: tr.list(c.participants.map((p) => p.name)) }),
      body: this.invitation(c, tr, start, end),
      location: tr.t(`format.${c.format}`),
      start,
      end
    };
  }

  /**
   * A called-off conversation's meeting is cancelled, the attendees told with the leader's message,
   * and the leader told it is done. Where Graph will not (a permission, a refusal) the leader is told
   * to cancel it in Outlook; an outage throws, so the job tries again.
   */
  async cancel(c: DevelopmentConversation): Promise<void> {
    const booking = await this.deps.bookings.get(c.id);
    if (!booking?.eventId && !(booking?.requested && c.meeting)) return;
    const { start, end } = booking.bookedStart
      ? { start: new Date(booking.bookedStart), end: new Date(Date.parse(booking.bookedStart) + c.meeting!.minutes * 60_000) }
      : meetingWindow({ ...c, meeting: c.meeting! }, this.deps.clock.timeZone);
    try {
      // Graph refused the request outright (a permission, a refusal): it made no event. Any other
      // request without its answer may have: asked again with the same transactionId, Graph names it.
      if (!booking.eventId && (booking.failure === 'permission' || booking.failure === 'refused')) return;
      const eventId = booking.eventId ?? (await this.deps.calendar.book(this.meetingRequest(c, start, end))).eventId;
      await this.deps.calendar.cancel(leaderOf(c).id, eventId, this.cancelComment(c));
    } catch (error) {
      if (!(error instanceof BookingError) || error.kind === 'unavailable') throw error;
      this.deps.log.warn('meeting not cancelled', { conversation: c.id, kind: error.kind, status: error.status, permission: error.permission });
      await this.deps.publisher.tellLeaderAbout(c, { kind: 'cancelFailed', failure: error });
      return;
    }
    await this.deps.publisher.tellLeaderAbout(c, { kind: 'cancelled', start, end, timeZone: this.deps.clock.timeZone });
    this.deps.log.info('meeting cancelled', { conversation: c.id });
  }

  /**
   * One pass over the booked conversations not yet held (one at a time): the calendar is the truth
   * about when a meeting is. One moved in Outlook (its start or length) moves the conversation, its
   * reminders and everyone's cards, and the leader is told; a move made on the card and not yet
   * sent to the calendar is sent, not undone. One cancelled there is told to the leader once, who
   * decides whether the conversation is called off too. Meetings already past are not asked about.
   * Returns how many conversations moved.
   */
  followCalendar(): Promise<number> {
    this.following ??= this.followPass().finally(() => (this.following = undefined));
    return this.following;
  }

  private async followPass(): Promise<number> {
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
        if (!event || event.cancelled) await this.goneFromCalendar(c);
        else if (await this.follow({ ...c, meeting: c.meeting }, booking.bookedStart, event.start, event.end)) moved++;
      } catch (error) {
        // One meeting that cannot be asked about (a permission, an outage, a record unreadable) does not stop the others.
        if (!(error instanceof BookingError) && !(error instanceof UnreadableRecordError)) throw error;
        log.warn('calendar not followed', { conversation: id, error: error.name, status: error instanceof BookingError ? error.status : undefined });
      }
    }
    return moved;
  }

  /**
   * Where the meeting is not where the app booked it (`bookedStart`, and the length), the
   * conversation takes its date, time and length; then the booked start is recorded, so a pass
   * stopped between the two finishes the job the next time. True when it moved.
   */
  private async follow(c: DevelopmentConversation & { meeting: MeetingTime }, bookedStart: string, start: Date, end: Date): Promise<boolean> {
    const { timeZone } = this.deps.clock;
    const there = meetingAt(start, end, timeZone);
    const followsAlready = c.date === there.date && c.meeting.time === there.meeting.time && c.meeting.minutes === there.meeting.minutes;
    if (start.toISOString() === bookedStart && end.getTime() - start.getTime() === c.meeting.minutes * 60_000) return false;
    // Moved on the card meanwhile, not yet in the calendar: the card's move wins, its job sends it.
    if (!followsAlready && meetingWindow(c, timeZone).start.toISOString() !== bookedStart) return false;
    const outcome = followsAlready ? { kind: 'applied' as const, conversation: c } : await this.deps.conversations.followMeeting(c.id, there);
    if (outcome.kind !== 'applied') return false;
    if (!(await this.record(c.id, (b) => ({ ...b, bookedStart: start.toISOString() }))).after) return false;
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

  /**
   * Changes the booking record; only the first request creates it (`create`), so a step that ends
   * after the conversation was removed leaves nothing behind. `after` is undefined when nothing was written.
   */
  private async record(id: string, change: (b: Booking) => Booking, options: { create?: boolean } = {}): Promise<{ before?: Booking; after?: Booking }> {
    return this.deps.bookings.update<{ before?: Booking; after?: Booking }>(id, (current) => {
      if (!current && !options.create) return { result: { before: current } };
      const after = change(current ?? {});
      return { write: after, result: { before: current, after } };
    });
  }
}

/** A meeting's date and local times as people read them ("14. marts 2030", "10.00"–"11.00"). */
export function meetingWhen(tr: Translator, start: Date, end: Date, timeZone: string): { date: string; from: string; to: string } {
  const separator = tr.locale === 'da' ? '.' : ':';
  return { date: tr.date(localParts(start, timeZone).date), from: clockTime(start, timeZone, separator), to: clockTime(end, timeZone, separator) };
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
