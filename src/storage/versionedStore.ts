import type { Storage } from 'botbuilder';

/** True for an optimistic-concurrency conflict from any botbuilder storage (file, memory, blobs). */
export function isETagConflict(error: unknown): boolean {
  const e = error as { statusCode?: number; code?: string; message?: string };
  return e?.statusCode === 412 || e?.code === 'ConditionNotMet' || /etag conflict/i.test(e?.message ?? '');
}

/** What a change decides after reading the fresh value: maybe a value to write, always a result. */
export type Decision<T, R> = { write?: T; result: R };

export class StorageUnavailableError extends Error {}

const MAX_ATTEMPTS = 10;

/**
 * Typed records over a botbuilder Storage. `update` reads, lets the caller decide on the fresh
 * value, and writes with the read eTag; on a conflict it decides again on the newer value, so two
 * people acting at once both keep their input.
 */
export class VersionedStore<T extends object> {
  constructor(private readonly storage: Storage, private readonly prefix: string) {}

  async get(id: string): Promise<T | undefined> {
    const items = await this.guard(() => this.storage.read([this.key(id)]));
    const item = items[this.key(id)];
    if (!item) return undefined;
    const { eTag: _eTag, ...value } = item;
    return value as T;
  }

  async update<R>(id: string, decide: (current: T | undefined) => Decision<T, R> | Promise<Decision<T, R>>): Promise<R> {
    const key = this.key(id);
    for (let attempt = 1; ; attempt++) {
      const item = (await this.guard(() => this.storage.read([key])))[key];
      const { eTag, ...current } = item ?? {};
      const decision = await decide(item ? (current as T) : undefined);
      if (decision.write === undefined) return decision.result;
      try {
        // A new record is written with no eTag; botbuilder stores treat that as "create".
        await this.guard(() => this.storage.write({ [key]: { ...decision.write, eTag: item ? eTag : undefined } }));
        return decision.result;
      } catch (error) {
        if (!isETagConflict(error) || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  async put(id: string, value: T): Promise<void> {
    await this.guard(() => this.storage.write({ [this.key(id)]: { ...value, eTag: '*' } }));
  }

  private key(id: string): string {
    return `${this.prefix}/${id}`;
  }

  private async guard<V>(work: () => Promise<V>): Promise<V> {
    try {
      return await work();
    } catch (error) {
      if (isETagConflict(error)) throw error;
      throw new StorageUnavailableError(`storage ${this.prefix} failed: ${(error as Error).message}`);
    }
  }
}
