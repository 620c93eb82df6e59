import type { Chat } from '../support/teamsClient';
import { FakeGraph, graphFilingEnv, testTls } from '../support/fakeGraph';
import { eventually, finishMus, lene, useBot, type World } from '../support/scenario';
import { cardOf } from '../support/fakeConnector';
import { textOf } from '../support/teamsClient';

jest.setTimeout(60000);

const graph = new FakeGraph(testTls());
const driveId = 'b!personalearkiv_Albertslund-01';
beforeAll(() => graph.start());
afterAll(() => graph.stop());

const chat = (name: string): Chat => ({ id: `19:${name}@thread.v2`, type: 'groupChat' });
const lenesMessages = (world: World) => world.connector.sentTo(world.connector.personalChatOf(lene)).map((p) => p.activity);

describe('filing into the personnel archive (FILING_TARGET=archive), a SharePoint document library', () => {
  const world = useBot({ env: () => graphFilingEnv(graph, { FILING_TARGET: 'archive', PERSONNEL_DRIVE: driveId, GRAPH_MAX_RETRIES: '1', OUTBOX_FIRST_RETRY_MS: '300' }) });
  beforeEach(() => graph.recover());

  it('files the finished plan in the employee\'s folder of the library, not in the leader\'s OneDrive', async () => {
    graph.libraries.set(driveId, true);
    await finishMus(world, chat('archive'), '2030-02-11');
    await eventually(() => graph.files.size === 1, 'the plan to be filed');
    expect([...graph.files.keys()]).toEqual([`drives/${driveId}/Søren Ærø/MUS 2030-02-11 Søren Ærø.pdf`]);
    expect(graph.uploads().map((r) => r.rawPath)).toEqual([
      `/v1.0/drives/${driveId}/root:/S%C3%B8ren%20%C3%86r%C3%B8/MUS%202030-02-11%20S%C3%B8ren%20%C3%86r%C3%B8.pdf:/content`
    ]);
    // The receipt names the file's place in the archive.
    await eventually(() => lenesMessages(world).some((a) => textOf(cardOf(a)).includes('Søren Ærø/MUS 2030-02-11 Søren Ærø.pdf')), 'the receipt');
  });

  it('names Sites.Selected and the archive while its site is not granted, and files the plan once when it is', async () => {
    graph.libraries.set(driveId, false);
    const before = graph.files.size;
    const { card } = await finishMus(world, chat('not-granted'), '2030-02-12');
    expect(textOf(card)).toContain('kunne ikke gemmes i personalearkivet, fordi appen mangler tilladelsen Sites.Selected');
    expect(graph.files.size).toBe(before);

    graph.libraries.set(driveId, true);
    await eventually(() => graph.files.size === before + 1, 'the plan to be filed once the site is granted');
    await eventually(() => lenesMessages(world).some((a) => textOf(cardOf(a)).includes('Planen er nu gemt i personalemappen.')), 'the receipt');
    await new Promise((r) => setTimeout(r, 600));
    expect([...graph.files.keys()].filter((k) => k.includes('2030-02-12'))).toEqual([`drives/${driveId}/Søren Ærø/MUS 2030-02-12 Søren Ærø.pdf`]);
  });
});
