import { randomUUID } from 'crypto';
import { StorageUnavailableError, UnreadableRecordError } from '../../src/app/ports';
import { ETagConflictError, type KeyValueStore, type StoredItem, type WriteCondition } from '../../src/storage/keyValueStore';

/** A folder of the tree: keys' "/"-separated segments are folders, as in FileStorage. */
interface Folder {
  folders: Map<string, Folder>;
  items: Map<string, StoredItem>;
}

const emptyFolder = (): Folder => ({ folders: new Map(), items: new Map() });

/**
 * The storage port in memory, for tests that need many records fast. It passes the same contract
 * tests as the real stores, lists a prefix by walking only its folder (like FileStorage), and
 * counts what it is asked for: records read, keys listed, and the keys written.
 */
export class MemoryStorage implements KeyValueStore {
  private readonly root = emptyFolder();
  readonly touched = { reads: 0, listed: 0, written: [] as string[] };
  private readonly corrupted = new Set<string>();
  /** Key prefixes whose reads fail as an unreachable store's do (Blob Storage timing out). */
  readonly failingReads = new Set<string>();

  /** Makes a stored record unreadable, as a file cut short by a crash would be, until it is written again. */
  corrupt(key: string): void {
    this.corrupted.add(key);
  }

  /** Stores a record as it is, not counted and not copied (readers still get their own copy): for seeding many records fast. */
  seed(key: string, value: unknown): void {
    const { folder, name } = this.locate(key, true);
    folder!.items.set(name, { value, eTag: randomUUID() });
  }

  async read(key: string): Promise<StoredItem | undefined> {
    this.touched.reads++;
    if ([...this.failingReads].some((prefix) => key.startsWith(prefix))) throw new StorageUnavailableError(`read ${key}`);
    const { folder, name } = this.locate(key, false);
    const item = folder?.items.get(name);
    if (item && this.corrupted.has(key)) throw new UnreadableRecordError(key);
    return item && { value: structuredClone(item.value), eTag: item.eTag };
  }

  async write(key: string, value: unknown, condition: WriteCondition): Promise<void> {
    const { folder, name } = this.locate(key, true);
    const stored = folder!.items.get(name);
    if (condition !== 'any' && this.corrupted.has(key) && stored) throw new ETagConflictError(key);
    const holds = condition === 'any' || ('ifAbsent' in condition ? stored === undefined : stored?.eTag === condition.ifMatch);
    if (!holds) throw new ETagConflictError(key);
    this.corrupted.delete(key);
    folder!.items.set(name, { value: structuredClone(value), eTag: randomUUID() });
    this.touched.written.push(key);
  }

  async delete(key: string): Promise<void> {
    const { folder, name } = this.locate(key, false);
    folder?.items.delete(name);
    this.corrupted.delete(key);
  }

  async list(prefix: string): Promise<string[]> {
    const { folder, name } = this.locate(prefix, false);
    const base = prefix.slice(0, prefix.length - name.length);
    const keys = folder ? keysIn(folder, base).filter((key) => key.startsWith(prefix)) : [];
    this.touched.listed += keys.length;
    return keys;
  }

  private locate(key: string, create: boolean): { folder?: Folder; name: string } {
    const segments = key.split('/');
    const name = segments.pop()!;
    let folder: Folder | undefined = this.root;
    for (const segment of segments) {
      let next: Folder | undefined = folder.folders.get(segment);
      if (!next && create) folder.folders.set(segment, (next = emptyFolder()));
      if (!next) return { name };
      folder = next;
    }
    return { folder, name };
  }
}

function keysIn(folder: Folder, path: string): string[] {
  const keys = [...folder.items.keys()].map((name) => path + name);
  for (const [segment, child] of folder.folders) keys.push(...keysIn(child, `${path}${segment}/`));
  return keys;
}
