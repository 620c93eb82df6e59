import { createCipheriv, createDecipheriv, randomBytes } from 'crypto';
import { DATA_KEY_BYTES, type KeyWrapping, type WrappedKey } from './keyWrapping';
import { ETagConflictError, type KeyValueStore, type StoredItem, type WriteCondition } from './keyValueStore';

/**
 * A record's value as it is stored: AES-256-GCM ciphertext of its JSON under the record's own data
 * key, which is stored beside it wrapped by the key-encryption key (KEK) `kek` names, with the
 * version. Everything is base64; the record's key is the additional authenticated data, so a
 * sealed value copied to another key does not open.
 */
export interface SealedValue {
  v: 1;
  kek: string;
  dek: string;
  iv: string;
  tag: string;
  data: string;
}

/** A stored value that does not open: changed, moved to another key, or sealed with a key this app does not have. */
export class SealedRecordError extends Error {}

/** A stored value that was never sealed (written before encryption), where only sealed values are accepted. */
export class UnsealedRecordError extends Error {
  constructor(key: string) {
    super(`record "${key}" is stored unencrypted; start the app once with STORAGE_ENCRYPT_EXISTING=true to encrypt such records`);
  }
}

interface DataKey {
  wrapped: WrappedKey;
  /** `wrapped` as stored, to compare with a stored value's `dek` without decoding it. */
  stored: string;
  /** Unwrapped; a promise, so reads of one record at once share one unwrap. */
  plain: Promise<Buffer>;
}

export interface EncryptedStoreOptions {
  /** How many records' data keys are kept unwrapped in memory (least recently used go first). */
  cacheSize?: number;
  /** Accept values stored unencrypted (before encryption was switched on); they are sealed when next written. */
  readUnsealed?: boolean;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * The storage port with every value encrypted by the app before it reaches the store it wraps
 * (files, Blob Storage): whoever administers the store sees ciphertext, record keys (ids and
 * dates) and eTags. Each record has a data key of its own, made when this process first writes
 * the record and reused, with a fresh 96-bit IV per write, while this process remembers it. Data
 * keys are remembered unwrapped in a bounded LRU, so a turn's reads and writes of the same records
 * do not call Key Vault; a data key wrapped with an older KEK version is unwrapped with that
 * version and re-wrapped with the current one on the record's next write. Conditions and eTags
 * are the wrapped store's own, untouched.
 */
export class EncryptedStore implements KeyValueStore {
  private readonly dataKeys = new Map<string, DataKey>();
  private readonly cacheSize: number;
  private readonly readUnsealed: boolean;

  constructor(private readonly inner: KeyValueStore, private readonly keys: KeyWrapping, options: EncryptedStoreOptions = {}) {
    this.cacheSize = options.cacheSize ?? 5000;
    this.readUnsealed = options.readUnsealed ?? false;
  }

  async read(key: string): Promise<StoredItem | undefined> {
    const item = await this.inner.read(key);
    if (!item) return undefined;
    if (!isSealed(item.value)) {
      if (this.readUnsealed) return item;
      throw new UnsealedRecordError(key);
    }
    return { value: await this.open(key, item.value), eTag: item.eTag };
  }

  async write(key: string, value: unknown, condition: WriteCondition): Promise<void> {
    const dataKey = await this.dataKeyToWrite(key);
    await this.inner.write(key, seal(key, value, dataKey.wrapped, dataKey.stored, await dataKey.plain), condition);
    this.remember(key, dataKey);
  }

  async delete(key: string): Promise<void> {
    this.dataKeys.delete(key);
    await this.inner.delete(key);
  }

  list(prefix: string): Promise<string[]> {
    return this.inner.list(prefix);
  }

  /**
   * Seals every value still stored unencrypted, each on condition that it is unchanged since it was
   * read (a record changed meanwhile is left to its writer). Sealed values are recognised by their
   * shape, without unwrapping anything. Returns how many were sealed.
   */
  async sealExisting(): Promise<number> {
    let sealed = 0;
    for (const key of await this.inner.list('')) {
      const item = await this.inner.read(key);
      if (!item || isSealed(item.value)) continue;
      try {
        await this.write(key, item.value, { ifMatch: item.eTag });
        sealed++;
      } catch (error) {
        if (!(error instanceof ETagConflictError)) throw error;
      }
    }
    return sealed;
  }

  /** The record's remembered data key, re-wrapped if the KEK has a newer version; or a new one. */
  private async dataKeyToWrite(key: string): Promise<DataKey> {
    const known = this.dataKeys.get(key);
    if (known && known.wrapped.keyId === this.keys.currentKeyId) return known;
    const plain = known ? await known.plain : randomBytes(DATA_KEY_BYTES);
    const wrapped = await this.keys.wrap(plain);
    return { wrapped, stored: wrapped.wrapped.toString('base64'), plain: Promise.resolve(plain) };
  }

  private async open(key: string, sealed: SealedValue): Promise<unknown> {
    let dataKey = this.dataKeys.get(key);
    if (dataKey && dataKey.stored === sealed.dek && dataKey.wrapped.keyId === sealed.kek) {
      this.remember(key, dataKey);
    } else {
      const wrapped = { keyId: sealed.kek, wrapped: Buffer.from(sealed.dek, 'base64') };
      const unwrapping: DataKey = { wrapped, stored: sealed.dek, plain: this.keys.unwrap(wrapped) };
      dataKey = unwrapping;
      this.remember(key, unwrapping);
      // A failed unwrap is not remembered: the next read asks again.
      unwrapping.plain.catch(() => this.dataKeys.get(key) === unwrapping && this.dataKeys.delete(key));
    }
    const plain = await dataKey.plain;
    try {
      const iv = Buffer.from(sealed.iv, 'base64');
      const tag = Buffer.from(sealed.tag, 'base64');
      if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES || plain.length !== DATA_KEY_BYTES) throw new Error('malformed envelope');
      const decipher = createDecipheriv('aes-256-gcm', plain, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(key, 'utf8'));
      decipher.setAuthTag(tag);
      const text = Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString('utf8');
      return JSON.parse(text);
    } catch (error) {
      throw new SealedRecordError(`record "${key}" does not open (changed, moved or sealed with another key): ${(error as Error).message}`);
    }
  }

  private remember(key: string, dataKey: DataKey): void {
    this.dataKeys.delete(key);
    this.dataKeys.set(key, dataKey);
    if (this.dataKeys.size > this.cacheSize) this.dataKeys.delete(this.dataKeys.keys().next().value!);
  }
}

function seal(key: string, value: unknown, wrapped: WrappedKey, storedKey: string, plain: Buffer): SealedValue {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', plain, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(key, 'utf8'));
  const data = Buffer.concat([cipher.update(JSON.stringify(value ?? null), 'utf8'), cipher.final()]);
  return { v: 1, kek: wrapped.keyId, dek: storedKey, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
}

/** Whether a stored value is an envelope (by shape: the app's own records never look like this). */
export function isSealed(value: unknown): value is SealedValue {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return v.v === 1 && ['kek', 'dek', 'iv', 'tag', 'data'].every((field) => typeof v[field] === 'string');
}
