import { cardOf, type TeamsUser } from '../support/fakeConnector';
import { FakeGraph, graphFilingEnv, testTls } from '../support/fakeGraph';
import { FakeTeamwork } from '../support/fakeGraphTeamwork';
import { eventually, lene, quiet, seen, soeren, useBot, type World } from '../support/scenario';
import { actionsOf, textOf, type Chat } from '../support/teamsClient';

jest.setTimeout(120000);

const CATALOG_ID = 'b2f7c1d0-0000-4000-8000-0000000000c1';
/** Lene's own leader. */
const birgitte: TeamsUser = { id: '29:birgitte', aadObjectId: '00000000-0000-0000-0000-00000000dddd', name: 'Birgitte Bach' };
const people = [lene, soeren, birgitte];

const graph = new FakeGraph(testTls());
beforeAll(() => graph.start());
afterAll(() => graph.stop());
const world: World = useBot({
  users: [birgitte],
  unreachable: [soeren],
  env: () =>
    graphFilingEnv(graph, { GRAPH_INSTALL_APP: 'true', GRAPH_BOOK_MEETINGS: 'true', TEAMS_APP_CATALOG_ID: CATALOG_ID, GRAPH_MAX_RETRIES: '2', GRAPH_CALENDAR_FOLLOW_MS: '1000', JOB_INTERVAL_MS: '300', JOB_FIRST_RETRY_MS: '300', JOB_MAX_RETRY_MS: '600' })
});
const byAad = (id: string) => people.find((p) => p.aadObjectId === id)!;
// As in Teams: the app installed for a person opens their 1:1 chat; a meeting's chat has its people, and the bot only once the app is in it.
const teamwork = new FakeTeamwork(
  new Set([CATALOG_ID]),
  new Set(people.map((p) => p.aadObjectId)),
  (id) => `a:personal-${id}`,
  (id) => {
    world.connector.unreachable.delete(id);
    world.connector.addConversation(world.connector.personalChatOf(byAad(id)), [byAad(id)]);
  },
  (threadId, ids) => {
    world.connector.closedChats.add(threadId);
    world.connector.addConversation(threadId, ids.map(byAad));
  },
  (threadId) => world.connector.closedChats.delete(threadId)
);
graph.extensions.push(teamwork);

const personal = (user: TeamsUser): Chat => ({ id: world.connector.personalChatOf(user), type: 'personal' });
const lastIn = (chat: Chat) => {
  const sent = world.connector.sentTo(chat.id);
  const last = sent[sent.length - 1];
  return { id: last.activityId, card: world.connector.currentCard(chat.id, last.activityId) };
};
const textsTo = (user: TeamsUser) => world.connector.sentTo(world.connector.personalChatOf(user)).map((p) => p.activity.text ?? textOf(cardOf(p.activity)));
const eventsOf = (user: TeamsUser) => teamwork.events.get(user.aadObjectId) ?? [];

/** A leader writes the command in their 1:1 chat and books the conversation on the create card; returns the create card's id. */
async function book(leader: TeamsUser, command: string, employee: TeamsUser, typed: Record<string, string>): Promise<string> {
  await world.teams.say(leader, personal(leader), command);
  const create = lastIn(personal(leader));
  expect(textOf(create.card)).toContain('Book samtalen som Teams-møde i Outlook og inviter deltagerne');
  const { card } = await world.teams.press(leader, personal(leader), create.id, create.card, 'mus.create', { employeeId: employee.aadObjectId, format: 'table', despiteOpen: true, ...typed });
  if (!actionsOf(card).some((a) => a.verb === 'session.start')) throw new Error(`not created: ${textOf(card)}`);
  return create.id;
}

describe('a conversation booked from the leader\'s 1:1 chat', () => {
  let meetingChat: Chat;

  it('installs the app for an employee who never did, books a Teams meeting at the right time after the change to summer time, and posts the card into its chat', async () => {
    graph.failNext('429');
    const createCard = await book(lene, 'ny mus', soeren, { date: '2027-03-29', time: '10:00' });
    await eventually(() => eventsOf(lene).length === 1 && world.connector.sentTo(eventsOf(lene)[0].threadId).length > 0, 'the booked meeting and its card');
    await quiet(world.connector);

    expect(teamwork.installs).toContainEqual({ userId: soeren.aadObjectId, status: 201 });
    expect(textsTo(soeren).join('\n')).toContain('Vælg de 3 stikord');
    const [event] = eventsOf(lene);
    // 10:00 in Copenhagen on 29 March 2027 is summer time: 08:00 UTC.
    expect(event).toMatchObject({
      start: { dateTime: '2027-03-29T08:00:00.000', timeZone: 'UTC' },
      end: { dateTime: '2027-03-29T09:00:00.000', timeZone: 'UTC' },
      isOnlineMeeting: true,
      onlineMeetingProvider: 'teamsForBusiness',
      subject: 'MUS: Lene Løvgren og Søren Ærø',
      attendees: [{ type: 'required', emailAddress: { address: FakeTeamwork.mailOf(soeren.aadObjectId), name: soeren.name } }],
      location: { displayName: 'Ved et bord' }
    });
    expect(event.body.content).toContain('vælg dine 3 stikord på stikordskortet, der venter på dig i din chat med Udviklingssamtale');
    expect(event.transactionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(teamwork.chatApps.get(event.threadId)).toEqual(new Set([CATALOG_ID]));

    meetingChat = { id: event.threadId, type: 'groupChat' };
    const shared = world.connector.currentCard(meetingChat.id, world.connector.sentTo(meetingChat.id)[0].activityId);
    expect(shared.refresh.userIds).toEqual(expect.arrayContaining([lene.id, soeren.id]));
    expect(textOf(shared)).not.toMatch(/Søren|Lene/);
    expect(textOf((await seen(world, soeren, meetingChat)).card)).toContain('Teams-møde kl. 10:00 (1 time)');
    expect(textsTo(lene).join('\n')).toContain('Jeg har booket samtalen i din kalender som et Teams-møde den 29. marts 2027 kl. 10.00–11.00.');
    expect(textOf(world.connector.currentCard(personal(lene).id, createCard))).toContain('Samtalekortet ligger nu i mødets chat i Teams.');
  });

  it('moves the meeting when the leader moves the conversation on the meeting card', async () => {
    const mine = await seen(world, lene, meetingChat);
    const { card } = await world.teams.press(lene, meetingChat, mine.id, mine.card, 'meeting.move', { meetingDate: '2027-03-26', meetingTime: '14:00' });
    expect(textOf(card)).toContain('Samtalen er flyttet.');
    // Before summer time: 14:00 in Copenhagen is 13:00 UTC.
    await eventually(() => eventsOf(lene)[0].start.dateTime === '2027-03-26T13:00:00.000', 'the event to move');
    expect(eventsOf(lene)[0].end.dateTime).toBe('2027-03-26T14:00:00.000');
    expect(eventsOf(lene)).toHaveLength(1);
    await eventually(() => textsTo(lene).some((t) => t.includes('Mødet er flyttet til den 26. marts 2027 kl. 14.00–15.00')), 'the leader to be told');
  });

  it('lets the leader nudge those who have not picked: the keyword card again in their own chat, once a day', async () => {
    const mine = await seen(world, lene, meetingChat);
    const before = world.connector.sentTo(personal(soeren).id).length;
    const { card } = await world.teams.press(lene, meetingChat, mine.id, mine.card, 'preparation.nudge');
    expect(textOf(card)).toContain('Jeg har sendt en påmindelse med stikordskortet til Søren Ærø.');
    await world.teams.press(lene, meetingChat, mine.id, mine.card, 'preparation.nudge');
    const nudges = world.connector.sentTo(personal(soeren).id).slice(before).map((p) => textOf(cardOf(p.activity)));
    expect(nudges).toHaveLength(1);
    expect(nudges[0]).toContain('Husk at forberede dig: MUS med Lene Løvgren er den 26. marts 2027. Du har ikke valgt dine 3 stikord endnu');
    expect(nudges[0]).toContain('Vælg de 3 stikord');
  });

  it('follows the meeting when the organiser moves it in Outlook: the conversation, its length, its card, and a word to the leader', async () => {
    const [event] = eventsOf(lene);
    // 09:00–10:30 in Copenhagen on 31 March 2027, summer time.
    teamwork.moveInOutlook(lene.aadObjectId, event.id, new Date('2027-03-31T07:00:00Z'), new Date('2027-03-31T08:30:00Z'));
    await eventually(() => textsTo(lene).some((t) => t.includes('Mødet er flyttet i Outlook til den 31. marts 2027 kl. 09.00–10.30')), 'the leader to be told');
    expect(textOf((await seen(world, lene, meetingChat)).card)).toContain('Teams-møde kl. 09:00 (1½ time)');
    await new Promise((r) => setTimeout(r, 1500));
    expect(textsTo(lene).filter((t) => t.includes('Mødet er flyttet i Outlook'))).toHaveLength(1);
    // The calendar's own move is not sent back to it.
    expect(graph.requests.filter((r) => r.method === 'PATCH' && r.rawPath.includes(encodeURIComponent(event.id)))).toHaveLength(1);
  });

  it('cancels the meeting, retires every card and tells the employee when the leader cancels the conversation; its cards then say it is gone', async () => {
    const [event] = eventsOf(lene);
    const soerensCard = world.connector.sentTo(personal(soeren).id).find((p) => textOf(cardOf(p.activity)).includes('Vælg de 3 stikord'))!;
    const mine = await seen(world, lene, meetingChat);
    expect(textOf(mine.card)).toContain('Aflys samtalen');
    const { card } = await world.teams.press(lene, meetingChat, mine.id, mine.card, 'conversation.cancel', { cancelMessage: 'Vi finder en ny dato efter påske.' });
    expect(textOf(card)).toContain('MUS den 31. marts 2027 er aflyst. De valgte stikord er slettet.');
    await eventually(() => event.isCancelled === true, 'the meeting to be cancelled');
    expect(event.cancellationComment).toBe('MUS er aflyst i Udviklingssamtale.\n\nVi finder en ny dato efter påske.');
    await eventually(() => textsTo(lene).some((t) => t.includes('Mødet den 31. marts 2027 kl. 09.00–10.30 er aflyst i din kalender')), 'the leader to be told');
    await quiet(world.connector);
    expect(textsTo(soeren).join('\n')).toContain('Lene Løvgren har aflyst MUS den 31. marts 2027. Dine stikord er slettet.\n\nBesked fra Lene Løvgren: »Vi finder en ny dato efter påske.«');
    expect(textOf(world.connector.currentCard(personal(soeren).id, soerensCard.activityId))).toContain('er aflyst');
    const shared = world.connector.currentCard(meetingChat.id, world.connector.sentTo(meetingChat.id)[0].activityId);
    expect(textOf(shared)).toContain('er aflyst');
    expect(textOf(shared)).not.toMatch(/Søren|Lene/);
    expect(actionsOf(shared)).toEqual([]);
    // The old keyword card sent again (a client that had not refreshed): the conversation is gone once the job is done.
    const replay = () => world.teams.execute(soeren, personal(soeren), soerensCard.activityId, 'keywords.pick', { ...actionsOf(cardOf(soerensCard.activity)).find((a) => a.verb === 'keywords.pick')!.data, keywords: 'Tillid' });
    let answer = textOf((await replay()).card);
    for (let i = 0; i < 50 && !answer.includes('findes ikke (længere)'); i++) answer = textOf((await new Promise((r) => setTimeout(r, 100)).then(replay)).card);
    expect(answer).toContain('Samtalen findes ikke (længere).');
  });

  it('is booked by the leader\'s leader for a LUS, 1½ hours in their own calendar', async () => {
    world.connector.addConversation(personal(lene).id, [lene]);
    await book(birgitte, 'ny lus', lene, { date: '2027-03-26', time: '09:00' });
    await eventually(() => eventsOf(birgitte).length === 1, 'the LUS meeting');
    expect(eventsOf(birgitte)[0]).toMatchObject({
      start: { dateTime: '2027-03-26T08:00:00.000' },
      end: { dateTime: '2027-03-26T09:30:00.000' },
      attendees: [{ emailAddress: { address: FakeTeamwork.mailOf(lene.aadObjectId) } }]
    });
  });

  it('names a missing permission to the leader, keeps the booking waiting, and books it once the permission is granted', async () => {
    teamwork.granted.delete('Calendars.ReadWrite');
    const before = eventsOf(lene).length;
    await book(lene, 'ny mus', soeren, { date: '2027-04-05', time: '11:00' });
    await eventually(() => textsTo(lene).some((t) => t.includes('fordi appen mangler tilladelsen Calendars.ReadWrite i Microsoft Graph')), 'the leader to be told');
    await new Promise((r) => setTimeout(r, 1000));
    expect(textsTo(lene).filter((t) => t.includes('mangler tilladelsen Calendars.ReadWrite'))).toHaveLength(1);
    teamwork.granted.add('Calendars.ReadWrite');
    await eventually(() => eventsOf(lene).length === before + 1, 'the meeting to be booked after all');
  });

  it('refuses booking without a time, in Danish, and creates nothing', async () => {
    await world.teams.say(lene, personal(lene), 'ny mus');
    const create = lastIn(personal(lene));
    const { card } = await world.teams.press(lene, personal(lene), create.id, create.card, 'mus.create', { employeeId: soeren.aadObjectId, date: '2027-04-06', format: 'table', despiteOpen: true });
    expect(textOf(card)).toContain('Vælg et klokkeslæt for mødet, f.eks. 10:00.');
    expect(actionsOf(card).map((a) => a.verb)).toContain('mus.create');
  });
});
