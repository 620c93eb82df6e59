/**
 * The storage port the app's records live in. Every write states its condition, so concurrent
 * writers are detected: `ifMatch` (the eTag that was read), `ifAbsent` (create only), or `any`.
 * Local mode uses FileStorage; production stores implement the same port (HTTP's If-Match and
 * If-None-Match: * map onto it directly).
 */
export type WriteCondition = { ifMatch: string } | { ifAbsent: true } | 'any';

export interface StoredItem {
  value: unknown;
  eTag: string;
}

export interface KeyValueStore {
  read(key: string): Promise<StoredItem | undefined>;
  /** Throws ETagConflictError when the condition does not hold. */
  write(key: string, value: unknown, condition: WriteCondition): Promise<void>;
  delete(key: string): Promise<void>;
  /** The keys that start with a prefix. */
  list(prefix: string): Promise<string[]>;
}

/** A write whose condition no longer holds: someone else wrote first (HTTP's 412). */
export class ETagConflictError extends Error {
  readonly statusCode = 412;
  constructor(key: string) {
    super(`eTag conflict writing "${key}"`);
  }
}
