import { randomUUID } from 'crypto';
import { promises as fs } from 'fs';
import { dirname, join } from 'path';
import { UnreadableRecordError } from '../app/ports';
import { decodeKey, encodeKey } from './keyNames';
import { ETagConflictError, type KeyValueStore, type StoredItem, type WriteCondition } from './keyValueStore';

/**
 * Durable local storage for local mode: one JSON file per key, written atomically (temp file,
 * fsync, rename, fsync of the folder: after a crash the key holds the old or the new record whole,
 * and a failed write leaves no temp file behind), with eTag conditions checked under a per-key
 * lock, so state survives a restart and concurrent writers are detected. A file that exists but
 * cannot be parsed is an UnreadableRecordError, not an outage. One process per folder. A key's "/"-separated segments are
 * folders, so listing a prefix such as `reminder-due/2027-03-01/` reads that folder only, not
 * every record the app has. The records used last are kept in memory as written (the process is
 * the folder's only writer), so a turn's reads do not open files.
 */
export class FileStorage implements KeyValueStore {
  private readonly locks = new Map<string, Promise<void>>();
  private readonly folders = new Map<string, Promise<unknown>>();
  /** Serialised records by key, least recently used first; parsed anew on every read so callers never share an object. */
  private readonly recent = new Map<string, string>();
  /** Counts the start and end of writes and deletes, so a file read that overlapped one is not remembered as current. */
  private changes = 0;

  constructor(
    private readonly folder: string,
    private readonly recentLimit = 500
  ) {}

  async read(key: string): Promise<StoredItem | undefined> {
    const known = this.recent.get(key);
    if (known !== undefined) {
      this.remember(key, known);
      return JSON.parse(known) as StoredItem;
    }
    const changesBefore = this.changes;
    let text: string;
    try {
      text = await fs.readFile(this.fileOf(key), 'utf8');
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
    const item = parsed(key, text);
    if (this.changes === changesBefore) this.remember(key, text);
    return item;
  }

  async write(key: string, value: unknown, condition: WriteCondition): Promise<void> {
    const file = this.fileOf(key);
    await this.ensureFolder(dirname(file));
    const text = JSON.stringify({ value, eTag: randomUUID() });
    // Written and flushed to disk before the key is locked: the lock holds only the condition and
    // the rename, so concurrent writers of one key wait for each other no longer than before.
    const temp = await flushedTemp(file, text);
    try {
      await this.exclusive(key, async () => {
        // An unconditional write replaces whatever is there, also a record that cannot be read.
        if (condition !== 'any') {
          const stored = await this.read(key).catch((error) => {
            if (error instanceof UnreadableRecordError) return { value: undefined, eTag: '' };
            throw error;
          });
          const holds = 'ifAbsent' in condition ? stored === undefined : stored?.eTag === condition.ifMatch;
          if (!holds) throw new ETagConflictError(key);
        }
        this.changes++;
        this.recent.delete(key); // if the write fails, the next read goes to the file
        try {
          await fs.rename(temp, file);
        } finally {
          this.changes++; // a read that opened the old file may still be under way
        }
        this.remember(key, text);
      });
    } catch (error) {
      // A failed write leaves no temp file behind: it holds the record.
      await fs.rm(temp, { force: true }).catch(() => undefined);
      throw error;
    }
    await syncFolder(dirname(file)); // the rename itself survives a crash
  }

  async delete(key: string): Promise<void> {
    await this.exclusive(key, async () => {
      this.changes++;
      this.recent.delete(key);
      const file = this.fileOf(key);
      try {
        await fs.unlink(file);
        await syncFolder(dirname(file)); // a removed record stays removed after a crash
      } catch (error) {
        if (!isMissing(error)) throw error;
      } finally {
        this.changes++;
      }
    });
  }

  async list(prefix: string): Promise<string[]> {
    const folderNames = encodeKey(prefix).slice(0, -1);
    const keys = await this.keysUnder(join(this.folder, ...folderNames), folderNames);
    return keys.filter((key) => key.startsWith(prefix));
  }

  /** Every key stored in a folder and the folders below it; `names` are the folder's own, encoded. */
  private async keysUnder(folder: string, names: string[]): Promise<string[]> {
    const entries = await fs.readdir(folder, { withFileTypes: true }).catch((error) => {
      if (isMissing(error)) return [];
      throw error;
    });
    const keys: string[] = [];
    for (const entry of entries) {
      if (entry.isDirectory()) {
        keys.push(...(await this.keysUnder(join(folder, entry.name), [...names, entry.name])));
      } else if (entry.name.endsWith('.json')) {
        keys.push(decodeKey([...names, entry.name.slice(0, -'.json'.length)].join('/')));
      }
    }
    return keys;
  }

  private remember(key: string, text: string): void {
    this.recent.delete(key);
    this.recent.set(key, text);
    if (this.recent.size > this.recentLimit) this.recent.delete(this.recent.keys().next().value!);
  }

  private fileOf(key: string): string {
    const segments = encodeKey(key);
    const name = segments.pop()!;
    return join(this.folder, ...segments, `${name}.json`);
  }

  /** Makes the folder, and its new entries durable in the folders above it. */
  private ensureFolder(folder: string): Promise<unknown> {
    let made = this.folders.get(folder);
    if (!made) {
      made = fs.mkdir(folder, { recursive: true }).then(async (first) => {
        if (first === undefined) return;
        for (let created = folder; ; created = dirname(created)) {
          await syncFolder(dirname(created));
          if (created === first || dirname(created) === created) break;
        }
      });
      made.catch(() => this.folders.delete(folder));
      this.folders.set(folder, made);
    }
    return made;
  }

  /** Serialises the read-compare-write of one key, which is what makes the condition hold. */
  private async exclusive(key: string, work: () => Promise<unknown>): Promise<void> {
    const previous = this.locks.get(key) ?? Promise.resolve();
    const current = previous.then(() => work()).then(() => undefined);
    const settled = current.catch(() => undefined);
    this.locks.set(key, settled);
    try {
      await current;
    } finally {
      if (this.locks.get(key) === settled) this.locks.delete(key);
    }
  }
}

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

/** A stored file's record; an empty, cut-short or foreign file is unreadable (not an outage). */
function parsed(key: string, text: string): StoredItem {
  let item: unknown;
  try {
    item = JSON.parse(text);
  } catch {
    throw new UnreadableRecordError(key);
  }
  if (item === null || typeof item !== 'object' || typeof (item as StoredItem).eTag !== 'string' || !('value' in item)) throw new UnreadableRecordError(key);
  return item as StoredItem;
}

/**
 * The new text of a file in a temp file beside it, flushed to disk, ready to be renamed over the
 * file: a crash then leaves the old content or the new, whole, never a file cut short. A failed
 * write removes it (it holds the record).
 */
async function flushedTemp(file: string, text: string): Promise<string> {
  const temp = `${file}.${randomUUID()}.tmp`;
  try {
    const handle = await fs.open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    return temp;
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
}

/** Flushes a folder's entries (new, renamed and removed names) to disk; Windows cannot open a folder for that. */
async function syncFolder(folder: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await fs.open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
