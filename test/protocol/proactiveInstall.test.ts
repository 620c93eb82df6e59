import { cardOf, type TeamsUser } from '../support/fakeConnector';
import { FakeGraph, graphFilingEnv, testTls } from '../support/fakeGraph';
import { FakeTeamwork } from '../support/fakeGraphTeamwork';
import { createMus, eventually, lene, quiet, seen, sharedCard, soeren, useBot } from '../support/scenario';
import { textOf, type Chat } from '../support/teamsClient';

jest.setTimeout(90000);

const CATALOG_ID = 'b2f7c1d0-0000-4000-8000-0000000000c1';
const maren: TeamsUser = { id: '29:maren', aadObjectId: '00000000-0000-0000-0000-00000000cccc', name: 'Maren Møller' };
const graph = new FakeGraph(testTls());
beforeAll(() => graph.start());
afterAll(() => graph.stop());
const world = useBot({
  users: [maren],
  unreachable: [soeren, maren],
  env: () => graphFilingEnv(graph, { GRAPH_INSTALL_APP: 'true', TEAMS_APP_CATALOG_ID: CATALOG_ID, GRAPH_MAX_RETRIES: '2' })
});
// As in Teams: once the app is installed for a person, the bot may write to them, in the chat Graph names.
const teamwork = new FakeTeamwork(new Set([CATALOG_ID]), new Set([lene, soeren, maren].map((u) => u.aadObjectId)), (id) => `a:personal-${id}`, (id) => world.connector.unreachable.delete(id));
graph.extensions.push(teamwork);

describe('a participant who never installed the app', () => {
  it('gets the app installed through Graph (after a 429) and the keyword card in their own chat, and is not named as unreached', async () => {
    graph.failNext('429');
    await createMus(world.teams, world.connector);
    await eventually(() => world.connector.sentTo(world.connector.personalChatOf(soeren)).length > 0, 'Søren’s keyword card');
    await quiet(world.connector);
    expect(teamwork.installs).toEqual([{ userId: soeren.aadObjectId, status: 201 }]);
    const sorens = world.connector.sentTo(world.connector.personalChatOf(soeren));
    expect(textOf(cardOf(sorens[0].activity))).toContain('Samtalen med Lene Løvgren');
    expect(textOf((await seen(world, lene)).card)).not.toContain('Jeg kunne ikke skrive privat');
  });

  it('is reached in the kept chat the next time, without installing again', async () => {
    const before = world.connector.sentTo(world.connector.personalChatOf(soeren)).length;
    const chat: Chat = { id: '19:meeting_second@thread.v2', type: 'groupChat' };
    world.connector.addConversation(chat.id, [lene, soeren]);
    await createMus(world.teams, world.connector, '2030-04-02', chat);
    await eventually(() => world.connector.sentTo(world.connector.personalChatOf(soeren)).length > before, 'the second keyword card');
    expect(teamwork.installs).toHaveLength(1);
  });

  it('is named to the leader and picks on the shared card when the app lacks the permission to install (403)', async () => {
    teamwork.granted.clear();
    const chat: Chat = { id: '19:meeting_maren@thread.v2', type: 'groupChat' };
    world.connector.addConversation(chat.id, [lene, maren]);
    await world.teams.say(lene, chat, 'ny mus');
    const home = sharedCard(world.connector, chat);
    await world.teams.press(lene, chat, home.id, home.card, 'mus.create', { employeeId: maren.aadObjectId, date: '2030-04-03', format: 'table', despiteOpen: true });
    await quiet(world.connector);
    expect(textOf((await seen(world, lene, chat)).card)).toContain('Jeg kunne ikke skrive privat til Maren Møller');
    expect(world.connector.sentTo(world.connector.personalChatOf(maren))).toHaveLength(0);
    expect(teamwork.installs.filter((i) => i.userId === maren.aadObjectId)).toEqual([]);
    expect(world.bot.output()).toContain('"permission":"TeamsAppInstallation.ReadWriteSelfForUser.All"');
  });
});
