import { execFile, spawn } from 'child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { promisify } from 'util';
import { projectRoot } from '../../src/paths';
import { freePort } from '../support/botProcess';

jest.setTimeout(180_000);

/** The folder `npm run package` makes for App Service, made once for these tests. */
const out = join(mkdtempSync(join(tmpdir(), 'app-package-')), 'app');
beforeAll(async () => {
  await promisify(execFile)('bash', [join(projectRoot, 'scripts', 'package-app.sh'), out], { cwd: projectRoot, env: { PATH: process.env.PATH, HOME: process.env.HOME } });
}, 180_000);

describe('the package deployed to App Service', () => {
  it('holds the built app and what it reads, and no dev dependency, test or toolchain', () => {
    expect(readdirSync(out).sort()).toEqual(['cards', 'concepts', 'dist', 'node_modules', 'package-lock.json', 'package.json', 'scripts']);
    expect(readdirSync(join(out, 'dist'))).toEqual(['src']);
    for (const dev of ['azurite', 'playwright-core', 'jest', 'ts-jest', 'typescript', 'node', '@microsoft/m365agentsplayground', 'pdf-parse', 'rimraf']) {
      expect([dev, existsSync(join(out, 'node_modules', dev))]).toEqual([dev, false]);
    }
    expect(existsSync(join(out, 'node_modules', '.bin', 'node'))).toBe(false);
    const prod = Object.keys(JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')).dependencies);
    for (const dependency of prod) expect([dependency, existsSync(join(out, 'node_modules', dependency))]).toEqual([dependency, true]);
  });

  it("starts from it through scripts/run-app.sh with a `node` on the PATH — here the project's own Node 24 — and answers", async () => {
    const port = await freePort();
    const child = spawn('bash', [join(out, 'scripts', 'run-app.sh')], {
      // App Service puts its Node 24 on the PATH; here the project's own stands in for it.
      env: { PATH: `${join(projectRoot, 'node_modules', '.bin')}:${process.env.PATH}`, PORT: String(port), DATA_DIR: mkdtempSync(join(tmpdir(), 'app-package-data-')) },
      stdio: ['ignore', 'pipe', 'pipe']
    });
    let output = '';
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    try {
      const deadline = Date.now() + 30_000;
      while (!output.includes('"event":"listening"') && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 100));
      expect(output).toContain(`"event":"starting","node":"${process.version}"`);
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
