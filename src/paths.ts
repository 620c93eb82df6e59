import { existsSync } from 'fs';
import { dirname, join } from 'path';

/** The project folder (holding package.json), whether running from src/ under ts-jest or from dist/. */
function findRoot(start: string): string {
  let folder = start;
  while (!existsSync(join(folder, 'package.json'))) {
    const parent = dirname(folder);
    if (parent === folder) throw new Error(`no package.json above ${start}`);
    folder = parent;
  }
  return folder;
}

export const projectRoot = findRoot(__dirname);
export const cardsFolder = join(projectRoot, 'cards');
export const conceptsFolder = join(projectRoot, 'concepts');
