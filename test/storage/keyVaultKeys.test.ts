import { CryptographyClient } from '@azure/keyvault-keys';
import { randomBytes } from 'crypto';
import type { Logger } from '../../src/log';
import { EncryptedStore } from '../../src/storage/encryptedStore';
import { KeyVaultKeys } from '../../src/storage/keyVaultKeys';
import { FakeKeyVault } from '../support/fakeKeyVault';
import { MemoryStorage } from '../support/memoryStorage';

jest.setTimeout(30000);

const vault = new FakeKeyVault();
const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
beforeAll(async () => {
  await vault.start();
  vault.latencyMs = 5;
});
afterAll(() => vault.stop());

const open = (name: string, extra: { refreshMs?: number } = {}) =>
  KeyVaultKeys.open({ keyId: vault.keyId(name), credential: vault.credential(), disableChallengeResourceVerification: true, log: quiet, ...extra });
const sdkClient = (keyId: string) => new CryptographyClient(keyId, vault.credential(), { disableChallengeResourceVerification: true });
const since = (mark: number) => vault.requests.slice(mark);

describe('data keys wrapped by a key in Key Vault (against a fake Key Vault speaking its REST API)', () => {
  it('signs in through the challenge, looks the key up and proves it can unwrap, with the newest version', async () => {
    const first = await vault.createKey('open-key');
    const mark = vault.requests.length;
    const keys = await open('open-key');
    expect(keys.currentKeyId).toBe(first);
    const seen = since(mark);
    expect(seen[0]).toMatchObject({ op: 'get', status: 401, version: '' }); // no bearer yet: the challenge
    expect(seen.map((r) => `${r.op} ${r.status}`)).toEqual(expect.arrayContaining(['token 200', 'get 200', 'unwrapKey 200']));
    expect(seen.filter((r) => r.op === 'wrapKey')).toEqual([]); // wrapping needs only the public key
  });

  it('wraps locally and unwraps in the vault; the SDK’s own remote (RSA-OAEP-256) and local (RSA-OAEP) wrapping work against the same fake', async () => {
    const kid = await vault.createKey('paths');
    const keys = await open('paths');
    const dataKey = randomBytes(32);
    expect(await keys.unwrap(await keys.wrap(dataKey))).toEqual(dataKey);

    const sdk = sdkClient(kid);
    const remote = await sdk.wrapKey('RSA-OAEP-256', dataKey);
    expect(await keys.unwrap({ keyId: kid, wrapped: Buffer.from(remote.result) })).toEqual(dataKey);
    const mark = vault.requests.length;
    const local = await sdk.wrapKey('RSA-OAEP', dataKey);
    expect(since(mark).filter((r) => r.op === 'wrapKey')).toEqual([]);
    expect(Buffer.from((await sdk.unwrapKey('RSA-OAEP', local.result)).result)).toEqual(dataKey);
    expect(Buffer.from((await sdk.unwrapKey('RSA-OAEP-256', (await keys.wrap(dataKey)).wrapped)).result)).toEqual(dataKey);
  });

  it('picks up a rotation while running, and still unwraps data keys wrapped with the older version', async () => {
    const v1 = await vault.createKey('rotating');
    const keys = await open('rotating', { refreshMs: 100 });
    const old = await keys.wrap(randomBytes(32));
    const v2 = await vault.rotate('rotating');
    for (let i = 0; i < 50 && keys.currentKeyId !== v2; i++) await new Promise((r) => setTimeout(r, 50));
    keys.close();
    expect(keys.currentKeyId).toBe(v2);
    expect((await keys.wrap(randomBytes(32))).keyId).toBe(v2);
    expect(old.keyId).toBe(v1);
    expect(await keys.unwrap(old)).toHaveLength(32);
  });

  it('keeps unwrapping with an expired version (Key Vault allows it) but wraps nothing new with it', async () => {
    const kid = await vault.createKey('expiring');
    const before = await (await open('expiring')).wrap(randomBytes(32));
    vault.expire(kid);
    const mark = vault.requests.length;
    await expect(open('expiring')).rejects.toThrow(/may not wrap keys now/);
    expect(since(mark).some((r) => r.op === 'get' && r.status === 200)).toBe(true);
    const v2 = await vault.rotate('expiring');
    const keys = await open('expiring');
    expect(keys.currentKeyId).toBe(v2);
    expect(await keys.unwrap(before)).toHaveLength(32);
  });

  it('asks Key Vault once per record and process: the rest is served from memory', async () => {
    await vault.createKey('cached');
    const keys = await open('cached');
    const inner = new MemoryStorage();
    const writer = new EncryptedStore(inner, keys);
    const mark = vault.requests.length;
    for (let i = 0; i < 10; i++) await writer.write(`conversation/${i}`, { notes: `note ${i}` }, 'any');
    const reader = new EncryptedStore(inner, keys);
    for (let turn = 0; turn < 5; turn++) {
      for (let i = 0; i < 10; i++) {
        const item = (await reader.read(`conversation/${i}`))!;
        await reader.write(`conversation/${i}`, { notes: `note ${i}, turn ${turn}` }, { ifMatch: item.eTag });
      }
    }
    expect(since(mark).map((r) => r.op)).toEqual(Array(10).fill('unwrapKey'));
  });

  it('retries a throttled request after the Retry-After it was given', async () => {
    await vault.createKey('throttled');
    const keys = await open('throttled');
    const wrapped = await keys.wrap(randomBytes(32));
    vault.throttleNext(2, 1);
    const started = Date.now();
    expect(await keys.unwrap(wrapped)).toHaveLength(32);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    expect(vault.requests.slice(-3).map((r) => r.status)).toEqual([429, 429, 200]);
  });

  it('fails with Key Vault’s 403 when a permission is withheld, at start and on a later unwrap', async () => {
    await vault.createKey('forbidden');
    const keys = await open('forbidden');
    const wrapped = await keys.wrap(randomBytes(32));
    vault.withheld.add('unwrapKey');
    try {
      await expect(open('forbidden')).rejects.toMatchObject({ statusCode: 403, message: expect.stringContaining('does not have keys unwrapKey permission') });
      await expect(keys.unwrap(wrapped)).rejects.toMatchObject({ statusCode: 403 });
      vault.withheld.add('get');
      await expect(open('forbidden')).rejects.toMatchObject({ statusCode: 403, message: expect.stringContaining('does not have keys get permission') });
    } finally {
      vault.withheld.clear();
    }
  });

  it('refuses a disabled version in the vault, and a wrapped key naming another key or vault without asking anyone', async () => {
    const kid = await vault.createKey('guarded');
    const keys = await open('guarded');
    const wrapped = await keys.wrap(randomBytes(32));
    const mark = vault.requests.length;
    await expect(keys.unwrap({ ...wrapped, keyId: vault.keyId('other-key', 'abc') })).rejects.toThrow(/not a version of/);
    await expect(keys.unwrap({ ...wrapped, keyId: `https://elsewhere.example/keys/guarded/${kid.split('/').pop()}` })).rejects.toThrow(/not a version of/);
    await expect(keys.unwrap({ ...wrapped, keyId: vault.keyId('guarded') })).rejects.toThrow(/not a version of/);
    expect(since(mark)).toEqual([]);
    vault.disable(kid);
    await expect(keys.unwrap(wrapped)).rejects.toMatchObject({ statusCode: 403, message: expect.stringContaining('disabled') });
  });
});
