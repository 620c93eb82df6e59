import { startBot, type BotProcess } from './botProcess';
import { cardOf, FakeConnector, type TeamsUser } from './fakeConnector';
import { TeamsClient, textOf, type Chat } from './teamsClient';

export const lene: TeamsUser = { id: '29:lene', aadObjectId: '00000000-0000-0000-0000-00000000aaaa', name: 'Lene Løvgren' };
export const soeren: TeamsUser = { id: '29:soeren', aadObjectId: '00000000-0000-0000-0000-00000000bbbb', name: 'Søren Ærø' };
export const meeting: Chat = { id: '19:meeting_mus@thread.v2', type: 'groupChat' };

/** The shared card in the meeting chat, as the chat sees it now (in a meeting chat: nothing of the conversation). */
export function sharedCard(connector: FakeConnector, chat: Chat = meeting): { id: string; card: any } {
  const first = connector.sentTo(chat.id)[0];
  return { id: first.activityId, card: connector.currentCard(chat.id, first.activityId) };
}

/**
 * What a person sees on the shared card, as their Teams client shows it: where the card names them
 * for a refresh (Universal Actions' user-specific views), Teams asks the bot for their own view;
 * anyone else sees the card itself. Waits for the shared card to be in place after it was created.
 */
export async function seen(world: Pick<World, 'teams' | 'connector'>, user: TeamsUser, chat: Chat = meeting, activityId?: string): Promise<{ id: string; card: any }> {
  const current = () => (activityId ? { id: activityId, card: world.connector.currentCard(chat.id, activityId) } : sharedCard(world.connector, chat));
  let shared = current();
  for (let i = 0; i < 50 && !shared.card?.refresh && shared.card?.actions?.some((a: any) => a.verb === 'mus.create'); i++) {
    await new Promise((r) => setTimeout(r, 100));
    shared = current();
  }
  const refresh = shared.card?.refresh;
  if (!refresh?.userIds?.includes(user.id)) return shared;
  const { card } = await world.teams.execute(user, chat, shared.id, refresh.action.verb, refresh.action.data, 'automatic');
  return { id: shared.id, card };
}

/** Lene creates a MUS with Søren in the meeting chat; returns the conversation id. */
export async function createMus(teams: TeamsClient, connector: FakeConnector, date = '2030-03-14', chat: Chat = meeting): Promise<string> {
  await teams.say(lene, chat, 'ny mus');
  const home = sharedCard(connector, chat);
  // Tests and the benchmark hold many MUS between the two at once: each is created despite any open one, as a leader may.
  const { card } = await teams.press(lene, chat, home.id, home.card, 'mus.create', { employeeId: soeren.aadObjectId, date, format: 'table', despiteOpen: true });
  const start = card.actions.find((a: any) => a.verb === 'session.start');
  if (!start) throw new Error(`MUS not created: ${JSON.stringify(card)}`);
  // The keyword cards go out after Lene was answered.
  await delivered(connector, [lene, soeren], 'Vælg de 3 stikord');
  return start.data.cid;
}

/** Both pick three keywords (through the card data, wherever their card is) and Lene starts. */
export async function pickAndStart(teams: TeamsClient, connector: FakeConnector, cid: string, chat: Chat = meeting): Promise<void> {
  const home = sharedCard(connector, chat);
  await teams.execute(lene, chat, home.id, 'keywords.pick', { cid, keywords: 'Mod,Ansvar,Planlægning' });
  await teams.execute(soeren, chat, home.id, 'keywords.pick', { cid, keywords: 'Feedback,Nærvær,Økonomi' });
  await teams.press(lene, chat, home.id, (await seen({ teams, connector }, lene, chat)).card, 'session.start');
}

/** A whole MUS in a chat, up to the leader pressing "finish"; returns the card Lene got back. */
export async function finishMus(world: World, chat: Chat, date: string, followUpDate = '2030-06-01'): Promise<{ cid: string; card: any }> {
  world.connector.addConversation(chat.id, [lene, soeren]);
  const cid = await createMus(world.teams, world.connector, date, chat);
  await pickAndStart(world.teams, world.connector, cid, chat);
  const home = sharedCard(world.connector, chat).id;
  await world.teams.execute(lene, chat, home, 'agreement.save', { cid, perspectiveId: 'struktur', what: 'Ugentlig koordinering med Økonomi', when: 'Fra februar', responsibleId: soeren.aadObjectId, followUpDate });
  const { card } = await world.teams.execute(lene, chat, home, 'session.finish', { cid });
  // Søren's copy goes out after Lene was answered (hers is the filing's receipt, once it is filed).
  await delivered(world.connector, [soeren], 'Hent udviklingsplanen');
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

/**
 * Waits until the bot has gone quiet towards the Bot Connector: the work that follows an answer
 * (others' cards, copies) is done after it, so a test looks once no call has come for a while.
 */
export async function quiet(connector: FakeConnector, ms = 300, seconds = 15): Promise<void> {
  const lastCall = () => connector.calls[connector.calls.length - 1]?.at ?? 0;
  await new Promise((r) => setTimeout(r, ms));
  for (let i = 0; i < seconds * 20 && Date.now() - lastCall() < ms; i++) await new Promise((r) => setTimeout(r, 50));
}

/** Waits until every one of `people` the bot can reach privately has a card saying `text` in their 1:1 chat, and the bot has gone quiet. */
export async function delivered(connector: FakeConnector, people: TeamsUser[], text: string, seconds = 15): Promise<void> {
  const has = (user: TeamsUser) => connector.unreachable.has(user.aadObjectId) || connector.sentTo(connector.personalChatOf(user)).some((p) => textOf(cardOf(p.activity)).includes(text));
  await eventually(() => people.every(has), `every card saying ${text}`, seconds);
  await quiet(connector);
}

/** Waits until a condition holds, polling for up to `seconds`. */
export async function eventually(check: () => boolean, what: string, seconds = 15): Promise<void> {
  for (let i = 0; i < seconds * 10 && !check(); i++) await new Promise((r) => setTimeout(r, 100));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}
