import { execFile } from 'child_process';
import { renameSync } from 'fs';
import { join } from 'path';
import { promisify } from 'util';
import { FileStorage } from '../../../src/storage/fileStorage';
import { encodeKey } from '../../../src/storage/keyNames';
import type { BotProcess } from '../../../test/support/botProcess';
import { storedRecord } from '../../../test/support/storedState';
import { BenchClient } from '../benchClient';
import { tempFolder, type Bench } from '../bench';
import { cpuMs, settle } from '../cpu';
import { assertHealthy, startApp } from '../programs';
import { atMost, count, ms, spread, times, type Row, type Section } from '../report';
import { IN_WORKING_HOURS, REMINDERS_DUE_TODAY, RETENTION_DUE_TODAY, seedStore, type SeededStore } from '../seedStore';
import { percentile, ratiosOf, spreadOf } from '../stats';
import { latencyMs, openLoop, walkingLane, type Arrival } from '../traffic';
import { musWalk, UNFINISHED } from '../walks';

const run = promisify(execFile);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const now = () => process.hrtime.bigint();
const toNs = (ms: number) => BigInt(Math.round(ms)) * 1_000_000n;
const msBetween = (from: bigint, to: bigint) => Number(to - from) / 1e6;

/**
 * The two passes run on the app's own schedule: the retention sweep at start-up and then every
 * RETENTION_SWEEP_MS, reading the retention index's entries for today; the reminder pass every
 * REMINDER_INTERVAL_MS, reading the reminders' due index for today. Each round starts the app on a
 * fresh copy of the seeded store with today's entries of both indexes held back (so the start-up
 * passes find nothing) and moves them into place (a rename: all at once) before the pass that
 * should find them: the retention entries before the first sweep after start-up, the reminders'
 * once that sweep is done. The round must be over before the next sweep: the interval allows for that and
 * grows when a round was longer.
 */
const HELD_BACK = { retention: RETENTION_DUE_TODAY, due: REMINDERS_DUE_TODAY };
const REMINDER_INTERVAL_MS = 100;
const NEVER = String(24 * 60 * 60 * 1000);
const sweepIntervals = new Map<string, number>();

interface Pass {
  cpu: number;
  wallMs: number;
}

interface Round {
  sweep: Pass;
  reminders: Pass;
  /** With turns: latencies before each pass (quiet) and while it ran. */
  turns?: { sweep: { quiet: number[]; during: number[] }; reminders: { quiet: number[]; during: number[] } };
}

/** A fresh copy of the seeded store: hard links, as the app only ever replaces files (temp file + rename), never changes one. */
async function copyOf(seeded: SeededStore): Promise<string> {
  const dataDir = join(tempFolder('round'), 'data');
  await run('cp', ['-al', seeded.dataDir, dataDir]);
  return dataDir;
}

/** Moves a stored key prefix (a folder) aside; the function returned moves it back and says when. */
function holdBack(dataDir: string, prefix: string): () => bigint {
  const place = join(dataDir, 'state', ...encodeKey(prefix));
  const aside = join(dataDir, `held-back-${prefix.replace(/\W/g, '-')}`);
  renameSync(place, aside);
  return () => {
    renameSync(aside, place);
    return now();
  };
}

async function waitFor(check: () => Promise<boolean>, what: string, maxMs = 600_000): Promise<bigint> {
  const deadline = Date.now() + maxMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
  return now();
}

/** Turns of MUS walks arriving at a fixed rate until stopped. */
function turnStream(bench: Bench, app: BotProcess) {
  const rate = bench.sizes.interferenceRate;
  const lanes = Array.from({ length: Math.ceil(rate / 5) }, () => walkingLane(new BenchClient(app.url, bench.connector), () => musWalk(bench.connector, UNFINISHED)));
  let stopped = false;
  let failed: Error | undefined;
  const arrivals = openLoop(rate, lanes, () => !stopped, true);
  arrivals.catch((error: Error) => (failed = error));
  return {
    startedAt: now(),
    check: () => {
      if (failed) throw failed;
    },
    stop: () => ((stopped = true), arrivals)
  };
}

/** Latencies of the turns that were due within each window. */
function latenciesIn(arrivals: Arrival[], quiet: [bigint, bigint], during: [bigint, bigint]) {
  const within = ([from, to]: [bigint, bigint]) => arrivals.filter((a) => a.dueAt >= from && a.dueAt < to).map(latencyMs);
  return { quiet: within(quiet), during: within(during) };
}

/** One round on a fresh copy of the store: the sweep's and the reminder pass's CPU, and with turns their latencies. */
async function backgroundRound(bench: Bench, seeded: SeededStore, withTurns: boolean): Promise<Round> {
  const key = `${seeded.stored}${withTurns ? ' with turns' : ''}`;
  for (;;) {
    const interval = sweepIntervals.get(key) ?? bench.sizes.sweepIntervalMs + 0.02 * seeded.stored + (withTurns ? bench.sizes.quietTurnsMs : 0);
    const dataDir = await copyOf(seeded);
    const restore = { retention: holdBack(dataDir, HELD_BACK.retention), due: holdBack(dataDir, HELD_BACK.due) };
    const app = await startApp({ dataDir, env: { CLOCK_START: IN_WORKING_HOURS, RETENTION_SWEEP_MS: String(interval), REMINDER_INTERVAL_MS: String(REMINDER_INTERVAL_MS), OUTBOX_INTERVAL_MS: NEVER } });
    const listening = now();
    try {
      const state = new FileStorage(join(dataDir, 'state'), 0);
      const swept = async () => {
        for (const id of seeded.retentionDue) if (!((await storedRecord(dataDir, `conversation/${id}`))?.value as { notesRemovedOn?: string })?.notesRemovedOn) return false;
        return true;
      };
      const reminded = async () => (await state.list(`${HELD_BACK.due}/`)).length === 0;
      await settle(app.pid);
      restore.retention();
      const turns = withTurns ? turnStream(bench, app) : undefined;
      // Without turns, each pass is counted until the app has gone quiet; with turns, the next pass waits for a quiet stretch of them.
      const afterPass = () => (turns ? sleep(bench.sizes.quietTurnsMs) : settle(app.pid));

      const sweepAt = listening + toNs(interval);
      await sleep(msBetween(now(), sweepAt) - 250);
      const beforeSweep = cpuMs(app.pid);
      const sweptAt = await waitFor(async () => (turns?.check(), swept()), 'the retention sweep');
      await afterPass();
      const beforeReminders = cpuMs(app.pid);
      const dueAt = restore.due();
      const remindedAt = await waitFor(async () => (turns?.check(), reminded()), 'the reminder pass');
      if (!turns) await settle(app.pid);
      const end = cpuMs(app.pid);
      const arrivals = await turns?.stop();
      assertHealthy('the app', app.output());

      if (now() < listening + toNs(2 * interval)) {
        return {
          sweep: { cpu: beforeReminders - beforeSweep, wallMs: msBetween(sweepAt, sweptAt) },
          reminders: { cpu: end - beforeReminders, wallMs: msBetween(dueAt, remindedAt) },
          turns: arrivals && {
            sweep: latenciesIn(arrivals, [turns!.startedAt + toNs(bench.sizes.warmTurnsMs), sweepAt], [sweepAt, sweptAt]),
            reminders: latenciesIn(arrivals, [sweptAt + toNs(bench.sizes.warmTurnsMs), dueAt], [dueAt, remindedAt])
          }
        };
      }
      // The next sweep may have started before the round was over: again, with a longer interval.
      sweepIntervals.set(key, Math.ceil(1.5 * msBetween(listening, now())));
    } catch (error) {
      throw new Error(`${(error as Error).message}\n… the app's last output:\n${app.output().slice(-3000)}`);
    } finally {
      await app.stop();
      await run('rm', ['-rf', join(dataDir, '..')]);
    }
  }
}

/**
 * 5. Background work: each pass's CPU at the smaller and the larger store (the sizes alternating,
 * each round on a fresh copy), and the latency of turns arriving at a fixed rate while it runs at
 * the larger, against the same app's turns just before it.
 */
export async function background(bench: Bench): Promise<Section> {
  const [small, large] = bench.sizes.stored;
  const stores: SeededStore[] = [];
  for (const stored of [small, large]) {
    bench.log(`5. background: seeding ${stored.toLocaleString('en')} stored conversations`);
    stores.push(await seedStore(join(tempFolder(`store-${stored}`), 'data'), stored, bench.sizes.due, bench.connector.url));
  }
  const costs: { small: Round[]; large: Round[] } = { small: [], large: [] };
  for (let round = 1; round <= bench.sizes.backgroundRounds; round++) {
    bench.log(`5. background passes: round ${round} of ${bench.sizes.backgroundRounds}`);
    costs.small.push(await backgroundRound(bench, stores[0], false));
    costs.large.push(await backgroundRound(bench, stores[1], false));
  }
  const turns: Round[] = [];
  for (let round = 1; round <= bench.sizes.interferenceRounds; round++) {
    bench.log(`5. turns while the passes run: round ${round} of ${bench.sizes.interferenceRounds}`);
    turns.push(await backgroundRound(bench, stores[1], true));
  }

  const rows: Row[] = [];
  for (const [pass, name] of [['sweep', 'retention sweep'], ['reminders', 'reminder pass']] as const) {
    const cpu = (rounds: Round[]) => rounds.map((r) => r[pass].cpu);
    const growth = spreadOf(ratiosOf(cpu(costs.large), cpu(costs.small)));
    const latencies = { quiet: turns.flatMap((r) => r.turns![pass].quiet), during: turns.flatMap((r) => r.turns![pass].during) };
    const p99 = { quiet: percentile(latencies.quiet, 99), during: percentile(latencies.during, 99) };
    const judged = latencies.quiet.length > 0 && latencies.during.length > 0;
    rows.push(
      { measure: `${name}, ${bench.sizes.due} due: CPU at ${large.toLocaleString('en')} stored (app) against ${small.toLocaleString('en')} (baseline)`, app: spread(spreadOf(cpu(costs.large)), ' ms'), baseline: spread(spreadOf(cpu(costs.small)), ' ms'), ratio: times(growth), target: atMost(growth, 2) },
      { measure: `context: the ${name}'s wall time at ${large.toLocaleString('en')} stored (app) and ${small.toLocaleString('en')}`, app: spread(spreadOf(costs.large.map((r) => r[pass].wallMs)), ' ms'), baseline: spread(spreadOf(costs.small.map((r) => r[pass].wallMs)), ' ms'), ratio: '' },
      judged
        ? { measure: `turn p99 while the ${name} runs (app; ${latencies.during.length} turns) against just before it (baseline; ${latencies.quiet.length})`, app: ms(p99.during), baseline: ms(p99.quiet), ratio: `${(p99.during / p99.quiet).toFixed(2)}×`, target: atMost(p99.during / p99.quiet, 1.2) }
        : { measure: `turn p99 while the ${name} runs: it was over before a turn arrived (${latencies.during.length} turns while it ran, ${latencies.quiet.length} before)`, app: '', baseline: '', ratio: '' }
    );
  }
  return {
    title: '5. Background work',
    method: `The app on a seeded file store (\`scripts/bench/seedStore.ts\`), a fresh copy each round, with the records a pass should find moved into place while it runs, so the pass it runs on its own schedule finds them. CPU from the app's counters, ${count(bench.sizes.backgroundRounds, 'round')} at each size, alternating; turns: MUS walks arriving at ${bench.sizes.interferenceRate}/s at ${large.toLocaleString('en')} stored, pooled over ${count(bench.sizes.interferenceRounds, 'round')}.`,
    rows
  };
}
