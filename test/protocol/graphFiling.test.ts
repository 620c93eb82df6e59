import type { Chat } from '../support/teamsClient';
import { FakeGraph, graphFilingEnv, testTls } from '../support/fakeGraph';
import { eventually, finishMus, lene, useBot, type World } from '../support/scenario';
import { cardOf } from '../support/fakeConnector';
import { textOf } from '../support/teamsClient';

jest.setTimeout(60000);

const graph = new FakeGraph(testTls());
beforeAll(() => graph.start());
afterAll(() => graph.stop());

/** The app filing through Microsoft Graph with its own app registration (client secret), against the fake. */
const graphEnv = (retryMs: number) => () => graphFilingEnv(graph, { GRAPH_MAX_RETRIES: '1', OUTBOX_FIRST_RETRY_MS: String(retryMs) });

const chat = (name: string): Chat => ({ id: `19:${name}@thread.v2`, type: 'groupChat' });
const lenesMessages = (world: World) => world.connector.sentTo(world.connector.personalChatOf(lene)).map((p) => p.activity);


describe('filing through Microsoft Graph when Graph fails', () => {
  const world = useBot({ env: graphEnv(300) });
  beforeEach(() => graph.recover());

  it('keeps the plan through an outage, tells the leader, and files it exactly once when Graph is back', async () => {
    graph.failAlways('503');
    const { cid, card } = await finishMus(world, chat('outage'), '2030-01-15');
    expect(textOf(card)).toContain('OneDrive kunne ikke nås');
    expect(textOf(card)).toContain('Stop automatisk arkivering');
    expect(lenesMessages(world).map((a) => a.text ?? '').join('\n')).toContain('Planen er gemt sikkert hos mig og gemmes automatisk');
    expect(graph.files.size).toBe(0);

    graph.recover();
    await eventually(() => graph.files.size === 1, 'the plan to be filed');
    await eventually(() => lenesMessages(world).some((a) => textOf(cardOf(a)).includes('Planen er nu gemt i personalemappen.')), 'the receipt');
    await new Promise((r) => setTimeout(r, 600));
    expect([...graph.files.keys()]).toEqual([`${lene.aadObjectId}/Personalemapper/Søren Ærø/MUS 2030-01-15 Søren Ærø.pdf`]);

    const receipt = cardOf(lenesMessages(world).find((a) => textOf(cardOf(a)).includes('Planen er nu gemt i personalemappen.')));
    expect(JSON.stringify(receipt)).toContain('https://kommune-my.sharepoint.example/personal/');
    const download = receipt.actions.find((a: any) => a.type === 'Action.OpenUrl').url;
    const served = Buffer.from(await (await fetch(download)).arrayBuffer());
    expect([...graph.files.values()][0].bytes.equals(served)).toBe(true);
    expect(cid).toBeTruthy();
  });

  it('names the missing permission to the leader when Graph refuses the app', async () => {
    graph.failAlways('403');
    const { card } = await finishMus(world, chat('permission'), '2030-01-16');
    expect(textOf(card)).toContain('mangler tilladelsen Files.ReadWrite.All');
    expect(lenesMessages(world).map((a) => a.text ?? '').join('\n')).toContain('Bed jeres it-afdeling om at give administratorsamtykke');
  });
});

describe('filing through Microsoft Graph across a restart', () => {
  // Retries are an hour apart: only the restart makes the app try again.
  const world = useBot({ env: graphEnv(3_600_000) });

  it('files a plan left waiting in the outbox once the app starts again', async () => {
    graph.failAlways('503');
    await finishMus(world, chat('restart'), '2030-01-17');
    const before = graph.files.size;
    graph.recover();
    await world.restart();
    await eventually(() => graph.files.size === before + 1, 'the plan to be filed after the restart');
    expect([...graph.files.keys()]).toContain(`${lene.aadObjectId}/Personalemapper/Søren Ærø/MUS 2030-01-17 Søren Ærø.pdf`);
  });
});
