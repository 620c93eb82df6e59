import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative } from 'path';

/**
 * Which of `texts` appear in stored bytes: as UTF-8 anywhere, and inside every run of base64 or
 * hex, decoded (so text that is only encoded, not encrypted, is found too). Short texts that
 * random base64 could contain by chance should be passed quoted as JSON would store them
 * (`"Mod"`): quotes never occur in base64.
 */
export function plaintextIn(bytes: Buffer, texts: string[]): string[] {
  const views = [bytes];
  const ascii = bytes.toString('latin1');
  for (const run of ascii.match(/[A-Za-z0-9+/_-]{16,}={0,2}/g) ?? []) {
    views.push(Buffer.from(run, run.includes('-') || run.includes('_') ? 'base64url' : 'base64'));
    // Encoded text may start at any of four offsets in the run.
    for (let skip = 1; skip < 4; skip++) views.push(Buffer.from(run.slice(skip), 'base64'));
  }
  for (const run of ascii.match(/(?:[0-9a-fA-F]{2}){8,}/g) ?? []) views.push(Buffer.from(run, 'hex'), Buffer.from(run.slice(1), 'hex'));
  return texts.filter((text) => {
    const needle = Buffer.from(text, 'utf8');
    return views.some((view) => view.includes(needle));
  });
}

/** Every file below a folder, by its path relative to it (the names are stored bytes too). */
export function filesUnder(folder: string): { name: string; bytes: Buffer }[] {
  const files: { name: string; bytes: Buffer }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else files.push({ name: relative(folder, path), bytes: readFileSync(path) });
    }
  };
  walk(folder);
  return files;
}

/** The texts found in any of the named byte sequences, with where: `name: text`. */
export function plaintextFound(stored: { name: string; bytes: Buffer }[], texts: string[]): string[] {
  return stored.flatMap(({ name, bytes }) => [
    ...plaintextIn(bytes, texts).map((text) => `${name}: ${text}`),
    ...plaintextIn(Buffer.from(decodeURIComponentSafe(name)), texts).map((text) => `${name} (its name): ${text}`)
  ]);
}

function decodeURIComponentSafe(name: string): string {
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}
