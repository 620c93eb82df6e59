import { FakeGraph, graphFilingEnv, testTls } from '../support/fakeGraph';
import { cardOf } from '../support/fakeConnector';
import { finishMus, lene, sharedCard, soeren, useBot } from '../support/scenario';
import { stranger } from '../support/users';
import { textOf, type Chat } from '../support/teamsClient';

const graph = new FakeGraph(testTls());
beforeAll(() => graph.start());
afterAll(() => graph.stop());

describe('the leader\'s yearly overview', () => {
  const world = useBot({ users: [stranger], env: () => graphFilingEnv(graph, { GRAPH_DIRECT_REPORTS: 'true', CLOCK_START: '2031-02-20T09:00:00Z' }) });
  const lenesChat: Chat = { id: `a:personal-${lene.aadObjectId}`, type: 'personal' };
  const overview = async () => {
    await world.teams.say(lene, lenesChat, 'oversigt');
    const sent = world.connector.sentTo(lenesChat.id);
    return textOf(cardOf(sent[sent.length - 1].activity));
  };

  it('lists the direct reports from Graph with where each stands, and falls back to her conversations without the permission', async () => {
    graph.directReports.set(lene.aadObjectId, [
      { id: soeren.aadObjectId, displayName: 'Søren Ærø' },
      { id: 'aad-ahmad', displayName: 'Ahmad Jensen' },
      { id: 'aad-mette', displayName: 'Mette Østergaard' }
    ]);
    await finishMus(world, { id: '19:mus-soeren@thread.v2', type: 'groupChat' }, '2031-02-20', '2031-06-01');

    const text = await overview();
    expect(text).toContain('Listen viser dem, der refererer til dig, og dem, du har holdt samtaler med.');
    expect(text).toContain('Ahmad Jensen\nIngen udviklingssamtale endnu');
    expect(text).toContain('Mette Østergaard\nIngen udviklingssamtale endnu');
    expect(text).toContain('Søren Ærø\nI orden – næste senest 20. februar 2032\nSidste samtale: 20. februar 2031');
    // Two pages when the MUS was created (is Søren hers?), two for the overview.
    expect(graph.requests.filter((r) => r.rawPath.endsWith('/directReports/microsoft.graph.user'))).toHaveLength(4);

    graph.directoryForbidden = true;
    const fallback = await overview();
    expect(fallback).toContain('Listen viser dem, du har holdt samtaler med her.');
    expect(fallback).toContain('Søren Ærø');
    expect(fallback).not.toContain('Ahmad Jensen');
  });

  it('lets a leader hold conversations only with people who report to her, when the directory can say', async () => {
    graph.directoryForbidden = false;
    graph.directReports.set(lene.aadObjectId, [{ id: soeren.aadObjectId, displayName: 'Søren Ærø' }]);
    const chat: Chat = { id: '19:not-mine@thread.v2', type: 'groupChat' };
    world.connector.addConversation(chat.id, [lene, soeren, stranger]);
    await world.teams.say(lene, chat, 'ny mus');
    const create = sharedCard(world.connector, chat);
    const refused = await world.teams.press(lene, chat, create.id, create.card, 'mus.create', { employeeId: stranger.aadObjectId, date: '2031-03-01', format: 'table' });
    expect(textOf(refused.card)).toContain(`Ifølge organisationens katalog refererer disse ikke til dig: ${stranger.name}.`);
    const created = await world.teams.press(lene, chat, create.id, create.card, 'mus.create', { employeeId: soeren.aadObjectId, date: '2031-03-01', format: 'table' });
    expect(textOf(created.card)).toContain('MUS med Søren Ærø');
  });
});
