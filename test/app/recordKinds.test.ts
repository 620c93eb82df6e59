import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative } from 'path';
import { recordKinds } from '../../src/app/recordKinds';
import { projectRoot } from '../../src/paths';

/** README's table "What the bot stores, and for how long": prefix → [holds, kept]. */
function readmeTable(): Map<string, [string, string]> {
  const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### What the bot stores, and for how long'));
  const lines = section.split('\n').slice(4);
  const rows = lines.slice(0, lines.findIndex((line) => !line.startsWith('|')));
  return new Map(rows.map((row) => {
    const [prefix, holds, kept] = row.slice(2, -2).split(' | ');
    return [prefix.replace(/^`|\/`$/g, ''), [holds, kept]];
  }));
}

function sources(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? sources(path) : name.endsWith('.ts') ? [path] : [];
  });
}

describe('the kinds of record the app stores', () => {
  it('are listed once each, with what they hold and how long they are kept', () => {
    const kinds = Object.values(recordKinds);
    expect(new Set(kinds.map((k) => k.prefix)).size).toBe(kinds.length);
    for (const kind of kinds) expect([kind.holds.length > 10, kind.kept.length > 5]).toEqual([true, true]);
  });

  it("match README's table word for word", () => {
    const table = readmeTable();
    expect([...table.keys()]).toEqual(Object.values(recordKinds).map((k) => k.prefix));
    for (const kind of Object.values(recordKinds)) expect(table.get(kind.prefix)).toEqual([kind.holds, kind.kept]);
  });

  it('are the only prefixes the code opens records under: no record source is opened with a prefix of its own', () => {
    const opened = sources(join(projectRoot, 'src')).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/\b(?:source|records)(?:<[^>]*>)?\(\s*['"`]([^'"`]+)['"`]/g)].map((m) => `${relative(projectRoot, file)}: ${m[1]}`)
    );
    expect(opened).toEqual([]);
  });
});
