import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { RemoteConnector } from './remoteConnector';

/** How much of everything a run does: the full benchmark, or a smoke run that only keeps the command working. */
export interface Sizes {
  /** Rounds each comparison alternates between the app and its baseline. */
  rounds: number;
  /** A round of each first that is not counted: code compiled, connections open, folders made. */
  warmUp: boolean;
  /** MUS conversations walked side by side in one round of the CPU-per-turn measurement. */
  turnConversations: number;
  /** Conversations walking at once in the open-loop measurement, per turn per second of the rate (0.25: a chat's turns 250 ms apart, within Teams' limit per chat). */
  openLoopLanesPerRate: number;
  /** The share of each conversation's walk a round of the open loop plays. */
  openLoopWalkShare: number;
  closedLoopSenders: number;
  fanOutMembers: number;
  /** Stored conversations the background passes are measured at, smaller then larger, and how many are due for each pass. */
  stored: [number, number];
  due: number;
  /** Rounds of each background pass at each size, the sizes alternating (each round runs on a fresh copy of the store). */
  backgroundRounds: number;
  /** Rounds of turns while a pass runs, at the larger size. */
  interferenceRounds: number;
  /** Turns per second arriving while a pass runs. */
  interferenceRate: number;
  /** How long turns arrive before a pass starts (the quiet stretch they are compared with), and the first part of it not counted. */
  quietTurnsMs: number;
  warmTurnsMs: number;
  /** The retention sweep's interval on an empty store; it is given 0.02 ms more for every stored conversation (the app's start and the round's copy of the store). */
  sweepIntervalMs: number;
  /** MUS plan renders a round. */
  pdfRenders: number;
  pdfGroupMembers: number;
  openConversations: number;
}

export const fullSizes: Sizes = {
  rounds: 10,
  warmUp: true,
  turnConversations: 10,
  openLoopLanesPerRate: 0.25,
  openLoopWalkShare: 0.5,
  closedLoopSenders: 50,
  fanOutMembers: 59,
  stored: [1_000, 100_000],
  due: 100,
  backgroundRounds: 3,
  interferenceRounds: 2,
  interferenceRate: 20,
  quietTurnsMs: 10_000,
  warmTurnsMs: 2_000,
  sweepIntervalMs: 5_000,
  pdfRenders: 10,
  pdfGroupMembers: 30,
  openConversations: 2_000
};

/** `--quick`: the full measurement's kinds at fewer rounds and a smaller larger store, to see the effect of a change in a few minutes. */
export const quickSizes: Sizes = {
  ...fullSizes,
  rounds: 4,
  stored: [1_000, 20_000],
  backgroundRounds: 2,
  interferenceRounds: 1,
  quietTurnsMs: 5_000,
  pdfRenders: 5,
  openConversations: 500
};

export const smokeSizes: Sizes = {
  rounds: 1,
  warmUp: false,
  turnConversations: 1,
  openLoopLanesPerRate: 0.05,
  openLoopWalkShare: 1,
  closedLoopSenders: 4,
  fanOutMembers: 3,
  stored: [100, 200],
  due: 10,
  backgroundRounds: 1,
  interferenceRounds: 1,
  interferenceRate: 4,
  quietTurnsMs: 1_000,
  warmTurnsMs: 200,
  sweepIntervalMs: 2_000,
  pdfRenders: 2,
  pdfGroupMembers: 3,
  openConversations: 20
};

/** What every section is given. */
export interface Bench {
  sizes: Sizes;
  connector: RemoteConnector;
  /** With --profile: where the app under turn load writes its CPU profile. */
  profileDir?: string;
  log(what: string): void;
}

const folders: string[] = [];

/** A new folder under the system's temp folder, removed when the run ends. */
export function tempFolder(name: string): string {
  const folder = mkdtempSync(join(tmpdir(), `bench-${name}-`));
  folders.push(folder);
  return folder;
}

export function removeTempFolders(): void {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
}

/** Writes JSON to a new temp file and returns its path: how a card or a list is handed to a program. */
export function tempJson(name: string, value: unknown): string {
  const file = join(tempFolder(name), `${name}.json`);
  writeFileSync(file, JSON.stringify(value));
  return file;
}

/** The rounds of a comparison, logged as they start: a warm-up round first (not counted) where the sizes ask for one. */
export function* rounds(bench: Bench, what: string): Generator<{ counted: boolean }> {
  for (let round = bench.sizes.warmUp ? 0 : 1; round <= bench.sizes.rounds; round++) {
    bench.log(`${what}: ${round === 0 ? 'warm-up round' : `round ${round} of ${bench.sizes.rounds}`}`);
    yield { counted: round > 0 };
  }
}
