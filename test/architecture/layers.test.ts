import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative, resolve, dirname } from 'path';
import { projectRoot } from '../../src/paths';

const src = join(projectRoot, 'src');

/** Every TypeScript file under src/, with the modules it imports (relative ones as src/ paths). */
function sources(): { file: string; imports: string[] }[] {
  const files: string[] = [];
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.ts')) files.push(path);
    }
  };
  walk(src);
  return files.map((path) => {
    const text = readFileSync(path, 'utf8');
    const imports = [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+'([^']+)'|import\(\s*'([^']+)'\s*\)|^import\s+'([^']+)'/gm)]
      .map((m) => m[1] ?? m[2] ?? m[3])
      .map((spec) => (spec.startsWith('.') ? relative(src, resolve(dirname(path), spec)) : spec));
    return { file: relative(src, path).replace(/\.ts$/, ''), imports };
  });
}

const under = (folder: string) => (path: string) => path === folder || path.startsWith(`${folder}/`);
const sdk = (spec: string) => /^(@microsoft\/teams-ai|botbuilder|botframework-)/.test(spec);

describe('the folder map holds', () => {
  const files = sources();
  const importsOf = (folder: string) => files.filter((f) => under(folder)(f.file)).flatMap((f) => f.imports.map((spec) => ({ file: f.file, spec })));

  it('reads every import, including type-only, multi-line and side-effect ones', () => {
    expect(importsOf('teams').map(({ spec }) => spec)).toEqual(expect.arrayContaining(['@microsoft/teams-ai', 'botbuilder', 'app/ports', 'cards/inputs', 'teams/deferredModules']));
    expect(importsOf('runtime').map(({ spec }) => spec)).toEqual(expect.arrayContaining(['teams/deferredModules', 'storage/versionedStore']));
  });

  it('keeps the domain pure: it imports only itself and zod', () => {
    expect(importsOf('domain').filter(({ spec }) => !under('domain')(spec) && spec !== 'zod')).toEqual([]);
  });

  it('keeps the use cases free of adapters and SDKs: the app layer imports the domain, its ports, and nothing of Teams, storage, filing, Graph or PDF', () => {
    const allowed = (spec: string) => under('domain')(spec) || under('app')(spec) || spec === 'i18n/catalog' || spec === 'log' || spec === 'crypto';
    expect(importsOf('app').filter(({ spec }) => !allowed(spec))).toEqual([]);
  });

  it('imports teams-ai and botbuilder only in the Teams edge', () => {
    expect(files.filter((f) => !under('teams')(f.file)).flatMap((f) => f.imports.filter(sdk).map((spec) => `${f.file}: ${spec}`))).toEqual([]);
  });

  it('lets the Teams edge reach storage and filing only through the app layer', () => {
    expect(importsOf('teams').filter(({ spec }) => under('storage')(spec) || under('filing')(spec) || under('graph')(spec))).toEqual([]);
  });

  it('has no import cycles between files', () => {
    const graph = new Map(files.map((f) => [f.file, f.imports.filter((spec) => !spec.includes('node_modules'))]));
    const cycles: string[] = [];
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (node: string, path: string[]) => {
      if (state.get(node) === 'done') return;
      if (state.get(node) === 'visiting') return void cycles.push([...path.slice(path.indexOf(node)), node].join(' → '));
      state.set(node, 'visiting');
      for (const next of graph.get(node) ?? []) if (graph.has(next)) visit(next, [...path, node]);
      state.set(node, 'done');
    };
    for (const node of graph.keys()) visit(node, []);
    expect(cycles).toEqual([]);
  });
});
