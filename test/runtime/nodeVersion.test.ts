import { readFileSync } from 'fs';
import { join } from 'path';
import { SUPPORTED_NODE_MAJOR, unsupportedNode } from '../../src/nodeVersion';
import { projectRoot } from '../../src/paths';
import { startBot } from '../support/botProcess';

const packageJson = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8'));

describe('the Node.js the project runs on', () => {
  it('runs every test on the supported LTS major, not the machine’s own Node', () => {
    expect(process.version).toMatch(new RegExp(`^v${SUPPORTED_NODE_MAJOR}\\.`));
  });

  it('names the same major in engines, the pinned runtime and the Azure deployment', () => {
    expect(packageJson.engines.node).toBe(`>=${SUPPORTED_NODE_MAJOR} <${SUPPORTED_NODE_MAJOR + 1}`);
    expect(packageJson.devDependencies.node).toMatch(new RegExp(`^${SUPPORTED_NODE_MAJOR}\\.\\d+\\.\\d+$`));
    expect(readFileSync(join(projectRoot, 'infra', 'azure.bicep'), 'utf8')).toContain(`'NODE|${SUPPORTED_NODE_MAJOR}-lts'`);
  });

  it('refuses another major with a Danish message that says how to start it', () => {
    expect(unsupportedNode(`v${SUPPORTED_NODE_MAJOR}.1.0`)).toBeUndefined();
    expect(unsupportedNode('v20.20.2')).toMatch(/Node\.js v20\.20\.2 understøttes ikke.*npm start/);
    expect(unsupportedNode('v26.0.0')).toBeDefined();
  });

  it('starts the app on that Node, says which, and prints no deprecation warning', async () => {
    const bot = await startBot();
    try {
      expect(bot.output()).toContain(`"event":"starting","node":"${process.version}"`);
      expect(bot.output()).not.toMatch(/DeprecationWarning|DEP0\d+/);
    } finally {
      await bot.stop();
    }
  });
});
