import { promises as fs } from 'fs';
import { join, relative } from 'path';
import { FilingError, type FilingReceipt, type FilingRequest, type FilingTarget } from '../app/ports';
import type { Person } from '../domain/conversation';
import { PERSONNEL_FOLDER, planBaseName, safeSegment } from '../domain/fileNames';

/**
 * Local mode's filing target: a folder laid out like each leader's OneDrive,
 * `<root>/<leader>/Personalemapper/<employee's folder>/MUS <yyyy-mm-dd>.pdf`, in the folder the app
 * decided for the employee (the request's `folder`). A second plan on the same
 * day gets " (2)"; an existing file is never overwritten.
 */
export class LocalFolderTarget implements FilingTarget {
  constructor(private readonly root: string) {}

  filesOf(owner: Person): string {
    return owner.id;
  }

  async file(request: FilingRequest): Promise<FilingReceipt> {
    try {
      return await this.write(request);
    } catch (error) {
      throw new FilingError('unavailable', undefined, `personnel folder: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  }

  private async write(request: FilingRequest): Promise<FilingReceipt> {
    const folder = join(this.root, safeSegment(request.owner.name), PERSONNEL_FOLDER, safeSegment(request.folder));
    await fs.mkdir(folder, { recursive: true });
    const base = planBaseName(request.kind, request.date);
    for (let n = 1; ; n++) {
      const fileName = n === 1 ? `${base}.pdf` : `${base} (${n}).pdf`;
      const path = join(folder, fileName);
      try {
        await fs.writeFile(path, request.pdf, { flag: 'wx' });
        return { location: relative(this.root, path), fileName };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        if ((await fs.readFile(path)).equals(request.pdf)) return { location: relative(this.root, path), fileName };
      }
    }
  }
}
