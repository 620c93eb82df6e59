import { createCipheriv, createDecipheriv, randomBytes } from 'crypto';
import { mkdtempSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { EncryptedStore, isSealed, SealedRecordError, UnsealedRecordError, type SealedValue } from '../../src/storage/encryptedStore';
import { ETagConflictError } from '../../src/storage/keyValueStore';
import { KeyFileError, LocalKeyFile, type KeyWrapping, type WrappedKey } from '../../src/storage/keyWrapping';
import { MemoryStorage } from '../support/memoryStorage';
import { plaintextIn } from '../support/plaintextScan';

/** A KEK with versions, as Key Vault keeps them, counting what it is asked to do. */
class VersionedKeys implements KeyWrapping {
  private readonly versions = new Map<string, Buffer>();
  currentKeyId = '';
  readonly calls = { wrap: 0, unwrap: 0 };

  constructor() {
    this.rotate();
  }

  rotate(): string {
    this.currentKeyId = `test-kek/v${this.versions.size + 1}`;
    this.versions.set(this.currentKeyId, randomBytes(32));
    return this.currentKeyId;
  }

  async wrap(dataKey: Buffer): Promise<WrappedKey> {
    this.calls.wrap++;
    const cipher = createCipheriv('id-aes256-wrap', this.versions.get(this.currentKeyId)!, Buffer.from('A6A6A6A6A6A6A6A6', 'hex'));
    return { keyId: this.currentKeyId, wrapped: Buffer.concat([cipher.update(dataKey), cipher.final()]) };
  }

  async unwrap({ keyId, wrapped }: WrappedKey): Promise<Buffer> {
    this.calls.unwrap++;
    const kek = this.versions.get(keyId);
    if (!kek) throw new Error(`no key ${keyId}`);
    const decipher = createDecipheriv('id-aes256-wrap', kek, Buffer.from('A6A6A6A6A6A6A6A6', 'hex'));
    return Buffer.concat([decipher.update(wrapped), decipher.final()]);
  }
}

const note = { notes: { q1: 'Har haft ondt i ryggen siden flytningen – Lene Løvgren ved det' }, picks: ['Mod', 'Nærvær'], agreement: 'Samtale med arbejdsmiljørepræsentanten' };

function setUp() {
  const inner = new MemoryStorage();
  const keys = new VersionedKeys();
  return { inner, keys, store: new EncryptedStore(inner, keys) };
}

const raw = async (inner: MemoryStorage, key: string) => (await inner.read(key))!.value as SealedValue;

describe('the encrypting store', () => {
  it('gives back what was written, with the inner store’s eTag, for values of every JSON shape', async () => {
    const { inner, store } = setUp();
    for (const [i, value] of [note, 'tekst æøå', 42, null, [1, { a: true }], { nested: { deep: ['x'] } }].entries()) {
      await store.write(`k/${i}`, value, 'any');
      const read = await store.read(`k/${i}`);
      expect(read).toEqual({ value, eTag: (await inner.read(`k/${i}`))!.eTag });
    }
    expect(await store.read('k/missing')).toBeUndefined();
  });

  it('stores an envelope with no trace of the content, also not encoded, and a fresh IV on every write', async () => {
    const { inner, store } = setUp();
    await store.write('conversation/c1', note, 'any');
    const first = await raw(inner, 'conversation/c1');
    await store.write('conversation/c1', note, 'any');
    const second = await raw(inner, 'conversation/c1');
    expect(isSealed(first)).toBe(true);
    expect(Object.keys(first).sort()).toEqual(['data', 'dek', 'iv', 'kek', 'tag', 'v']);
    expect(Buffer.from(first.iv, 'base64')).toHaveLength(12);
    expect(second.iv).not.toBe(first.iv);
    expect(second.data).not.toBe(first.data);
    expect(second.dek).toBe(first.dek); // the record's data key, reused while this process has it
    const bytes = Buffer.from(JSON.stringify(first));
    expect(plaintextIn(bytes, ['ondt i ryggen', 'Løvgren', '"Mod"', 'Nærvær', 'arbejdsmiljø', 'notes', 'picks'])).toEqual([]);
  });

  it('binds a value to its key: a sealed value moved to another key does not open', async () => {
    const { inner, keys, store } = setUp();
    await store.write('conversation/a', note, 'any');
    await inner.write('conversation/b', await raw(inner, 'conversation/a'), 'any');
    await expect(new EncryptedStore(inner, keys).read('conversation/b')).rejects.toBeInstanceOf(SealedRecordError);
    await expect(store.read('conversation/b')).rejects.toBeInstanceOf(SealedRecordError);
    expect((await store.read('conversation/a'))?.value).toEqual(note);
  });

  it.each(['data', 'tag', 'iv'] as const)('detects a changed %s', async (field) => {
    const { inner, keys, store } = setUp();
    await store.write('k', note, 'any');
    const sealed = await raw(inner, 'k');
    const bytes = Buffer.from(sealed[field], 'base64');
    bytes[0] ^= 1;
    await inner.write('k', { ...sealed, [field]: bytes.toString('base64') }, 'any');
    await expect(new EncryptedStore(inner, keys).read('k')).rejects.toBeInstanceOf(SealedRecordError);
  });

  it('detects a changed wrapped data key (the key wrap’s own check)', async () => {
    const { inner, keys, store } = setUp();
    await store.write('k', note, 'any');
    const sealed = await raw(inner, 'k');
    const dek = Buffer.from(sealed.dek, 'base64');
    dek[3] ^= 1;
    await inner.write('k', { ...sealed, dek: dek.toString('base64') }, 'any');
    await expect(new EncryptedStore(inner, keys).read('k')).rejects.toThrow();
  });

  it('keeps records of an older KEK version readable, and re-wraps a record with the current version when it is next written', async () => {
    const { inner, keys, store } = setUp();
    await store.write('old/untouched', { n: 1 }, 'any');
    await store.write('old/changed', { n: 2 }, 'any');
    const v1 = keys.currentKeyId;
    const v2 = keys.rotate();
    const restarted = new EncryptedStore(inner, keys);
    expect((await restarted.read('old/untouched'))?.value).toEqual({ n: 1 });
    const changed = (await restarted.read('old/changed'))!;
    await restarted.write('old/changed', { n: 3 }, { ifMatch: changed.eTag });
    await restarted.write('new', { n: 4 }, 'any');
    expect((await raw(inner, 'old/untouched')).kek).toBe(v1);
    expect((await raw(inner, 'old/changed')).kek).toBe(v2);
    expect((await raw(inner, 'new')).kek).toBe(v2);
    // The same process also re-wraps a key it holds when the version changes under it.
    await store.write('old/untouched', { n: 5 }, 'any');
    expect((await raw(inner, 'old/untouched')).kek).toBe(v2);
    const later = new EncryptedStore(inner, keys);
    expect(await Promise.all(['old/untouched', 'old/changed', 'new'].map(async (k) => (await later.read(k))?.value))).toEqual([{ n: 5 }, { n: 3 }, { n: 4 }]);
  });

  it('unwraps a record’s data key once per process: a turn’s reads and writes do not ask the KEK again', async () => {
    const { inner, keys, store } = setUp();
    for (let i = 0; i < 5; i++) await store.write(`r/${i}`, { i }, 'any');
    expect(keys.calls).toEqual({ wrap: 5, unwrap: 0 });
    for (let turn = 0; turn < 20; turn++) {
      const item = (await store.read('r/0'))!;
      await store.write('r/0', { turn }, { ifMatch: item.eTag });
    }
    expect(keys.calls).toEqual({ wrap: 5, unwrap: 0 });

    const restarted = new EncryptedStore(inner, keys);
    await Promise.all([restarted.read('r/1'), restarted.read('r/1'), restarted.read('r/2')]); // concurrent reads share one unwrap
    for (let turn = 0; turn < 10; turn++) {
      const item = (await restarted.read('r/1'))!;
      await restarted.write('r/1', { turn }, { ifMatch: item.eTag });
    }
    expect(keys.calls).toEqual({ wrap: 5, unwrap: 2 });
  });

  it('keeps a bounded number of data keys: the least recently used are unwrapped again', async () => {
    const { inner, keys } = setUp();
    const writer = new EncryptedStore(inner, keys);
    for (const k of ['a', 'b', 'c']) await writer.write(k, k, 'any');
    const reader = new EncryptedStore(inner, keys, { cacheSize: 2 });
    for (const k of ['a', 'b', 'a', 'b']) await reader.read(k);
    expect(keys.calls.unwrap).toBe(2);
    await reader.read('c'); // evicts 'a'
    await reader.read('b');
    await reader.read('a');
    expect(keys.calls.unwrap).toBe(4);
  });

  it('passes conditions through: a stale eTag and a second create are conflicts', async () => {
    const { store } = setUp();
    await store.write('k', 1, { ifAbsent: true });
    await expect(store.write('k', 2, { ifAbsent: true })).rejects.toBeInstanceOf(ETagConflictError);
    const first = (await store.read('k'))!;
    await store.write('k', 3, { ifMatch: first.eTag });
    await expect(store.write('k', 4, { ifMatch: first.eTag })).rejects.toBeInstanceOf(ETagConflictError);
    expect((await store.read('k'))?.value).toBe(3);
  });

  it('refuses a value stored unencrypted, unless told to read such records; then encrypts them all without unwrapping a key', async () => {
    const { inner, keys } = setUp();
    const sealedBefore = new EncryptedStore(inner, keys);
    await sealedBefore.write('sealed', { already: true }, 'any');
    await inner.write('plain/a', note, 'any');
    await inner.write('plain/b', { n: 2 }, 'any');
    await expect(new EncryptedStore(inner, keys).read('plain/a')).rejects.toBeInstanceOf(UnsealedRecordError);

    const migrating = new EncryptedStore(inner, keys, { readUnsealed: true });
    expect((await migrating.read('plain/b'))?.value).toEqual({ n: 2 });
    const unwrapsBefore = keys.calls.unwrap;
    expect(await migrating.sealExisting()).toBe(2);
    expect(keys.calls.unwrap).toBe(unwrapsBefore);
    expect(await migrating.sealExisting()).toBe(0);
    for (const key of ['sealed', 'plain/a', 'plain/b']) expect(isSealed((await inner.read(key))!.value)).toBe(true);
    expect((await new EncryptedStore(inner, keys).read('plain/a'))?.value).toEqual(note);
  });
});

describe('the local key file (local mode)', () => {
  const folder = () => mkdtempSync(join(tmpdir(), 'storage-key-'));

  it('is 32 random bytes made once with mode 0600, and the same key after a restart', async () => {
    const file = join(folder(), 'storage-key');
    const first = LocalKeyFile.open(file, { create: true });
    expect(statSync(file).size).toBe(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = LocalKeyFile.open(file, { create: true });
    expect(again.currentKeyId).toBe(first.currentKeyId);
    const dataKey = randomBytes(32);
    expect(await again.unwrap(await first.wrap(dataKey))).toEqual(dataKey);
  });

  it('refuses a file that is not 32 bytes, and a data key wrapped by another key', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'empty'), '');
    writeFileSync(join(dir, 'short'), randomBytes(16));
    expect(() => LocalKeyFile.open(join(dir, 'empty'), { create: true })).toThrow(KeyFileError);
    expect(() => LocalKeyFile.open(join(dir, 'short'), { create: true })).toThrow(/16 bytes/);
    expect(() => LocalKeyFile.open(join(dir, 'missing'), { create: false })).toThrow(KeyFileError);
    const other = LocalKeyFile.open(join(dir, 'other'), { create: true });
    const mine = LocalKeyFile.open(join(dir, 'mine'), { create: true });
    await expect(mine.unwrap(await other.wrap(randomBytes(32)))).rejects.toThrow(/not with this storage key/);
    await expect(mine.unwrap({ keyId: mine.currentKeyId, wrapped: (await other.wrap(randomBytes(32))).wrapped })).rejects.toThrow();
  });
});
