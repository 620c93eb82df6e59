import type { TokenCredential } from '@azure/identity';
import { BookingError } from '../../src/app/ports';
import { createGraphClient } from '../../src/graph/graphClient';
import { GraphMeetingCalendar } from '../../src/graph/meetingCalendar';
import { FakeGraph, testTls } from '../support/fakeGraph';
import { FakeTeamwork } from '../support/fakeGraphTeamwork';

jest.setTimeout(30000);

const credential: TokenCredential = { getToken: async () => ({ token: 'fake-graph-token', expiresOnTimestamp: Date.now() + 3600_000 }) };
const CATALOG_ID = 'b2f7c1d0-0000-4000-8000-0000000000c1';
const organiser = { id: 'aad-lene', name: 'Lene Løvgren' };
const employee = { id: 'aad-soeren', name: 'Søren Ærø' };
const request = (conversationId: string) => ({
  conversationId,
  organiser,
  attendees: [employee],
  subject: 'MUS: Lene Løvgren og Søren Ærø',
  body: '<p>Forbered dig</p>',
  location: 'Ved et bord',
  start: new Date('2027-03-29T08:00:00Z'),
  end: new Date('2027-03-29T09:00:00Z')
});

describe('the organiser\'s calendar through Microsoft Graph', () => {
  const graph = new FakeGraph(testTls());
  const chats: string[] = [];
  const teamwork = new FakeTeamwork(new Set([CATALOG_ID]), new Set([organiser.id, employee.id]), (id) => `a:${id}`, undefined, undefined, (threadId) => chats.push(threadId));
  graph.extensions.push(teamwork);
  const calendar = () => new GraphMeetingCalendar(createGraphClient({ credential, baseUrl: graph.url, timeoutMs: 5000, maxRetries: 2 }), { graphBaseUrl: graph.url, catalogId: CATALOG_ID });
  const failure = async (work: Promise<unknown>) => work.then(() => undefined, (error: BookingError) => ({ kind: error.kind, status: error.status, permission: error.permission }));

  beforeAll(() => graph.start());
  afterAll(() => graph.stop());
  beforeEach(() => {
    graph.recover();
    graph.requests.length = 0;
    for (const p of ['Calendars.ReadWrite', 'OnlineMeetings.Read.All', 'TeamsAppInstallation.ReadWriteSelfForChat.All', 'User.ReadBasic.All']) teamwork.granted.add(p);
  });

  it('books a Teams meeting with the attendee\'s address, finds its chat by the join link, installs the app there, and moves it', async () => {
    const booked = await calendar().book(request('c-1'));
    const [event] = teamwork.events.get(organiser.id)!;
    expect(event).toMatchObject({ id: booked.eventId, transactionId: 'c-1', attendees: [{ emailAddress: { address: FakeTeamwork.mailOf(employee.id), name: employee.name } }], start: { dateTime: '2027-03-29T08:00:00.000', timeZone: 'UTC' } });
    expect(booked.joinUrl).toBe(event.onlineMeeting!.joinUrl);
    const threadId = await calendar().chatOf(organiser.id, booked.joinUrl);
    expect(threadId).toBe(event.threadId);
    expect(chats).toEqual([threadId]);
    // Found and installed again (a retried job): 409 is fine, the same chat.
    expect(await calendar().chatOf(organiser.id, booked.joinUrl)).toBe(threadId);
    await calendar().move(organiser.id, booked.eventId, new Date('2027-03-26T13:00:00Z'), new Date('2027-03-26T14:00:00Z'));
    expect(teamwork.events.get(organiser.id)![0].start.dateTime).toBe('2027-03-26T13:00:00.000');
  });

  it('makes one event of a request sent again with the same transactionId, and waits out a 429', async () => {
    graph.failNext('429');
    const first = await calendar().book(request('c-2'));
    const again = await calendar().book(request('c-2'));
    expect(again.eventId).toBe(first.eventId);
    expect(teamwork.events.get(organiser.id)!.filter((e) => e.transactionId === 'c-2')).toHaveLength(1);
  });

  it('names the missing permission of the step Graph refused', async () => {
    teamwork.granted.delete('Calendars.ReadWrite');
    expect(await failure(calendar().book(request('c-3')))).toEqual({ kind: 'permission', status: 403, permission: 'Calendars.ReadWrite' });
    teamwork.granted.delete('User.ReadBasic.All');
    expect(await failure(calendar().book(request('c-3')))).toEqual({ kind: 'permission', status: 403, permission: 'User.ReadBasic.All' });
    teamwork.granted.add('Calendars.ReadWrite');
    teamwork.granted.add('User.ReadBasic.All');
    const booked = await calendar().book(request('c-3'));
    teamwork.granted.delete('OnlineMeetings.Read.All');
    expect(await failure(calendar().chatOf(organiser.id, booked.joinUrl))).toEqual({ kind: 'permission', status: 403, permission: 'OnlineMeetings.Read.All' });
    teamwork.granted.add('OnlineMeetings.Read.All');
    teamwork.granted.delete('TeamsAppInstallation.ReadWriteSelfForChat.All');
    expect(await failure(calendar().chatOf(organiser.id, booked.joinUrl))).toEqual({ kind: 'permission', status: 403, permission: 'TeamsAppInstallation.ReadWriteSelfForChat.All' });
  });

  it('calls a Graph that keeps failing unavailable, to be tried again, and a meeting not found yet the same', async () => {
    graph.failAlways('503');
    expect(await failure(calendar().book(request('c-4')))).toEqual({ kind: 'unavailable', status: 503, permission: undefined });
    graph.recover();
    expect(await failure(calendar().chatOf(organiser.id, 'https://teams.microsoft.com/l/meetup-join/unknown'))).toEqual({ kind: 'unavailable', status: 404, permission: undefined });
  });

  it('reads a meeting as Outlook has it now, in UTC, and says when it is gone', async () => {
    const booked = await calendar().book(request('c-5'));
    teamwork.moveInOutlook(organiser.id, booked.eventId, new Date('2027-04-01T12:30:00Z'), new Date('2027-04-01T14:00:00Z'));
    expect(await calendar().eventOf(organiser.id, booked.eventId)).toEqual({ start: new Date('2027-04-01T12:30:00Z'), end: new Date('2027-04-01T14:00:00Z'), cancelled: false });
    const asked = graph.requests.filter((r) => r.method === 'GET' && r.rawPath.endsWith(encodeURIComponent(booked.eventId)));
    expect(asked[0].query).toMatchObject({ $select: 'start,end,isCancelled' });
    expect(await calendar().eventOf(organiser.id, 'AAMkADunknown')).toBeUndefined();
  });

  it('cancels a meeting with the comment for the attendees, and counts a meeting cancelled already as cancelled', async () => {
    const booked = await calendar().book(request('c-6'));
    await calendar().cancel(organiser.id, booked.eventId, 'MUS er aflyst i Udviklingssamtale.');
    const event = teamwork.events.get(organiser.id)!.find((e) => e.id === booked.eventId)!;
    expect(event).toMatchObject({ isCancelled: true, cancellationComment: 'MUS er aflyst i Udviklingssamtale.' });
    // Sent again (the first answer lost): Graph refuses with 400, and it is cancelled all the same.
    await calendar().cancel(organiser.id, booked.eventId, 'MUS er aflyst i Udviklingssamtale.');
    expect(graph.requests.filter((r) => r.rawPath.endsWith('/cancel')).length).toBe(2);
    await calendar().cancel(organiser.id, 'AAMkADunknown', '');
    expect(await calendar().eventOf(organiser.id, booked.eventId)).toMatchObject({ cancelled: true });
  });

  it('names Calendars.ReadWrite when cancelling or reading a meeting is not permitted', async () => {
    const booked = await calendar().book(request('c-7'));
    teamwork.granted.delete('Calendars.ReadWrite');
    expect(await failure(calendar().cancel(organiser.id, booked.eventId, ''))).toEqual({ kind: 'permission', status: 403, permission: 'Calendars.ReadWrite' });
    expect(await failure(calendar().eventOf(organiser.id, booked.eventId))).toEqual({ kind: 'permission', status: 403, permission: 'Calendars.ReadWrite' });
  });
});
