import { execFile } from 'child_process';
import { readFileSync } from 'fs';
import { join } from 'path';
import { promisify } from 'util';
import { projectRoot } from '../../src/paths';

/** `npm run bench -- --smoke`: the benchmark itself at small sizes, so the command keeps working. */
describe('the benchmark command', () => {
  it('measures every row at small sizes and writes the table', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [join(projectRoot, 'dist', 'scripts', 'bench', 'run.js'), '--smoke'], { cwd: projectRoot, env: { PATH: process.env.PATH } });
    const doc = readFileSync(join(projectRoot, 'test-output', 'benchmarks.md'), 'utf8');
    for (const measure of ['turn latency, app', 'bare botbuilder echo bot', 'turn p99, app ÷ echo bot', 'MUS plan PDF', 'GRUS plan for 3 members', 'due reminders', 'first answered message', 'RSS with 20 open conversations']) {
      expect(doc).toContain(measure);
      expect(stdout).toContain(measure);
    }
    expect(doc).toMatch(/turn p99, app ÷ echo bot \| \d+\.\d\d× \| ≤ 1\.3× \| (pass|short) \|/);
    expect(doc).toMatch(/MUS plan PDF, size \| \d+\.\d KB \| ≤ 150 KB \| pass \|/);
  }, 120_000);
});
