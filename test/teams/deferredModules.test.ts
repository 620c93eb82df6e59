import { execFileSync } from 'child_process';
import { join } from 'path';
import { projectRoot } from '../../src/paths';

/** Runs a snippet in a plain Node process against the built app, where Node's own module loader applies (jest has its own). */
function inNode(script: string): string {
  return execFileSync(process.execPath, ['-e', script], { cwd: projectRoot, encoding: 'utf8', env: { PATH: process.env.PATH } }).trim();
}

const runtime = JSON.stringify(join(projectRoot, 'dist', 'src', 'runtime.js'));

describe('modules teams-ai loads but the bot never uses', () => {
  it('are not loaded when the app is', () => {
    const loaded = inNode(`require(${runtime}); console.log(Object.keys(require.cache).filter((f) => /node_modules.(gpt-tokenizer|openai)./.test(f)).length)`);
    expect(loaded).toBe('0');
  });

  it('still work when something uses them', () => {
    const tokens = inNode(`require(${runtime}); const { GPTTokenizer } = require('@microsoft/teams-ai'); console.log(new GPTTokenizer().encode('Hej med dig').length)`);
    expect(Number(tokens)).toBeGreaterThan(0);
  });
});
