import { readFileSync, writeFileSync } from 'fs';
import { cpus, totalmem } from 'os';
import { join } from 'path';
import { projectRoot } from '../../src/paths';
import { measureStartAndMemory } from './memory';
import { measureGroupPdf, measurePdf } from './pdf';
import { measureDueQuery } from './reminders';
import { measureTurns } from './turns';

/**
 * `npm run bench`: the app measured against its floor in one run, printed as a markdown table and
 * written to docs/benchmarks.md. Times are compared as ratios to a baseline measured in the same
 * run, because machines here are shared and absolute times drift. `--smoke` runs small sizes in
 * seconds (and writes to test-output/), to keep the command working; `--profile` is described below.
 */
const smoke = process.argv.includes('--smoke');
/** `--profile`: the app under turn load writes a CPU profile (node --cpu-prof) to test-output/profiles. */
const profileDir = process.argv.includes('--profile') ? join(projectRoot, 'test-output', 'profiles') : undefined;
const sizes = smoke
  ? { conversations: 3, rounds: 1, renders: 5, group: 3, groupRenders: 2, few: 300, many: 3_000, open: 20 }
  : { conversations: 50, rounds: 6, renders: 50, group: 30, groupRenders: 10, few: 1_000, many: 100_000, open: 1_000 };

interface Row {
  measure: string;
  value: string;
  target: string;
  pass: boolean;
}

const ms = (n: number) => `${n.toFixed(1)} ms`;

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
  const rows: Row[] = [];
  const log = (what: string) => process.stderr.write(`bench: ${what}\n`);

  log(`turns: ${sizes.conversations} conversations at once, the app and the echo bot taking turns for ${sizes.rounds} rounds`);
  const turns = await measureTurns(sizes.conversations, sizes.rounds, profileDir);
  const ratio = turns.app.p99 / turns.echo.p99;
  rows.push(
    { measure: `turn latency, app (${turns.app.turns} turns: ${sizes.rounds} × ${sizes.conversations} MUS at once)`, value: `p50 ${ms(turns.app.p50)} · p95 ${ms(turns.app.p95)} · p99 ${ms(turns.app.p99)} · ${turns.app.perSecond.toFixed(0)} turns/s`, target: '', pass: true },
    { measure: `turn latency, bare botbuilder echo bot (same ${turns.echo.turns} activities)`, value: `p50 ${ms(turns.echo.p50)} · p95 ${ms(turns.echo.p95)} · p99 ${ms(turns.echo.p99)} · ${turns.echo.perSecond.toFixed(0)} turns/s`, target: '', pass: true },
    { measure: 'turn p99, app ÷ echo bot', value: `${ratio.toFixed(2)}×`, target: '≤ 1.3×', pass: ratio <= 1.3 }
  );

  log(`pdf: ${sizes.renders} renders of a full MUS plan, ${sizes.groupRenders} of a GRUS for ${sizes.group}`);
  const pdf = await measurePdf(sizes.renders);
  const group = await measureGroupPdf(sizes.group, sizes.groupRenders);
  rows.push(
    { measure: 'MUS plan PDF (9 notes, 9 agreements), render time', value: `median ${ms(pdf.median)} · p95 ${ms(pdf.p95)}`, target: 'median ≤ 25 ms', pass: pdf.median <= 25 },
    { measure: 'MUS plan PDF, size', value: `${(pdf.bytes / 1024).toFixed(1)} KB`, target: '≤ 150 KB', pass: pdf.bytes <= 150 * 1024 },
    { measure: `GRUS plan for ${sizes.group} members, every member's copy (as filed)`, value: `median ${ms(group.median)} · p95 ${ms(group.p95)} · ${(group.bytesPerCopy / 1024).toFixed(1)} KB a copy`, target: '', pass: true }
  );

  log(`reminders: the due query with ${sizes.few} and ${sizes.many} stored`);
  const few = await measureDueQuery(sizes.few);
  const many = await measureDueQuery(sizes.many);
  rows.push(
    { measure: `due reminders (100 due) among ${sizes.few.toLocaleString('en')} stored`, value: ms(few), target: '', pass: true },
    { measure: `due reminders (100 due) among ${sizes.many.toLocaleString('en')} stored`, value: `${ms(many)} (${(many / few).toFixed(2)}× the smaller)`, target: '≤ 2×', pass: many / few <= 2 }
  );

  log(`memory: ${sizes.open} open conversations`);
  const memory = await measureStartAndMemory(sizes.open);
  rows.push(
    { measure: 'first answered message after process start', value: ms(memory.firstAnswerMs), target: '≤ 2000 ms', pass: memory.firstAnswerMs <= 2000 },
    { measure: `RSS with ${sizes.open.toLocaleString('en')} open conversations (idle: ${memory.rssIdleMb.toFixed(0)} MB)`, value: `${memory.rssMb.toFixed(0)} MB`, target: '≤ 200 MB', pass: memory.rssMb <= 200 }
  );

  const table = [
    '| measure | result | target | |',
    '|---|---|---|---|',
    ...rows.map((r) => `| ${r.measure} | ${r.value} | ${r.target} | ${r.target ? (r.pass ? 'pass' : 'short') : ''} |`)
  ].join('\n');
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
  const measured = `Measured by \`npm run bench${smoke ? ' -- --smoke' : ''}\` on ${new Date().toISOString().slice(0, 10)} (${machine}). Embedded (file) storage, local mode, a fake Bot Connector on 127.0.0.1.\n\n${table}`;
  process.stdout.write(`${table}\n`);
  const out = smoke ? join(projectRoot, 'test-output', 'benchmarks.md') : join(projectRoot, 'docs', 'benchmarks.md');
  writeFileSync(out, withLatestRun(smoke ? `${START}\n${END}\n` : readFileSync(out, 'utf8'), measured));
  log(`written to ${out}`);
}

main().catch((error: Error) => {
  process.stderr.write(`bench failed: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
