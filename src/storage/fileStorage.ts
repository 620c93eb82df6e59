import { randomUUID } from 'crypto';
import { promises as fs } from 'fs';
import { join } from 'path';
import { ETagConflictError, type KeyValueStore, type StoredItem, type WriteCondition } from './keyValueStore';

/**
 * Durable local storage for local mode: one JSON file per key, written atomically (temp file +
 * rename), with eTag conditions checked under a per-key lock, so state survives a restart and
 * concurrent writers are detected. One process per folder.
 */
export class FileStorage implements KeyValueStore {
  private readonly locks = new Map<string, Promise<void>>();
  private ready?: Promise<unknown>;

  constructor(private readonly folder: string) {}

  async read(key: string): Promise<StoredItem | undefined> {
    try {
      return JSON.parse(await fs.readFile(this.fileOf(key), 'utf8')) as StoredItem;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async write(key: string, value: unknown, condition: WriteCondition): Promise<void> {
    this.ready ??= fs.mkdir(this.folder, { recursive: true });
    await this.ready;
    await this.exclusive(key, async () => {
      const stored = await this.read(key);
      const holds =
        condition === 'any' || ('ifAbsent' in condition ? stored === undefined : stored?.eTag === condition.ifMatch);
      if (!holds) throw new ETagConflictError(key);
      const file = this.fileOf(key);
      const temp = `${file}.${randomUUID()}.tmp`;
      await fs.writeFile(temp, JSON.stringify({ value, eTag: randomUUID() }));
      await fs.rename(temp, file);
    });
  }

  async delete(key: string): Promise<void> {
    await this.exclusive(key, () => fs.rm(this.fileOf(key), { force: true }));
  }

  async list(prefix: string): Promise<string[]> {
    const names = await fs.readdir(this.folder).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [] as string[];
      throw error;
    });
    return names
      .filter((name) => name.endsWith('.json'))
      .map((name) => decodeURIComponent(name.slice(0, -'.json'.length)))
      .filter((key) => key.startsWith(prefix));
  }

  private fileOf(key: string): string {
    return join(this.folder, `${encodeURIComponent(key)}.json`);
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
