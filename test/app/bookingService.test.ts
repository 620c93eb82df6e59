import { BookingError, type BookedMeeting, type CalendarEvent, type MeetingCalendar, type MeetingRequest } from '../../src/app/ports';
import type { TeamsOrigin } from '../../src/teams/deliveries';
import { recordKinds } from '../../src/app/recordKinds';
import { recordSource } from '../../src/storage/versionedStore';
import { inProcessBot } from '../support/inProcessBot';
import { lene, soeren } from '../support/scenario';
import { textOf } from '../support/teamsClient';

/** An organiser's calendar in memory, as Graph keeps it: one event per transactionId, whatever is sent again. */
class MemoryCalendar implements MeetingCalendar {
  readonly events = new Map<string, MeetingRequest & { eventId: string }>();
  readonly calls: string[] = [];
  /** The next calls fail like this, one each; 'lost' books the event and loses the answer. */
  readonly failures: (BookingError | 'lost')[] = [];

  async book(request: MeetingRequest): Promise<BookedMeeting> {
    this.calls.push('book');
    const failure = this.failures.shift();
    if (failure instanceof BookingError) throw failure;
    const event = this.events.get(request.conversationId) ?? { ...request, eventId: `event-${this.events.size + 1}` };
    this.events.set(request.conversationId, event);
    if (failure === 'lost') throw new BookingError('unavailable', 504, 'no answer in time');
    return { eventId: event.eventId, joinUrl: `https://teams.microsoft.com/l/meetup-join/${event.eventId}` };
  }

  async move(_organiserId: string, eventId: string, start: Date, end: Date): Promise<void> {
    this.calls.push('move');
    if (this.cancelled.has(eventId)) throw new BookingError('unavailable', 404, 'ErrorItemNotFound');
    const event = [...this.events.values()].find((e) => e.eventId === eventId)!;
    Object.assign(event, { start, end });
  }

  async chatOf(_organiserId: string, joinUrl: string): Promise<string> {
    this.calls.push('chat');
    return `19:meeting_${joinUrl.split('/').pop()}@thread.v2`;
  }

  /** Cancelled events stay, as in the organiser's Deleted Items, with the comment the attendees got. */
  readonly cancelled = new Map<string, string>();

  async cancel(_organiserId: string, eventId: string, comment: string): Promise<void> {
    this.calls.push('cancel');
    const failure = this.failures.shift();
    if (failure instanceof BookingError) throw failure;
    this.cancelled.set(eventId, comment);
  }

  async eventOf(_organiserId: string, eventId: string): Promise<CalendarEvent | undefined> {
    this.calls.push('get');
    const failure = this.failures.shift();
    if (failure instanceof BookingError) throw failure;
    const event = [...this.events.values()].find((e) => e.eventId === eventId);
    return event && { start: event.start, end: event.end, cancelled: this.cancelled.has(eventId) };
  }

  /** The organiser moves the meeting in Outlook. */
  moveInOutlook(start: Date, end: Date): void {
    Object.assign([...this.events.values()][0], { start, end });
  }
}

const origin: TeamsOrigin = { home: { reference: { conversation: { id: 'a:lene', conversationType: 'personal' } } as TeamsOrigin['home']['reference'], locale: 'da' }, teamsIds: {} };
const request = (time = '10:00') => ({
  kind: 'MUS' as const,
  leader: { id: lene.aadObjectId, name: lene.name },
  employees: [{ id: soeren.aadObjectId, name: soeren.name }],
  replacesMus: false,
  date: '2027-03-26',
  format: 'walk' as const,
  time,
  questionTexts: {}
});

function setup() {
  let now = new Date('2026-11-25T10:00:00Z');
  const calendar = new MemoryCalendar();
  const bot = inProcessBot({ calendar, now: () => now });
  return { bot, calendar, later: (ms: number) => (now = new Date(now.getTime() + ms)) };
}

async function created(bot: ReturnType<typeof inProcessBot>, key = 'card-1', time?: string) {
  const outcome = await bot.flow.create(request(time), key, origin);
  if (outcome.kind !== 'created' && outcome.kind !== 'existing') throw new Error(outcome.kind);
  await bot.jobs.settle();
  return outcome.conversation;
}

describe('booking a conversation as a Teams meeting', () => {
  it('books one event in the leader\'s calendar with the employee invited, in Copenhagen time, and moves the card into its chat', async () => {
    const { bot, calendar } = setup();
    const c = await created(bot);
    const [event] = [...calendar.events.values()];
    expect(event).toMatchObject({ conversationId: c.id, organiser: { id: lene.aadObjectId }, attendees: [{ id: soeren.aadObjectId }], location: "Walk'n'talk" });
    expect(event.start).toEqual(new Date('2027-03-26T09:00:00Z'));
    expect(event.end).toEqual(new Date('2027-03-26T10:00:00Z'));
    expect(event.subject).toBe('MUS: Lene Løvgren og Søren Ærø');
    expect(event.body).toContain('vælg dine 3 stikord på stikordskortet');
    expect(event.body).toContain('walk\'n\'talk');
    expect(bot.meetingChats).toEqual(['19:meeting_event-1@thread.v2']);
    expect(bot.bookingNotices.map((n) => n.kind)).toEqual(['booked']);
  });

  it('books once when Opret is pressed twice', async () => {
    const { bot, calendar } = setup();
    await created(bot, 'card-twice');
    await created(bot, 'card-twice');
    expect(calendar.calls.filter((c) => c === 'book')).toHaveLength(1);
    expect(bot.meetingChats).toHaveLength(1);
  });

  it('keeps the booking waiting through an outage, tells the leader once, and books it when a later pass tries again', async () => {
    const { bot, calendar, later } = setup();
    const outage = new BookingError('unavailable', 503, 'down');
    calendar.failures.push(outage, outage);
    await created(bot);
    expect(calendar.events.size).toBe(0);
    later(60_000);
    await bot.jobs.runDue();
    expect(calendar.events.size).toBe(0);
    later(120_000);
    await bot.jobs.runDue();
    expect(calendar.events.size).toBe(1);
    expect(bot.bookingNotices.map((n) => (n.kind === 'failed' ? n.failure.kind : n.kind))).toEqual(['unavailable', 'booked']);
  });

  it('books one event when the answer to the first request was lost: the retry finds it by its transactionId', async () => {
    const { bot, calendar, later } = setup();
    calendar.failures.push('lost');
    await created(bot);
    later(60_000);
    await bot.jobs.runDue();
    expect(calendar.calls.filter((c) => c === 'book')).toHaveLength(2);
    expect(calendar.events.size).toBe(1);
    expect(bot.meetingChats).toEqual(['19:meeting_event-1@thread.v2']);
  });

  it('names a missing permission to the leader, once however often it is retried', async () => {
    const { bot, calendar, later } = setup();
    const denied = new BookingError('permission', 403, 'denied', 'Calendars.ReadWrite');
    calendar.failures.push(denied, denied);
    await created(bot);
    later(60_000);
    await bot.jobs.runDue();
    const failed = bot.bookingNotices.filter((n) => n.kind === 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0].kind === 'failed' && failed[0].failure.permission).toBe('Calendars.ReadWrite');
  });
});

describe('moving a booked conversation from its card', () => {
  it('moves the event to the new date and time, tells the leader, and books nothing new', async () => {
    const { bot, calendar } = setup();
    const c = await created(bot);
    const { card } = await bot.execute(lene, 'meeting.move', { cid: c.id, meetingDate: '2027-03-29', meetingTime: '13:00' });
    expect(textOf(card)).toContain('Samtalen er flyttet');
    expect(textOf(card)).toContain('Teams-møde kl. 13:00 (1 time)');
    await bot.jobs.settle();
    const [event] = [...calendar.events.values()];
    expect(event.start).toEqual(new Date('2027-03-29T11:00:00Z'));
    expect(calendar.calls).toEqual(['book', 'chat', 'move']);
    expect(bot.bookingNotices.map((n) => n.kind)).toEqual(['booked', 'moved']);
    expect((await bot.conversations.get(c.id))!.date).toBe('2027-03-29');
  });

  it('refuses a move by someone other than the leader, or to a malformed time, in Danish, and keeps what was typed', async () => {
    const { bot, calendar } = setup();
    const c = await created(bot);
    const byEmployee = await bot.execute(soeren, 'meeting.move', { cid: c.id, meetingDate: '2027-03-29', meetingTime: '13:00' });
    expect(textOf(byEmployee.card)).toContain('Kun lederen kan gøre dette.');
    const badTime = await bot.execute(lene, 'meeting.move', { cid: c.id, meetingDate: '2027-03-29', meetingTime: '1 pm' });
    expect(textOf(badTime.card)).toContain('Vælg et klokkeslæt for mødet, f.eks. 10:00.');
    expect(JSON.stringify(badTime.card)).toContain('"value":"1 pm"');
    await bot.jobs.settle();
    expect(calendar.calls).not.toContain('move');
  });
});

describe('the leader\'s nudge', () => {
  it('is the leader\'s: anyone else is refused in Danish and nobody is reminded', async () => {
    const { bot } = setup();
    const c = await created(bot);
    const { card } = await bot.execute(soeren, 'preparation.nudge', { cid: c.id });
    expect(textOf(card)).toContain('Kun lederen kan gøre dette.');
    const forged = await bot.execute(soeren, 'preparation.nudge', { cid: 'not-a-conversation' });
    expect(textOf(forged.card)).toContain('Kortet sendte noget, jeg ikke kan bruge');
  });
});

describe('cancelling a conversation before it is held', () => {
  it('deletes the picks at once, cancels the meeting with the leader\'s message, retires the cards and removes the conversation', async () => {
    const { bot, calendar } = setup();
    const c = await created(bot);
    await bot.execute(soeren, 'keywords.pick', { cid: c.id, keywords: c.concept.keywords.slice(0, 3).join(',') });
    const { card } = await bot.execute(lene, 'conversation.cancel', { cid: c.id, cancelMessage: 'Vi finder en ny dato efter ferien.' });
    expect(textOf(card)).toContain('MUS den 26. marts 2027 er aflyst. De valgte stikord er slettet.');
    expect(textOf(card)).not.toContain(c.concept.keywords[0]);
    await bot.jobs.settle();
    expect([...calendar.cancelled.values()]).toEqual(['MUS er aflyst i Udviklingssamtale.\n\nVi finder en ny dato efter ferien.']);
    expect(bot.published.filter((p) => p.cards === 'retired').map((p) => p.conversationId)).toEqual([c.id]);
    expect(bot.bookingNotices.map((n) => n.kind)).toEqual(['booked', 'cancelled']);
    expect(await bot.conversations.get(c.id)).toBeUndefined();
    expect(await bot.flow.openFor(soeren.aadObjectId)).toEqual([]);
  });

  it('is the leader\'s, and only before the conversation starts: others and later attempts are refused in Danish', async () => {
    const { bot, calendar } = setup();
    const c = await created(bot);
    const byEmployee = await bot.execute(soeren, 'conversation.cancel', { cid: c.id });
    expect(textOf(byEmployee.card)).toContain('Kun lederen kan gøre dette.');
    const tooLong = await bot.execute(lene, 'conversation.cancel', { cid: c.id, cancelMessage: 'x'.repeat(700) });
    expect(textOf(tooLong.card)).toContain('Beskeden til deltagerne');
    expect(JSON.stringify(tooLong.card)).toContain('x'.repeat(700));
    await bot.execute(lene, 'session.start', { cid: c.id, withoutPicks: true });
    const started = await bot.execute(lene, 'conversation.cancel', { cid: c.id });
    expect(textOf(started.card)).toContain('Samtalen er i gang og kan ikke længere aflyses.');
    await bot.jobs.settle();
    expect(calendar.calls).not.toContain('cancel');
    expect((await bot.conversations.get(c.id))!.phase).toBe('holding');
  });

  it('tries again through an outage and tells the leader to cancel in Outlook when Graph refuses for good', async () => {
    const { bot, calendar, later } = setup();
    const c = await created(bot);
    calendar.failures.push(new BookingError('unavailable', 503, 'down'));
    await bot.execute(lene, 'conversation.cancel', { cid: c.id });
    await bot.jobs.settle();
    expect((await bot.conversations.get(c.id))!.phase).toBe('cancelled');
    calendar.failures.push(new BookingError('permission', 403, 'denied', 'Calendars.ReadWrite'));
    later(60_000);
    await bot.jobs.runDue();
    expect(bot.bookingNotices.map((n) => n.kind)).toEqual(['booked', 'cancelFailed']);
    expect(await bot.conversations.get(c.id)).toBeUndefined();
  });
});

describe('cancelling a conversation whose booking did not go through', () => {
  it('finds and cancels the meeting a request whose answer was lost made, by asking again with the same transactionId', async () => {
    const { bot, calendar } = setup();
    calendar.failures.push('lost');
    const c = await created(bot);
    expect(calendar.events.size).toBe(1);
    await bot.execute(lene, 'conversation.cancel', { cid: c.id });
    await bot.jobs.settle();
    expect([...calendar.cancelled.keys()]).toEqual([[...calendar.events.values()][0].eventId]);
    expect(calendar.events.size).toBe(1);
    expect(await bot.conversations.get(c.id)).toBeUndefined();
  });

  it('asks Graph nothing when the booking was refused outright: there is no meeting to cancel', async () => {
    const { bot, calendar } = setup();
    calendar.failures.push(new BookingError('permission', 403, 'denied', 'Calendars.ReadWrite'));
    const c = await created(bot);
    await bot.execute(lene, 'conversation.cancel', { cid: c.id });
    await bot.jobs.settle();
    expect(calendar.calls).toEqual(['book']);
    expect(bot.bookingNotices.map((n) => n.kind)).toEqual(['failed']);
    expect(await bot.conversations.get(c.id)).toBeUndefined();
  });
});

describe('following the meeting in the calendar', () => {
  it('moves the conversation, its length and its reminders when the organiser moved the meeting in Outlook, once', async () => {
    const { bot, calendar } = setup();
    const c = await created(bot);
    calendar.moveInOutlook(new Date('2027-04-02T12:00:00Z'), new Date('2027-04-02T13:30:00Z'));
    expect(await bot.booking!.followCalendar()).toBe(1);
    const reminderIds = await recordSource(bot.storage)(recordKinds.reminder.prefix).ids(`${c.id}/`);
    expect(reminderIds.some((id) => id.includes('prepare.2027-04-02'))).toBe(true);
    expect(reminderIds.some((id) => id.includes('prepare.2027-03-26'))).toBe(false);
    const moved = (await bot.conversations.get(c.id))!;
    expect(moved).toMatchObject({ date: '2027-04-02', meeting: { time: '14:00', minutes: 90 } });
    expect(bot.bookingNotices.map((n) => n.kind)).toEqual(['booked', 'movedInOutlook']);
    expect(await bot.booking!.followCalendar()).toBe(0);
    // Nothing is sent back to the calendar: it was the calendar's move.
    await bot.jobs.settle();
    expect(calendar.calls).not.toContain('move');
  });

  it('does not undo a move made on the card that the calendar has not taken yet', async () => {
    const { bot, calendar } = setup();
    const c = await created(bot);
    calendar.failures.push(new BookingError('unavailable', 503, 'down'));
    await bot.execute(lene, 'meeting.move', { cid: c.id, meetingDate: '2027-03-29', meetingTime: '13:00' });
    await bot.jobs.settle();
    expect(await bot.booking!.followCalendar()).toBe(0);
    expect((await bot.conversations.get(c.id))!.date).toBe('2027-03-29');
  });

  it('forgets the booking once the conversation starts: the calendar is not asked about it again', async () => {
    const { bot, calendar } = setup();
    const c = await created(bot);
    await bot.execute(lene, 'session.start', { cid: c.id, withoutPicks: true });
    calendar.moveInOutlook(new Date('2027-04-02T12:00:00Z'), new Date('2027-04-02T13:00:00Z'));
    expect(await bot.booking!.followCalendar()).toBe(0);
    expect(calendar.calls).not.toContain('get');
    expect(await recordSource(bot.storage)(recordKinds.booking.prefix).ids()).toEqual([]);
  });

  it('tells the leader once, and tries no more, when a move on the card finds the meeting cancelled in Outlook', async () => {
    const { bot, calendar, later } = setup();
    const c = await created(bot);
    calendar.cancelled.set([...calendar.events.values()][0].eventId, '');
    await bot.execute(lene, 'meeting.move', { cid: c.id, meetingDate: '2027-03-29', meetingTime: '13:00' });
    await bot.jobs.settle();
    later(120_000);
    await bot.jobs.runDue();
    expect(calendar.calls.filter((call) => call === 'move')).toHaveLength(1);
    expect(bot.bookingNotices.map((n) => n.kind)).toEqual(['booked', 'cancelledInOutlook']);
  });

  it('tells the leader once when the meeting was cancelled in Outlook, and leaves the conversation to them', async () => {
    const { bot, calendar } = setup();
    const c = await created(bot);
    calendar.cancelled.set([...calendar.events.values()][0].eventId, '');
    await bot.booking!.followCalendar();
    await bot.booking!.followCalendar();
    expect(bot.bookingNotices.map((n) => n.kind)).toEqual(['booked', 'cancelledInOutlook']);
    expect((await bot.conversations.get(c.id))!.phase).toBe('preparing');
  });
});
