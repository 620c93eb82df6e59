import { FakeGraph, graphFilingEnv, testTls } from '../support/fakeGraph';
import { cardOf } from '../support/fakeConnector';
import { finishMus, lene, soeren, useBot } from '../support/scenario';
import { textOf, type Chat } from '../support/teamsClient';

const graph = new FakeGraph(testTls());
beforeAll(() => graph.start());
afterAll(() => graph.stop());

describe('the leader\'s yearly overview', () => {
  const world = useBot({ env: () => graphFilingEnv(graph, { GRAPH_DIRECT_REPORTS: 'true', CLOCK_START: '2031-02-20T09:00:00Z' }) });
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
    expect(graph.requests.filter((r) => r.rawPath.endsWith('/directReports/microsoft.graph.user'))).toHaveLength(2);

    graph.directoryForbidden = true;
    const fallback = await overview();
    expect(fallback).toContain('Listen viser dem, du har holdt samtaler med her.');
    expect(fallback).toContain('Søren Ærø');
    expect(fallback).not.toContain('Ahmad Jensen');
  });
});
