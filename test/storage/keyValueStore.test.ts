import { BlobServiceClient } from '@azure/storage-blob';
import { randomUUID } from 'crypto';
import { mkdtempSync, promises as fsPromises, readdirSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { StorageUnavailableError, UnreadableRecordError } from '../../src/app/ports';
import { BlobStorage } from '../../src/storage/blobStorage';
import { EncryptedStore } from '../../src/storage/encryptedStore';
import { LocalKeyFile } from '../../src/storage/keyWrapping';
import { FileStorage } from '../../src/storage/fileStorage';
import { ETagConflictError, type KeyValueStore } from '../../src/storage/keyValueStore';
import { VersionedStore } from '../../src/storage/versionedStore';
import { MemoryStorage } from '../support/memoryStorage';
import { startAzurite, type Azurite } from '../support/azurite';

let azurite: Azurite;
beforeAll(async () => (azurite = await startAzurite()));
afterAll(() => azurite.stop());

/** Each store, and a way to open the same store again (a restart): one folder, or one container. */
const stores: [string, () => () => KeyValueStore][] = [
  ['FileStorage (local mode)', () => {
    const folder = mkdtempSync(join(tmpdir(), 'store-'));
    return () => new FileStorage(folder);
  }],
  ['MemoryStorage (tests only)', () => {
    const storage = new MemoryStorage();
    return () => storage;
  }],
  ['BlobStorage (Azure, on Azurite)', () => {
    const container = `test-${randomUUID()}`;
    return () => new BlobStorage(BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient(container));
  }]
];
// The encrypting store (#16) over each of them, as the app runs it: a new instance (a restart) has no data keys in memory.
const storageKey = LocalKeyFile.open(join(mkdtempSync(join(tmpdir(), 'store-key-')), 'storage-key'), { create: true });
stores.push(...stores.map(([name, place]): [string, () => () => KeyValueStore] => [`EncryptedStore over ${name}`, () => {
  const open = place();
  return () => new EncryptedStore(open(), storageKey);
}]));

describe.each(stores)('%s', (_name, place) => {
  it('keeps what was written for a new instance on the same place (a restart)', async () => {
    const open = place();
    await open().write('conversation/a', { name: 'Søren' }, 'any');
    expect(await open().read('conversation/a')).toEqual({ value: { name: 'Søren' }, eTag: expect.any(String) });
    expect(await open().read('conversation/missing')).toBeUndefined();
  });

  it('refuses a write whose eTag is no longer the stored one', async () => {
    const storage = place()();
    await storage.write('k', 1, 'any');
    const first = (await storage.read('k'))!;
    await storage.write('k', 2, { ifMatch: first.eTag });
    await expect(storage.write('k', 3, { ifMatch: first.eTag })).rejects.toBeInstanceOf(ETagConflictError);
    expect((await storage.read('k'))?.value).toBe(2);
  });

  it('creates only once when two writers both expect the key to be absent', async () => {
    const storage = place()();
    const results = await Promise.allSettled([storage.write('k', 'a', { ifAbsent: true }), storage.write('k', 'b', { ifAbsent: true })]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
  });

  it('lists keys by prefix and deletes', async () => {
    const storage = place()();
    await Promise.all(['outbox/a', 'outbox/b', 'conversation/c'].map((k) => storage.write(k, 1, 'any')));
    expect((await storage.list('outbox/')).sort()).toEqual(['outbox/a', 'outbox/b']);
    await storage.delete('outbox/a');
    await storage.delete('outbox/never-there');
    expect(await storage.list('outbox/')).toEqual(['outbox/b']);
  });

  it('lists nested keys below a prefix, also one that ends inside a segment', async () => {
    const storage = place()();
    const keys = ['due/2027-03-01/09~a', 'due/2027-03-01/10~b', 'due/2027-03-02/09~c', 'due/2027-03-10/x', 'dues/z'];
    await Promise.all(keys.map((k) => storage.write(k, 1, 'any')));
    expect((await storage.list('due/2027-03-01/')).sort()).toEqual(['due/2027-03-01/09~a', 'due/2027-03-01/10~b']);
    expect((await storage.list('due/2027-03-0')).sort()).toEqual(['due/2027-03-01/09~a', 'due/2027-03-01/10~b', 'due/2027-03-02/09~c']);
    expect((await storage.list('due/')).length).toBe(4);
  });

  it('keeps keys whose segments are dots, empty or full of odd characters apart and inside the store', async () => {
    const storage = place()();
    const keys = ['odd/../x', 'odd/./x', 'odd//x', 'odd/a%2Fb/æ ø:"*?<>|', 'odd/..'];
    for (const [i, key] of keys.entries()) await storage.write(key, i, 'any');
    for (const [i, key] of keys.entries()) expect((await storage.read(key))?.value).toBe(i);
    expect((await storage.list('odd/')).sort()).toEqual([...keys].sort());
  });

  it('keeps every one of several concurrent changes by re-deciding on the fresh value', async () => {
    const store = new VersionedStore<{ names: string[] }>(place()(), 'list');
    const add = (name: string) =>
      store.update('x', async (current) => {
        await new Promise((r) => setTimeout(r, 5));
        return { write: { names: [...(current?.names ?? []), name] }, result: name };
      });
    await Promise.all([add('Lene'), add('Søren'), add('Ærø'), add('Mette')]);
    expect((await store.get('x'))?.names.sort()).toEqual(['Lene', 'Mette', 'Søren', 'Ærø']);
  });

  it('writes nothing when the decision has no value', async () => {
    const store = new VersionedStore<{ n: number }>(place()(), 'n');
    expect(await store.update('y', () => ({ result: 'refused' }))).toBe('refused');
    expect(await store.get('y')).toBeUndefined();
  });
});

describe('FileStorage keeps recent records in memory', () => {
  it('gives each reader its own copy, and what is read after eviction and deletion comes from the files', async () => {
    const storage = new FileStorage(mkdtempSync(join(tmpdir(), 'store-')), 2);
    for (const key of ['a', 'b', 'c']) await storage.write(key, { key }, 'any');
    const first = await storage.read('a'); // evicted by 'c': from the file
    (first!.value as { key: string }).key = 'changed by a caller';
    expect(await storage.read('a')).toEqual({ value: { key: 'a' }, eTag: first!.eTag });
    await storage.delete('c');
    expect(await storage.read('c')).toBeUndefined();
  });

  it('never serves a record a write has replaced, even when the read started first', async () => {
    const storage = new FileStorage(mkdtempSync(join(tmpdir(), 'store-')), 1);
    await storage.write('k', { n: 0 }, 'any');
    await storage.write('other', {}, 'any'); // evicts 'k', so the next read goes to the file
    for (let n = 1; n <= 50; n++) {
      const laterRead = new Promise((resolve) => setImmediate(() => resolve(storage.read('k'))));
      await Promise.all([storage.read('k'), storage.write('k', { n }, 'any'), laterRead]);
      expect((await storage.read('k'))!.value).toEqual({ n });
      await storage.write('other', {}, 'any');
    }
  });
});

/** Each store with a way to leave a record as a crash or a broken writer would: there, but not JSON. */
const broken: [string, string][] = [['empty', ''], ['cut short', '{"value":{"notes":"Trives']];
const breakable: [string, [string, string][], () => { storage: KeyValueStore; breakRecord: (key: string, text: string) => Promise<void> }][] = [
  // A file holds the value and its eTag: JSON that is not such a pair is broken too.
  ['FileStorage (local mode)', [...broken, ['not a record', 'null']], () => {
    const folder = mkdtempSync(join(tmpdir(), 'store-'));
    return { storage: new FileStorage(folder, 0), breakRecord: async (key, text) => writeFileSync(join(folder, ...key.split('/')) + '.json', text) };
  }],
  ['BlobStorage (Azure, on Azurite)', broken, () => {
    const container = BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient(`test-${randomUUID()}`);
    return { storage: new BlobStorage(container), breakRecord: async (key, text) => void (await container.getBlockBlobClient(key).upload(text, Buffer.byteLength(text))) };
  }]
];

describe.each(breakable)('%s: a record that exists but cannot be read', (_name, texts, make) => {
  it.each(texts)('(%s) is refused as unreadable, not as an outage, and a plain write replaces it', async (_kind, text) => {
    const { storage, breakRecord } = make();
    const store = new VersionedStore<{ n: number }>(storage, 'conversation');
    await store.put('a', { n: 1 });
    await breakRecord('conversation/a', text);
    const refused = await store.get('a').catch((error) => error);
    expect(refused).toBeInstanceOf(UnreadableRecordError);
    expect(refused).not.toBeInstanceOf(StorageUnavailableError);
    expect(refused.message).toBe('stored record conversation/a cannot be read');
    await expect(store.update('a', () => ({ write: { n: 2 }, result: undefined }))).rejects.toBeInstanceOf(UnreadableRecordError);
    await store.put('a', { n: 3 });
    expect(await store.get('a')).toEqual({ n: 3 });
  });
});

describe('FileStorage writes durably', () => {
  afterEach(() => jest.restoreAllMocks());

  it('flushes the new file to disk before renaming it over the old one, and the folder after the rename', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'store-'));
    const storage = new FileStorage(folder);
    await storage.write('conversation/a', { n: 1 }, 'any');
    const events: string[] = [];
    const open = fsPromises.open.bind(fsPromises);
    const rename = fsPromises.rename.bind(fsPromises);
    jest.spyOn(fsPromises, 'open').mockImplementation(async (path, ...rest) => {
      const handle = await open(path, ...(rest as [string]));
      const sync = handle.sync.bind(handle);
      handle.sync = async () => (events.push(`sync ${String(path).endsWith('.tmp') ? 'temp file' : String(path) === join(folder, 'conversation') ? 'folder' : String(path)}`), sync());
      return handle;
    });
    jest.spyOn(fsPromises, 'rename').mockImplementation(async (from, to) => (events.push('rename'), rename(from, to)));
    await storage.write('conversation/a', { n: 2 }, 'any');
    expect(events).toEqual(['sync temp file', 'rename', 'sync folder']);
    expect((await new FileStorage(folder).read('conversation/a'))?.value).toEqual({ n: 2 });
  });

  it('removes its temp file when a write fails, and keeps the record that was there', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'store-'));
    const storage = new FileStorage(folder);
    await storage.write('conversation/a', { notes: 'før' }, 'any');
    jest.spyOn(fsPromises, 'rename').mockRejectedValueOnce(Object.assign(new Error('no space left on device'), { code: 'ENOSPC' }));
    await expect(storage.write('conversation/a', { notes: 'Trives godt, men savner sparring' }, 'any')).rejects.toThrow(/no space/);
    expect(readdirSync(join(folder, 'conversation'))).toEqual(['a.json']);
    expect((await new FileStorage(folder).read('conversation/a'))?.value).toEqual({ notes: 'før' });
    expect((await storage.read('conversation/a'))?.value).toEqual({ notes: 'før' });
  });
});
