import { spawn, type ChildProcess } from 'child_process';
import { mkdtempSync } from 'fs';
import { createServer } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import { projectRoot } from '../../src/paths';

const runApp = join(projectRoot, 'scripts', 'run-app.sh');

export interface BotProcess {
  pid: number;
  url: string;
  dataDir: string;
  filingRoot: string;
  output: () => string;
  /** SIGKILL by default (a crash); SIGTERM lets the app close, e.g. to write a CPU profile. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Runs the built app (dist/) as its own process in local mode, started as `npm start` and production start it. */
export async function startBot(options: { dataDir?: string; env?: Record<string, string>; nodeArgs?: string[] } = {}): Promise<BotProcess> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'mus-data-'));
  const filingRoot = join(dataDir, 'onedrive');
  const port = await freePort();
  const child: ChildProcess = spawn('bash', [runApp, ...(options.nodeArgs ?? [])], {
    // Finishing waits this long for the filing before answering that it goes on; the suite runs on shared
    // machines, so a test sees the filing's outcome unless it sets the app's own budget to test that path.
    env: { PATH: process.env.PATH, PORT: String(port), DATA_DIR: dataDir, FILING_ROOT: filingRoot, ANSWER_WITHIN_MS: '4000', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe']
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bot did not start:\n${output}`)), 15000);
    const check = () => {
      if (output.includes('"event":"listening"')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`bot exited with ${code}:\n${output}`));
    });
  });
  return {
    pid: child.pid!,
    url: `http://127.0.0.1:${port}`,
    dataDir,
    filingRoot,
    output: () => output,
    stop: (signal = 'SIGKILL') =>
      new Promise<void>((resolve) => {
        child.removeAllListeners('exit');
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      })
  };
}
