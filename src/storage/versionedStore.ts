import { StorageUnavailableError, UnreadableRecordError, type Decision, type RecordSource, type Records } from '../app/ports';
import { ETagConflictError, type KeyValueStore } from './keyValueStore';

/**
 * Each round of conflicting writers lets at least one through; up to 60 people act on one
 * conversation at once (a GRUS of 59 and the leader), so that many rounds are allowed.
 */
const MAX_ATTEMPTS = 60;

/** Records of every kind in one key-value store, each kind under its own key prefix. */
export function recordSource(store: KeyValueStore): RecordSource {
  return <T extends object>(prefix: string) => new VersionedStore<T>(store, prefix);
}

/**
 * Typed records under a key prefix. Writes carry the eTag that was read (or "still absent"), so
 * a write made in between is a conflict, and `update` decides again on the newer value.
 */
export class VersionedStore<T extends object> implements Records<T> {
  constructor(private readonly store: KeyValueStore, private readonly prefix: string) {}

  async get(id: string): Promise<T | undefined> {
    return (await this.guard(() => this.store.read(this.key(id))))?.value as T | undefined;
  }

  async update<R>(id: string, decide: (current: T | undefined) => Decision<T, R> | Promise<Decision<T, R>>): Promise<R> {
    const key = this.key(id);
    for (let attempt = 1; ; attempt++) {
      const item = await this.guard(() => this.store.read(key));
      const decision = await decide(item?.value as T | undefined);
      if (decision.write === undefined) return decision.result;
      try {
        await this.guard(() => this.store.write(key, decision.write, item ? { ifMatch: item.eTag } : { ifAbsent: true }));
        return decision.result;
      } catch (error) {
        if (!(error instanceof ETagConflictError) || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  /** Writes regardless of what is stored: for records only one writer ever changes. */
  async put(id: string, value: T): Promise<void> {
    await this.guard(() => this.store.write(this.key(id), value, 'any'));
  }

  /** The ids stored, or those that start with `under` (ids may contain "/" to group records). */
  async ids(under = ''): Promise<string[]> {
    const prefix = `${this.prefix}/`;
    return (await this.guard(() => this.store.list(prefix + under))).map((key) => key.slice(prefix.length));
  }

  async delete(id: string): Promise<void> {
    await this.guard(() => this.store.delete(this.key(id)));
  }

  private key(id: string): string {
    return `${this.prefix}/${id}`;
  }

  private async guard<V>(work: () => Promise<V>): Promise<V> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof ETagConflictError || error instanceof UnreadableRecordError) throw error;
      throw new StorageUnavailableError(`storage ${this.prefix} failed: ${(error as Error).message}`);
    }
  }
}
