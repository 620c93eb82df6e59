import { randomUUID } from 'crypto';
import { promises as fs } from 'fs';
import { join } from 'path';
import type { Storage, StoreItems } from 'botbuilder';

/** Thrown when a write carries an eTag that is no longer the stored one (HTTP's 412). */
export class ETagConflictError extends Error {
  readonly statusCode = 412;
  constructor(key: string) {
    super(`eTag conflict writing "${key}"`);
  }
}

/**
 * Durable local storage for local mode: one JSON file per key, written atomically (temp file +
 * rename), with the same eTag contract as botbuilder's MemoryStorage and Azure Blob storage, so
 * state survives a restart and concurrent writers are detected. One process per folder.
 */
export class FileStorage implements Storage {
  private readonly locks = new Map<string, Promise<void>>();
  private ready?: Promise<unknown>;

  constructor(private readonly folder: string) {}

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    for (const key of keys) {
      const item = await this.readOne(key);
      if (item !== undefined) items[key] = item;
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    this.ready ??= fs.mkdir(this.folder, { recursive: true });
    await this.ready;
    for (const [key, item] of Object.entries(changes)) {
      await this.exclusive(key, async () => {
        const stored = await this.readOne(key);
        const eTag = item?.eTag;
        if (stored && eTag && eTag !== '*' && eTag !== stored.eTag) throw new ETagConflictError(key);
        const file = this.fileOf(key);
        const temp = `${file}.${randomUUID()}.tmp`;
        await fs.writeFile(temp, JSON.stringify({ ...item, eTag: randomUUID() }));
        await fs.rename(temp, file);
      });
    }
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) await this.exclusive(key, () => fs.rm(this.fileOf(key), { force: true }));
  }

  private async readOne(key: string): Promise<StoreItems[string] | undefined> {
    try {
      return JSON.parse(await fs.readFile(this.fileOf(key), 'utf8'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  private fileOf(key: string): string {
    return join(this.folder, `${encodeURIComponent(key)}.json`);
  }

  /** Serialises the read-compare-write of one key, which is what makes the eTag check hold. */
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
