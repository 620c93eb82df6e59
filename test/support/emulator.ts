import { spawn, type ChildProcess } from 'child_process';
import { join } from 'path';
import { freePort } from './botProcess';

const root = join(__dirname, '..', '..');

export interface Emulator {
  url: string;
  stop(): Promise<void>;
}

/** Starts the local Teams emulator (Microsoft 365 Agents Playground) against a running bot, as `npm start` does. */
export async function startEmulator(botUrl: string): Promise<Emulator> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [join(root, 'node_modules/@microsoft/m365agentsplayground/cli.js'), 'start', '-e', `${botUrl}/api/messages`, '-c', 'msteams', '-p', String(port), '--disable-telemetry'],
    { cwd: root, env: { PATH: process.env.PATH, TEAMSAPPTESTER_BROWSER: 'none', APPLICATION_INSIGHTS_NO_STATSBEAT: 'true' }, stdio: 'ignore' }
  );
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`the emulator exited with ${child.exitCode}`);
    const ready = await fetch(`${url}/_debug/ping`).then((r) => r.ok, () => false);
    if (ready) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      })
  };
}
