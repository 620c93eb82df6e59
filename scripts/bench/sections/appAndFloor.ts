import type { BotProcess } from '../../../test/support/botProcess';
import { BenchClient } from '../benchClient';
import type { Bench } from '../bench';
import { assertHealthy, startApp, startFloor, type Served } from '../programs';
import { musWalk, playAll } from '../walks';

export interface AppAndFloor {
  app: BotProcess;
  floor: Served;
}

let shared: Promise<AppAndFloor> | undefined;

/**
 * The app on file storage and the floor bot beside it, shared by the sections that measure the
 * app on file storage under load (started once: a start takes seconds). The floor shows the
 * session card the app showed in a first MUS walked through, which also warms the app up. With
 * --profile the app writes a CPU profile of all of it when it is stopped.
 */
export function appAndFloor(bench: Bench): Promise<AppAndFloor> {
  shared ??= (async () => {
    const app = await startApp({ nodeArgs: bench.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${bench.profileDir}`] : [] });
    const client = new BenchClient(app.url, bench.connector);
    await playAll(client, await musWalk(bench.connector));
    return { app, floor: await startFloor(client.cards.get('note'), { kind: 'file' }) };
  })();
  return shared;
}

export async function stopAppAndFloor(): Promise<void> {
  // One that failed to start was stopped by stopAll (programs.ts).
  const started = await shared?.catch(() => undefined);
  shared = undefined;
  if (!started) return;
  const { app, floor } = started;
  await app.stop('SIGTERM'); // lets a CPU profile be written
  await floor.stop();
  assertHealthy('the app', app.output());
}
