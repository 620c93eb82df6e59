import type { BenchClient, PostedTurn } from './benchClient';
import type { Walk } from './walks';

/** Runs `work` for every item, at most `limit` at a time. */
export async function forEachLimited<T>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

/** A sequence of turns that must go one after another (one conversation's, or several in a row). */
export interface Lane {
  /** Posts the next turn and returns it once answered. */
  play(): Promise<PostedTurn>;
}

/** Walks conversations one after another with one client, a new one when the last is finished. */
export function walkingLane(client: BenchClient, newWalk: () => Promise<Walk>): Lane {
  let walk = newWalk();
  let ahead = walk; // the next conversation is set up while this one is walked, so no turn waits for it
  let at = 0;
  return {
    async play() {
      let current = await walk;
      if (at === current.steps.length) {
        walk = ahead;
        current = await walk;
        at = 0;
      }
      if (at === 0) ahead = newWalk();
      await current.steps[at++].play(client);
      return client.turns[client.turns.length - 1];
    }
  };
}

/** Posts recorded turns again, in their order, with a client pointed at another bot. */
export function replayLane(client: BenchClient, turns: PostedTurn[]): Lane {
  let at = 0;
  return {
    async play() {
      const turn = turns[at++];
      client.kind = turn.kind;
      await client.post(turn.activity);
      return client.turns[client.turns.length - 1];
    }
  };
}

export interface Arrival {
  kind: PostedTurn['kind'];
  /** When it was due by the schedule and when it was answered (process.hrtime.bigint()). */
  dueAt: bigint;
  answeredAt: bigint;
}

export const latencyMs = (a: Arrival) => Number(a.answeredAt - a.dueAt) / 1e6;

const sleepUntil = (at: bigint) => new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(at - process.hrtime.bigint()) / 1e6)));

/** Turns a lane may have waiting before the run gives up: the bot cannot keep up with the rate, and its latency only grows. */
const BACKLOG_LIMIT = 50;

/**
 * Open-loop arrivals: turn i is due at start + i / rate whatever the bot is doing, on lane
 * i mod lanes. A lane's turns wait for the one before them (a conversation's next turn needs the
 * last one's answer), so a turn's latency counts from when it was due, not from when it was sent:
 * a slow answer delays the turns behind it, and that delay is counted too. With `dropLate`, turns
 * still waiting when `more` says no are not sent (a stream stopped at a moment, not after a count).
 */
export async function openLoop(rate: number, lanes: Lane[], more: (issued: number) => boolean, dropLate = false): Promise<Arrival[]> {
  const start = process.hrtime.bigint();
  const arrivals: Arrival[] = [];
  const busy = lanes.map(() => Promise.resolve());
  const waiting = lanes.map(() => 0);
  let failed: unknown;
  let stopped = false;
  for (let i = 0; more(i) && !failed; i++) {
    const dueAt = start + BigInt(Math.round((i * 1e9) / rate));
    await sleepUntil(dueAt);
    const lane = i % lanes.length;
    if (++waiting[lane] > BACKLOG_LIMIT) failed = new Error(`the bot does not keep up with ${rate} turns/s: ${BACKLOG_LIMIT} turns waiting on one conversation`);
    busy[lane] = busy[lane].then(async () => {
      if (failed || stopped) return;
      const turn = await lanes[lane].play().catch((error: unknown) => void (failed ??= error));
      waiting[lane]--;
      if (turn) arrivals.push({ kind: turn.kind, dueAt, answeredAt: turn.answeredAt });
    });
  }
  stopped = dropLate;
  await Promise.all(busy);
  if (failed) throw failed;
  return arrivals;
}

/** Closed loop: every lane posts its next turn as soon as its last is answered, `turnsPerLane` times. */
export async function closedLoop(lanes: Lane[], turnsPerLane: number): Promise<{ turns: number; wallMs: number }> {
  const start = process.hrtime.bigint();
  await Promise.all(lanes.map(async (lane) => {
    for (let i = 0; i < turnsPerLane; i++) await lane.play();
  }));
  return { turns: lanes.length * turnsPerLane, wallMs: Number(process.hrtime.bigint() - start) / 1e6 };
}
