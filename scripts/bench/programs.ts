import { spawn } from 'child_process';
import { existsSync } from 'fs';
import { join } from 'path';
import { projectRoot } from '../../src/paths';
import { freePort, startBot, type BotProcess } from '../../test/support/botProcess';
import { tempFolder, tempJson } from './bench';

/** A process under measurement that answers HTTP on 127.0.0.1. */
export interface Served {
  pid: number;
  /** Its base URL, without a trailing slash. */
  url: string;
  output(): string;
  /** SIGKILL by default; SIGTERM lets a process close (and write a CPU profile). */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** The Node the app runs on (the project's own, as scripts/run-app.sh picks it), for every process measured beside it. */
export function projectNode(): string {
  const own = join(projectRoot, 'node_modules', '.bin', 'node');
  return existsSync(own) ? own : process.execPath;
}

/** The heap settings scripts/run-app.sh gives the app; the baselines get the same, so they collect garbage alike. */
export const HEAP_ARGS = [`--max-old-space-size=${process.env.APP_HEAP_MB ?? 160}`, `--max-semi-space-size=${process.env.APP_SEMI_SPACE_MB ?? 16}`];

export const benchScript = (name: string) => join(projectRoot, 'dist', 'scripts', 'bench', `${name}.js`);

const running = new Set<Served>();

/** Kept until stopped, so a run that is interrupted can stop what it started. */
function tracked<T extends Served>(served: T): T {
  const stop = served.stop;
  running.add(served);
  served.stop = (signal) => {
    running.delete(served);
    return stop(signal);
  };
  return served;
}

/** Stops every process still running (each stop sends its signal at once). */
export function stopAll(): void {
  for (const served of running) void served.stop();
}

/** The app, started as it is started everywhere (scripts/run-app.sh, test/support/botProcess.ts), in local mode. */
export async function startApp(options: Parameters<typeof startBot>[0] = {}): Promise<BotProcess> {
  return tracked(await startBot({ dataDir: tempFolder('app'), ...options }));
}

/** One of the benchmark's own programs (scripts/bench/<name>.ts), once it says it is listening. */
export async function startProgram(name: string, env: Record<string, string> = {}, nodeArgs: string[] = []): Promise<Served> {
  const port = await freePort();
  const child = spawn(projectNode(), [...HEAP_ARGS, ...nodeArgs, benchScript(name)], {
    env: { PATH: process.env.PATH, PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start:\n${output}`)), 30_000);
    child.stdout!.on('data', () => output.includes('"event":"listening"') && (clearTimeout(timer), resolve()));
    child.once('exit', (code) => (clearTimeout(timer), reject(new Error(`${name} exited with ${code}:\n${output}`))));
  });
  child.removeAllListeners('exit');
  return tracked({
    pid: child.pid!,
    url: `http://127.0.0.1:${port}`,
    output: () => output,
    stop: (signal = 'SIGKILL') =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      })
  });
}

/** The floor bot (floorBot.ts) showing `card`, with its records in a JSON file each or in blobs on Azurite. */
export function startFloor(card: unknown, store: { kind: 'file' } | { kind: 'blob'; connectionString: string }): Promise<Served> {
  return startProgram('floorBot', {
    FLOOR_CARD: tempJson('floor-card', card),
    ...(store.kind === 'file' ? { FLOOR_STORE: 'file', FLOOR_DIR: tempFolder('floor') } : { FLOOR_STORE: 'blob', AZURE_STORAGE_CONNECTION_STRING: store.connectionString, FLOOR_CONTAINER: 'bench-floor' })
  });
}

/** Stops at the first error or warning a process logged: a benchmark of turns that went wrong would measure the wrong thing. */
export function assertHealthy(name: string, output: string): void {
  const problems = output.split('\n').filter((line) => /"level":"(error|warn)"/.test(line));
  if (problems.length > 0) throw new Error(`${name} logged ${problems.length} problems, the first:\n${problems.slice(0, 5).join('\n')}`);
}
