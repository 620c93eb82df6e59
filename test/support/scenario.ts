import { startBot, type BotProcess } from './botProcess';
import { FakeConnector, type TeamsUser } from './fakeConnector';
import { TeamsClient, type Chat } from './teamsClient';

export const lene: TeamsUser = { id: '29:lene', aadObjectId: '00000000-0000-0000-0000-00000000aaaa', name: 'Lene Løvgren' };
export const soeren: TeamsUser = { id: '29:soeren', aadObjectId: '00000000-0000-0000-0000-00000000bbbb', name: 'Søren Ærø' };
export const meeting: Chat = { id: '19:meeting_mus@thread.v2', type: 'groupChat' };

/** The shared card in the meeting chat, as everyone sees it now. */
export function sharedCard(connector: FakeConnector, chat: Chat = meeting): { id: string; card: any } {
  const first = connector.sentTo(chat.id)[0];
  return { id: first.activityId, card: connector.currentCard(chat.id, first.activityId) };
}

/** Lene creates a MUS with Søren in the meeting chat; returns the conversation id. */
export async function createMus(teams: TeamsClient, connector: FakeConnector, date = '2030-03-14', chat: Chat = meeting): Promise<string> {
  await teams.say(lene, chat, 'ny mus');
  const home = sharedCard(connector, chat);
  // Tests and the benchmark hold many MUS between the two at once: each is created despite any open one, as a leader may.
  const { card } = await teams.press(lene, chat, home.id, home.card, 'mus.create', { employeeId: soeren.aadObjectId, date, format: 'table', despiteOpen: true });
  const start = card.actions.find((a: any) => a.verb === 'session.start');
  if (!start) throw new Error(`MUS not created: ${JSON.stringify(card)}`);
  return start.data.cid;
}

/** Both pick three keywords (through the card data, wherever their card is) and Lene starts. */
export async function pickAndStart(teams: TeamsClient, connector: FakeConnector, cid: string, chat: Chat = meeting): Promise<void> {
  const home = sharedCard(connector, chat);
  await teams.execute(lene, chat, home.id, 'keywords.pick', { cid, keywords: 'Mod,Ansvar,Planlægning' });
  await teams.execute(soeren, chat, home.id, 'keywords.pick', { cid, keywords: 'Feedback,Nærvær,Økonomi' });
  await teams.press(lene, chat, home.id, sharedCard(connector, chat).card, 'session.start');
}

/** A whole MUS in a chat, up to the leader pressing "finish"; returns the card Lene got back. */
export async function finishMus(world: World, chat: Chat, date: string, followUpDate = '2030-06-01'): Promise<{ cid: string; card: any }> {
  world.connector.addConversation(chat.id, [lene, soeren]);
  const cid = await createMus(world.teams, world.connector, date, chat);
  await pickAndStart(world.teams, world.connector, cid, chat);
  const home = sharedCard(world.connector, chat).id;
  await world.teams.execute(lene, chat, home, 'agreement.save', { cid, perspectiveId: 'struktur', what: 'Ugentlig koordinering med Økonomi', when: 'Fra februar', responsibleId: soeren.aadObjectId, followUpDate });
  const { card } = await world.teams.execute(lene, chat, home, 'session.finish', { cid });
  return { cid, card };
}

export interface World {
  connector: FakeConnector;
  bot: BotProcess;
  teams: TeamsClient;
  /** Kills the app and starts a new process on the same data folder. */
  restart(): Promise<void>;
}

/**
 * A fake Bot Connector with Lene and Søren in a meeting chat, and the built app running against
 * it as its own process: started before the file's tests, stopped after them.
 */
export function useBot(options: { users?: TeamsUser[]; unreachable?: TeamsUser[]; env?: () => Record<string, string> } = {}): World {
  const world = {} as World;
  world.restart = async () => {
    const { dataDir } = world.bot;
    await world.bot.stop();
    world.bot = await startBot({ dataDir, env: options.env?.() });
    world.teams = new TeamsClient(world.bot.url, world.connector);
  };
  beforeAll(async () => {
    world.connector = new FakeConnector([lene, soeren, ...(options.users ?? [])]);
    world.connector.addConversation(meeting.id, [lene, soeren]);
    for (const user of options.unreachable ?? []) world.connector.unreachable.add(user.aadObjectId);
    await world.connector.start();
    world.bot = await startBot({ env: options.env?.() });
    world.teams = new TeamsClient(world.bot.url, world.connector);
  });
  afterAll(async () => {
    await world.bot?.stop();
    await world.connector?.stop();
  });
  return world;
}

/** Waits until a condition holds, polling for up to `seconds`. */
export async function eventually(check: () => boolean, what: string, seconds = 15): Promise<void> {
  for (let i = 0; i < seconds * 10 && !check(); i++) await new Promise((r) => setTimeout(r, 100));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}
