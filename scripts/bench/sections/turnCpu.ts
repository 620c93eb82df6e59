import { startAzurite } from '../../../test/support/azurite';
import type { BotProcess } from '../../../test/support/botProcess';
import { BenchClient, type TurnKind } from '../benchClient';
import { rounds, type Bench } from '../bench';
import { CpuMeter } from '../cpu';
import { assertHealthy, startApp, startFloor, startProgram, type Served } from '../programs';
import { atMost, roundsText, spread, times, type Row, type Section } from '../report';
import { ratiosOf, spreadOf } from '../stats';
import { forEachLimited, replayLane, type Lane } from '../traffic';
import { musWalk, playAll } from '../walks';
import { appAndFloor } from './appAndFloor';

/** Turns that send to every participant: held to the fan-out target (per member, section 4), not this one. */
export const FAN_OUTS: ReadonlySet<TurnKind> = new Set(['create', 'reveal', 'start', 'finish']);

/** Turns posted together, counted as one kind, and how many. */
export interface Batch {
  kind: TurnKind;
  turns: number;
  run(): Promise<unknown>;
}

export type KindCosts = Map<TurnKind | 'all', number>;

/** Requests in flight at once within a batch: a few chats acting at the same time. */
const IN_FLIGHT = 4;
/** Rounds (the warm-up one included) the echo bot is sent the turns too. */
const ECHO_ROUNDS = 4;

/** Batches of turns posted to one bot, in order. */
export interface BatchesFor {
  pid: number;
  batches: Batch[];
}

/**
 * CPU per turn of each kind for each bot over one round. The bots take turns batch by batch (the
 * app's batch, then the same turns on each baseline, then the app's next batch), so whatever else
 * the machine is doing falls on all of them alike; each batch is counted once its process has gone
 * quiet after it.
 */
export async function costsPerKind(bots: BatchesFor[]): Promise<KindCosts[]> {
  const meters = bots.map((bot) => new CpuMeter(bot.pid));
  for (const meter of meters) await meter.start();
  const totals = bots.map(() => new Map<TurnKind | 'all', { cpu: number; turns: number }>());
  const add = (into: Map<TurnKind | 'all', { cpu: number; turns: number }>, kind: TurnKind | 'all', cpu: number, turns: number) => {
    const total = into.get(kind) ?? { cpu: 0, turns: 0 };
    into.set(kind, { cpu: total.cpu + cpu, turns: total.turns + turns });
  };
  for (let i = 0; i < bots[0].batches.length; i++) {
    for (const [b, bot] of bots.entries()) {
      const batch = bot.batches[i];
      await batch.run();
      const cpu = await meters[b].lap();
      add(totals[b], batch.kind, cpu, batch.turns);
      add(totals[b], 'all', cpu, batch.turns);
    }
  }
  // Per turn, the kinds in the order they came and all of them together last.
  return totals.map((byKind) => new Map([...byKind].sort(([a], [b]) => Number(a === 'all') - Number(b === 'all')).map(([kind, t]) => [kind, t.cpu / t.turns])));
}

/** Walks side by side, one client each: batch i plays every walk's step i. */
export interface Recorded {
  kinds: TurnKind[];
  clients: BenchClient[];
}

/** The same turns again, batch for batch, posted to a baseline bot. */
export function replayBatches(botUrl: string, bench: Bench, recorded: Recorded): Batch[] {
  const lanes: Lane[] = recorded.clients.map((client) => replayLane(new BenchClient(botUrl, bench.connector), client.turns));
  return recorded.kinds.map((kind) => ({ kind, turns: lanes.length, run: () => forEachLimited(lanes, IN_FLIGHT, (lane) => lane.play()) }));
}

/** `count` MUS walked side by side on the app, step by step: every conversation's first turn, then every one's second, … */
async function musBatches(app: Served, bench: Bench, count: number): Promise<Recorded & { batches: Batch[] }> {
  const walks = await Promise.all(Array.from({ length: count }, () => musWalk(bench.connector)));
  const clients = walks.map(() => new BenchClient(app.url, bench.connector));
  const kinds = walks[0].steps.map((s) => s.kind);
  const batches = kinds.map((kind, at) => ({ kind, turns: count, run: () => forEachLimited(walks, IN_FLIGHT, (walk, i) => walk.steps[at].play(clients[i])) }));
  return { batches, kinds, clients };
}

type Rounds = Map<TurnKind | 'all', number[]>;
const collect = (into: Rounds, round: KindCosts) => round.forEach((cost, kind) => into.set(kind, [...(into.get(kind) ?? []), cost]));

/** The app and the floor bot on Blob storage, both on one Azurite (the floor's card: the session card from a first MUS on the app). */
async function onAzurite(bench: Bench): Promise<{ app: BotProcess; floor: Served; stop(): Promise<void> }> {
  const azurite = await startAzurite();
  let app: BotProcess | undefined;
  let floor: Served;
  try {
    app = await startApp({ env: { STORAGE: 'blob', AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString, STORAGE_CONTAINER: 'bench-app' } });
    const client = new BenchClient(app.url, bench.connector);
    await playAll(client, await musWalk(bench.connector));
    floor = await startFloor(client.cards.get('note'), { kind: 'blob', connectionString: azurite.connectionString });
  } catch (error) {
    await app?.stop();
    await azurite.stop();
    throw error;
  }
  return {
    app,
    floor,
    async stop() {
      await app.stop();
      await floor.stop();
      await azurite.stop();
      assertHealthy('the app', app.output());
    }
  };
}

/**
 * 1. CPU per turn by kind of turn, the app against the floor bot on the same kind of store. A round
 * walks `turnConversations` MUS on the app in step, each step (one kind of turn) a batch counted
 * from the app's CPU counters; after each, the floor bot (and on file storage a bare echo bot, for
 * context) is sent the very same activities.
 */
export async function turnCpu(bench: Bench, storage: 'file' | 'blob'): Promise<Section> {
  const bots = storage === 'file' ? { ...(await appAndFloor(bench)), stop: async () => undefined } : await onAzurite(bench);
  const echo = storage === 'file' ? await startProgram('echoBot') : undefined;
  try {
    const costs = { app: new Map() as Rounds, floor: new Map() as Rounds, echo: new Map() as Rounds };
    let round = 0;
    for (const { counted } of rounds(bench, `1. turns on ${storage} storage`)) {
      const walked = await musBatches(bots.app, bench, bench.sizes.turnConversations);
      // The echo bot is context, not a target: a few rounds of it are enough.
      const withEcho = echo && round++ < ECHO_ROUNDS;
      const baselines = [bots.floor, ...(withEcho ? [echo] : [])].map((bot) => ({ pid: bot.pid, batches: replayBatches(bot.url, bench, walked) }));
      const [onApp, onFloor, onEcho] = await costsPerKind([{ pid: bots.app.pid, batches: walked.batches }, ...baselines]);
      if (!counted) continue;
      collect(costs.app, onApp);
      collect(costs.floor, onFloor);
      if (onEcho) collect(costs.echo, onEcho);
    }
    return {
      title: `1. CPU per turn, ${storage === 'file' ? 'file storage' : 'Blob storage (Azurite)'}`,
      method: `CPU time of the app's process per turn, by kind of turn, against the floor bot (\`scripts/bench/floorBot.ts\`) fed the very same activities${storage === 'blob' ? ', its record a blob on the same Azurite' : ', its record a JSON file'}; ${bench.sizes.turnConversations} MUS walked in step per round, ${roundsText(bench.sizes.rounds)}. Fan-out turns are held to section 4's target.`,
      rows: perKindRows(costs.app, costs.floor, echo && costs.echo)
    };
  } finally {
    await echo?.stop();
    await bots.stop();
  }
}

function perKindRows(app: Rounds, floor: Rounds, echo: Rounds | undefined): Row[] {
  const rows: Row[] = [...app.keys()].map((kind) => {
    const ratio = spreadOf(ratiosOf(app.get(kind)!, floor.get(kind)!));
    const label = kind === 'all' ? 'every turn of a MUS walk, together' : FAN_OUTS.has(kind) ? `${kind} (fan-out)` : kind;
    return {
      measure: label,
      app: spread(spreadOf(app.get(kind)!), ' ms'),
      baseline: spread(spreadOf(floor.get(kind)!), ' ms'),
      ratio: times(ratio),
      target: kind === 'all' || FAN_OUTS.has(kind) ? undefined : atMost(ratio, 1.25)
    };
  });
  if (echo) {
    rows.push({ measure: 'context: a bare echo bot, every turn (no storage, no connector call for a card action)', app: '', baseline: spread(spreadOf(echo.get('all')!), ' ms'), ratio: '', target: undefined });
  }
  return rows;
}
