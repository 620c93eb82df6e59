import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { FileStorage } from '../../src/storage/fileStorage';
import { ETagConflictError } from '../../src/storage/keyValueStore';
import { VersionedStore } from '../../src/storage/versionedStore';

const folder = () => mkdtempSync(join(tmpdir(), 'store-'));

describe('FileStorage', () => {
  it('keeps what was written across a new instance on the same folder (a restart)', async () => {
    const dir = folder();
    await new FileStorage(dir).write('conversation/a', { name: 'Søren' }, 'any');
    const item = await new FileStorage(dir).read('conversation/a');
    expect(item).toEqual({ value: { name: 'Søren' }, eTag: expect.any(String) });
    expect(await new FileStorage(dir).read('conversation/missing')).toBeUndefined();
  });

  it('refuses a write whose eTag is no longer the stored one', async () => {
    const storage = new FileStorage(folder());
    await storage.write('k', 1, 'any');
    const first = (await storage.read('k'))!;
    await storage.write('k', 2, { ifMatch: first.eTag });
    await expect(storage.write('k', 3, { ifMatch: first.eTag })).rejects.toBeInstanceOf(ETagConflictError);
    expect((await storage.read('k'))?.value).toBe(2);
  });

  it('creates only once when two writers both expect the key to be absent', async () => {
    const storage = new FileStorage(folder());
    const results = await Promise.allSettled([storage.write('k', 'a', { ifAbsent: true }), storage.write('k', 'b', { ifAbsent: true })]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
  });

  it('deletes', async () => {
    const storage = new FileStorage(folder());
    await storage.write('k', 1, 'any');
    await storage.delete('k');
    expect(await storage.read('k')).toBeUndefined();
  });
});

describe('VersionedStore.update', () => {
  it('keeps every one of several concurrent changes by re-deciding on the fresh value', async () => {
    const store = new VersionedStore<{ names: string[] }>(new FileStorage(folder()), 'list');
    const add = (name: string) =>
      store.update('x', async (current) => {
        await new Promise((r) => setTimeout(r, 5));
        return { write: { names: [...(current?.names ?? []), name] }, result: name };
      });
    await Promise.all([add('Lene'), add('Søren'), add('Ærø')]);
    expect((await store.get('x'))?.names.sort()).toEqual(['Lene', 'Søren', 'Ærø']);
  });

  it('writes nothing when the decision has no value', async () => {
    const store = new VersionedStore<{ n: number }>(new FileStorage(folder()), 'n');
    expect(await store.update('y', () => ({ result: 'refused' }))).toBe('refused');
    expect(await store.get('y')).toBeUndefined();
  });
});
