import { BookingError, type BookedMeeting, type MeetingCalendar, type MeetingRequest } from '../../src/app/ports';
import type { TeamsOrigin } from '../../src/teams/deliveries';
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
    const event = [...this.events.values()].find((e) => e.eventId === eventId)!;
    Object.assign(event, { start, end });
  }

  async chatOf(_organiserId: string, joinUrl: string): Promise<string> {
    this.calls.push('chat');
    return `19:meeting_${joinUrl.split('/').pop()}@thread.v2`;
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
