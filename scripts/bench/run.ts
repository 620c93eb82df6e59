import { readFileSync, writeFileSync, mkdirSync } from 'fs';
import { cpus, totalmem } from 'os';
import { join } from 'path';
import { projectRoot } from '../../src/paths';
import { fullSizes, quickSizes, removeTempFolders, smokeSizes, type Bench, type Sizes } from './bench';
import { quietWindow } from './cpu';
import { RemoteConnector } from './remoteConnector';
import { newestProfile, profileSummary } from './profileSummary';
import { stopAll } from './programs';
import { markdown, verdicts, type Section } from './report';
import { background } from './sections/background';
import { stopAppAndFloor } from './sections/appAndFloor';
import { capacity } from './sections/closedLoop';
import { fanOut } from './sections/fanOut';
import { openLoopLatency } from './sections/openLoop';
import { pdf } from './sections/pdf';
import { startAndMemory } from './sections/startAndMemory';
import { turnCpu } from './sections/turnCpu';

/**
 * `npm run bench`: the app measured from outside (Bot Framework activities over HTTP, a fake Bot
 * Connector in its own process, the data folder or Azurite for seeding) against baselines measured
 * in the same run, round by round in alternation, with CPU read from the processes' counters.
 * Prints the tables with pass or short and writes them into docs/benchmarks.md. `--smoke` runs
 * every section at tiny sizes and `--quick` at fewer rounds and a smaller store (both write to test-output/); `--profile` has the app write a CPU
 * profile under turn load to test-output/profiles; `--only=1,4` runs some sections, and
 * `--sizes=rounds=3,stored=1000/20000` changes sizes (see Sizes in bench.ts); both write to test-output/.
 */
const smoke = process.argv.includes('--smoke');
const quick = process.argv.includes('--quick');
const profileDir = process.argv.includes('--profile') ? join(projectRoot, 'test-output', 'profiles') : undefined;
const option = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const only = option('only')?.split(',');

/** Sizes changed from the command line: name=value pairs, a pair of numbers written a/b. */
function sizesFrom(base: Sizes, changes = ''): Sizes {
  const sizes: Record<string, unknown> = { ...base };
  for (const change of changes.split(',').filter(Boolean)) {
    const [name, value] = change.split('=');
    if (!(name in base)) throw new Error(`--sizes: no size called ${name} (there are ${Object.keys(base).join(', ')})`);
    sizes[name] = value.includes('/') ? value.split('/').map(Number) : typeof base[name as keyof Sizes] === 'boolean' ? value === 'true' : Number(value);
  }
  return sizes as unknown as Sizes;
}

const sections: { id: string; run: (bench: Bench) => Promise<Section> }[] = [
  { id: '1', run: (bench) => turnCpu(bench, 'file') },
  { id: '1', run: (bench) => turnCpu(bench, 'blob') },
  { id: '2', run: openLoopLatency },
  { id: '3', run: capacity },
  { id: '4', run: fanOut },
  { id: '5', run: background },
  { id: '6', run: pdf },
  { id: '7', run: startAndMemory }
];

/** docs/benchmarks.md is prose around the latest run; the run replaces only what stands between these. */
const START = '<!-- latest run: written by npm run bench -->';
const END = '<!-- end of latest run -->';

function withLatestRun(doc: string, measured: string): string {
  const from = doc.indexOf(START);
  const to = doc.indexOf(END);
  if (from < 0 || to < from) throw new Error(`docs/benchmarks.md has lost its markers ${START} … ${END}`);
  return `${doc.slice(0, from + START.length)}\n${measured}\n${doc.slice(to)}`;
}

async function main(): Promise<void> {
  const started = Date.now();
  const log = (what: string) => process.stderr.write(`bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s: ${what}\n`);
  if (profileDir) mkdirSync(profileDir, { recursive: true });
  if (smoke) quietWindow.ms = 30;
  const connector = await RemoteConnector.start();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      stopAll();
      connector.stop();
      removeTempFolders();
      process.exit(1);
    });
  }
  const bench: Bench = { sizes: sizesFrom(smoke ? smokeSizes : quick ? quickSizes : fullSizes, option('sizes')), connector, profileDir, log };
  const results: Section[] = [];
  let failures = 0;
  try {
    for (const section of sections.filter((s) => !only || only.includes(s.id))) {
      // A section that cannot be measured says why in its table; the others are still worth having.
      results.push(await section.run(bench).catch((error: Error) => {
        failures++;
        log(`section ${section.id} failed: ${error.stack ?? error.message}`);
        return { title: `${section.id}. not measured`, method: `The run failed: ${error.message.split('\n')[0]}`, rows: [] };
      }));
    }
  } finally {
    await stopAppAndFloor().catch((error: Error) => (failures++, log(`the app under load: ${error.message.split('\n')[0]}`)));
    stopAll();
    connector.stop();
    removeTempFolders();
  }
  const tables = markdown(results);
  process.stdout.write(`${tables}\n\n${verdicts(results)}\n`);
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
  const command = `npm run bench${process.argv.slice(2).length ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
  const measured = `Measured by \`${command}\` on ${new Date().toISOString().slice(0, 10)} (${machine}).\n\n${tables}`;
  const partial = smoke || quick || only || option('sizes');
  const out = partial ? join(projectRoot, 'test-output', 'benchmarks.md') : join(projectRoot, 'docs', 'benchmarks.md');
  mkdirSync(join(projectRoot, 'test-output'), { recursive: true });
  writeFileSync(out, withLatestRun(partial ? `${START}\n${END}\n` : readFileSync(out, 'utf8'), measured));
  log(`written to ${out}`);
  const profile = profileDir && newestProfile(profileDir);
  if (profile) {
    const summary = profileSummary(profile);
    writeFileSync(`${profile}.txt`, `${summary}\n`);
    process.stdout.write(`\nThe app's CPU profile (${profile}):\n${summary}\n`);
  }
  if (failures > 0) process.exitCode = 1;
}

main().catch((error: Error) => {
  process.stderr.write(`bench failed: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
