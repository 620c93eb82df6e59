import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { FileStorage } from '../../src/storage/fileStorage';
import { VersionedStore } from '../../src/storage/versionedStore';

const folder = () => mkdtempSync(join(tmpdir(), 'store-'));

describe('FileStorage', () => {
  it('keeps what was written across a new instance on the same folder (a restart)', async () => {
    const dir = folder();
    await new FileStorage(dir).write({ 'conversation/a': { name: 'Søren' } });
    const items = await new FileStorage(dir).read(['conversation/a', 'conversation/missing']);
    expect(items['conversation/a'].name).toBe('Søren');
    expect(items['conversation/a'].eTag).toEqual(expect.any(String));
    expect(items['conversation/missing']).toBeUndefined();
  });

  it('refuses a write whose eTag is no longer the stored one', async () => {
    const storage = new FileStorage(folder());
    await storage.write({ k: { v: 1 } });
    const { k } = await storage.read(['k']);
    await storage.write({ k: { v: 2, eTag: k.eTag } });
    await expect(storage.write({ k: { v: 3, eTag: k.eTag } })).rejects.toMatchObject({ statusCode: 412 });
    expect((await storage.read(['k'])).k.v).toBe(2);
  });

  it('deletes', async () => {
    const storage = new FileStorage(folder());
    await storage.write({ k: { v: 1 } });
    await storage.delete(['k']);
    expect(await storage.read(['k'])).toEqual({});
  });
});

describe('VersionedStore.update', () => {
  it('keeps both of two concurrent changes by re-deciding on the fresh value', async () => {
    const store = new VersionedStore<{ names: string[] }>(new FileStorage(folder()), 'list');
    await store.put('x', { names: [] });
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
