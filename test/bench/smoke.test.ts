import { execFile } from 'child_process';
import { readFileSync } from 'fs';
import { join } from 'path';
import { promisify } from 'util';
import { projectRoot } from '../../src/paths';

const sections = ['1. CPU per turn, file storage', '1. CPU per turn, Blob storage (Azurite)', '2. Latency at a fixed rate (open loop)', '3. Capacity (closed loop)', '4. Fan-out', '5. Background work', '6. PDF', '7. Start and memory'];
const judged = (measure: string, target: string) => new RegExp(`\\| ${measure} \\|[^|]+\\|[^|]+\\| [\\d.]+× [^|]*\\| ${target} \\| (pass|short) \\|`);

/** `npm run bench -- --smoke`: every section of the benchmark at tiny sizes, so the command keeps working. */
describe('the benchmark command', () => {
  it('runs every section and writes each table with its targets judged', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [join(projectRoot, 'dist', 'scripts', 'bench', 'run.js'), '--smoke'], { cwd: projectRoot, env: { PATH: process.env.PATH } });
    const doc = readFileSync(join(projectRoot, 'test-output', 'benchmarks.md'), 'utf8');
    for (const title of sections) expect(doc).toContain(`### ${title}`);
    expect(doc).not.toMatch(/NaN|Infinity|undefined/);
    expect(doc).toMatch(judged('note', '≤ 1.25×'));
    expect(doc).toMatch(judged('50 turns/s: p99 \\(\\d+ turns\\)', '≤ 1.5×'));
    expect(doc).toMatch(judged('throughput, turns/s \\(\\d+ senders\\)', '≥ 0.8×'));
    expect(doc).toMatch(judged('finish, per member', '≤ 1.2×'));
    expect(doc).toMatch(judged('reminder pass, \\d+ due: CPU at 200 stored \\(app\\) against 100 \\(baseline\\)', '≤ 2×'));
    expect(doc).toMatch(judged('a MUS plan \\([\\d.]+ KB; the floor\'s [\\d.]+ KB\\)', '≤ 1.3×'));
    expect(doc).toMatch(judged('first answered message after start', '≤ 1.2×'));
    expect(stdout).toMatch(/^(pass |SHORT) {2}7\. Start and memory: RSS with 20 open conversations/m);
  }, 240_000);
});
