import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { startAzurite, type Azurite } from '../support/azurite';
import { startBot, type BotProcess } from '../support/botProcess';
import { FakeGraph, graphFilingEnv, testTls } from '../support/fakeGraph';
import { eventually, finishMus, lene, soeren, type World } from '../support/scenario';
import { cardOf, FakeConnector } from '../support/fakeConnector';
import { TeamsClient, textOf, type Chat } from '../support/teamsClient';

jest.setTimeout(90000);

/**
 * Two app instances on one storage account and one Graph: a waiting plan is filed by one instance
 * at a time, and when the instance filing it dies, the other takes over.
 */
describe('two instances of the app', () => {
  const graph = new FakeGraph(testTls());
  const connector = new FakeConnector([lene, soeren]);
  const dataDir = mkdtempSync(join(tmpdir(), 'two-instances-'));
  let azurite: Azurite;
  const bots: BotProcess[] = [];

  let firstStarted: number | undefined;
  const start = async () => {
    firstStarted ??= Date.now();
    const bot = await startBot({
      dataDir,
      env: {
        STORAGE: 'blob',
        AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
        STORAGE_CONTAINER: 'two-instances',
        // Friday 8 February 2030, 10:00 in Copenhagen: reminders may go out. A later instance's clock
        // goes on from the first one's, as real clocks do: one set back would see the dead instance's
        // claim on a plan as valid for as long as the first instance had run.
        CLOCK_START: new Date(Date.parse('2030-02-08T09:00:00Z') + (Date.now() - firstStarted)).toISOString(),
        REMINDER_INTERVAL_MS: '100',
        ...graphFilingEnv(graph, { GRAPH_MAX_RETRIES: '0', GRAPH_TIMEOUT_MS: '60000', OUTBOX_INTERVAL_MS: '150', OUTBOX_FIRST_RETRY_MS: '300', OUTBOX_CLAIM_MS: '2000' })
      }
    });
    bots.push(bot);
    return bot;
  };
  const world = (bot: BotProcess): World => ({ connector, bot, teams: new TeamsClient(bot.url, connector), restart: async () => undefined });
  const chat = (name: string): Chat => ({ id: `19:${name}@thread.v2`, type: 'groupChat' });
  const uploadsOf = (date: string) => graph.uploads().filter((u) => decodeURIComponent(u.rawPath).includes(`MUS ${date}`));

  beforeAll(async () => {
    azurite = await startAzurite();
    await graph.start();
    await connector.start();
  });

  afterAll(async () => {
    for (const bot of bots) await bot.stop();
    await connector.stop();
    await graph.stop();
    await azurite.stop();
  });

  it('lets the surviving instance file a plan whose filer died in the middle of uploading it', async () => {
    const first = await start();
    graph.failAlways('503');
    await finishMus(world(first), chat('dies'), '2030-02-10');
    graph.recover();
    graph.failNext('hang');
    await eventually(() => graph.hung === 1, 'the first instance to start uploading (and hang)');
    const attempts = uploadsOf('2030-02-10').length;
    await first.stop();

    await start();
    await eventually(() => graph.files.size === 1, 'the second instance to file the plan');
    expect(uploadsOf('2030-02-10')).toHaveLength(attempts + 1);
    expect([...graph.files.keys()]).toEqual([`${lene.aadObjectId}/Personalemapper/Søren Ærø/MUS 2030-02-10 Søren Ærø.pdf`]);
  });

  it('files a waiting plan from only one of two running instances', async () => {
    const [second] = bots.slice(-1);
    await start();
    graph.failAlways('503');
    await finishMus(world(second), chat('race'), '2030-02-11');
    const failedAttempts = uploadsOf('2030-02-11').length;
    graph.recover();
    await eventually(() => graph.files.size === 2, 'the plan to be filed');
    await new Promise((r) => setTimeout(r, 1500));
    expect(uploadsOf('2030-02-11')).toHaveLength(failedAttempts + 1);
  });

  it('sends a due reminder once to each person, though both running instances look for it', async () => {
    // The first instance is gone; the second and third are running.
    const reminders = (user: typeof lene) =>
      connector.sentTo(connector.personalChatOf(user)).filter((p) => textOf(cardOf(p.activity)).includes('Opfølgning på en aftale'));
    await finishMus(world(bots[bots.length - 1]), chat('reminded'), '2030-02-08', '2030-02-08');
    await eventually(() => reminders(lene).length > 0 && reminders(soeren).length > 0, 'the reminders');
    await new Promise((r) => setTimeout(r, 1500));
    expect([reminders(lene).length, reminders(soeren).length]).toEqual([1, 1]);
  });
});
