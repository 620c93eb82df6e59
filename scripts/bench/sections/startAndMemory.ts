import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { lene } from '../../../test/support/scenario';
import type { Chat } from '../../../test/support/teamsClient';
import { BenchClient } from '../benchClient';
import { rounds, tempFolder, type Bench } from '../bench';
import { cpuMs, rssMb, settle } from '../cpu';
import { assertHealthy, benchScript, startApp, startProgram, type Served } from '../programs';
import { atMost, num, roundsText, spread, times, type Section } from '../report';
import { msSince, ratiosOf, spreadOf } from '../stats';
import { forEachLimited } from '../traffic';
import { musWalk } from '../walks';

const lenesChat: Chat = { id: `a:personal-${lene.aadObjectId}`, type: 'personal' };

interface Started {
  wallMs: number;
  cpuMs: number;
  process: Served;
}

/** From spawning a process to its answer to Lene's first message: wall time, and the CPU the process used by then. */
async function firstAnswer(bench: Bench, start: () => Promise<Served>): Promise<Started> {
  const spawned = process.hrtime.bigint();
  const started = await start();
  await new BenchClient(started.url, bench.connector).say(lene, lenesChat, 'hjælp');
  return { wallMs: msSince(spawned), cpuMs: cpuMs(started.pid), process: started };
}

/**
 * 7. Start and memory. Memory: the app's resident set idle after its first answer, and once
 * `openConversations` MUS are created and wait for keywords; that first start also records which
 * node_modules files the app has loaded by its first answer. Start: the first answered message
 * after the process starts, the app against a process that loads the same files and answers
 * (`scripts/bench/sdkOnly.ts`), alternating.
 */
export async function startAndMemory(bench: Bench): Promise<Section> {
  const open = bench.sizes.openConversations;
  const modules = join(tempFolder('modules'), 'modules.json');
  const { process: app } = await firstAnswer(bench, () => startApp({ env: { BENCH_MODULES_OUT: modules }, nodeArgs: ['-r', benchScript('moduleRecorder')] }));
  let memory: { idle: number; open: number };
  try {
    process.kill(app.pid, 'SIGUSR2');
    while (!existsSync(modules)) await new Promise((resolve) => setTimeout(resolve, 20));
    await settle(app.pid);
    bench.log(`7. the app has loaded ${JSON.parse(readFileSync(modules, 'utf8')).length} files from node_modules by its first answer`);
    const idle = rssMb(app.pid);
    bench.log(`7. memory: ${open.toLocaleString('en')} open conversations`);
    const client = new BenchClient(app.url, bench.connector);
    await forEachLimited(Array.from({ length: open }), 20, async () => {
      const walk = await musWalk(bench.connector);
      for (const step of walk.steps.slice(0, 2)) await step.play(client); // "ny mus" and create: the conversation waits for keywords
    });
    await settle(app.pid);
    memory = { idle, open: rssMb(app.pid) };
    assertHealthy('the app', app.output());
  } finally {
    await app.stop();
  }

  const starts = { app: [] as Started[], sdk: [] as Started[] };
  for (const { counted } of rounds(bench, '7. start')) {
    const onApp = await firstAnswer(bench, () => startApp());
    await onApp.process.stop();
    const sdkOnly = await firstAnswer(bench, () => startProgram('sdkOnly', { SDK_MODULES: modules }));
    await sdkOnly.process.stop();
    if (!counted) continue;
    starts.app.push(onApp);
    starts.sdk.push(sdkOnly);
  }
  const wall = (r: Started[]) => r.map((x) => x.wallMs);
  const cpu = (r: Started[]) => r.map((x) => x.cpuMs);
  const startRatio = spreadOf(ratiosOf(wall(starts.app), wall(starts.sdk)));
  const memoryRatio = memory.open / memory.idle;
  return {
    title: '7. Start and memory',
    method: `Start: from spawning the process to the answer to a first message, the app (as \`scripts/run-app.sh\` starts it) against \`scripts/bench/sdkOnly.ts\` loading the same node_modules files, alternating, ${roundsText(bench.sizes.rounds)}. Memory: the app's resident set (VmRSS) idle after its first answer, and once ${open.toLocaleString('en')} MUS are created.`,
    rows: [
      { measure: 'first answered message after start', app: spread(spreadOf(wall(starts.app)), ' ms'), baseline: spread(spreadOf(wall(starts.sdk)), ' ms'), ratio: times(startRatio), target: atMost(startRatio, 1.2) },
      { measure: 'context: CPU used by then', app: spread(spreadOf(cpu(starts.app)), ' ms'), baseline: spread(spreadOf(cpu(starts.sdk)), ' ms'), ratio: times(spreadOf(ratiosOf(cpu(starts.app), cpu(starts.sdk)))) },
      { measure: `RSS with ${open.toLocaleString('en')} open conversations (app) against idle (baseline)`, app: `${num(memory.open)} MB`, baseline: `${num(memory.idle)} MB`, ratio: `${memoryRatio.toFixed(2)}×`, target: atMost(memoryRatio, 1.3) }
    ]
  };
}
