import { mkdtempSync, existsSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { linkSecret, WeakLinkSecretError, type LinkSecretRecord } from '../../src/app/linkSecret';
import { PlanLinks } from '../../src/app/planLinks';
import { legacyLinkSecretFile } from '../../src/storage/legacyLinkSecret';
import { recordSource } from '../../src/storage/versionedStore';
import { MemoryStorage } from '../support/memoryStorage';

const DAY = 24 * 60 * 60 * 1000;
const now = () => new Date('2027-03-01T10:00:00Z');

describe('the key that signs plan links', () => {
  it('is made once as 32 random bytes and kept in storage, so instances starting at once all use the first one', async () => {
    const storage = new MemoryStorage();
    const secrets = await Promise.all([1, 2, 3].map(() => linkSecret(recordSource(storage)<LinkSecretRecord>('secret'), now)));
    expect(secrets[0]).toHaveLength(32);
    expect(secrets[1]).toEqual(secrets[0]);
    expect(secrets[2]).toEqual(secrets[0]);
    expect(storage.touched.written).toEqual(['secret/plan-links']);
    expect(await linkSecret(recordSource(storage)<LinkSecretRecord>('secret'), now)).toEqual(secrets[0]);
  });

  it('refuses a stored key shorter than 32 bytes', async () => {
    const records = recordSource(new MemoryStorage())<LinkSecretRecord>('secret');
    await records.put('plan-links', { key: Buffer.alloc(31).toString('base64'), createdAt: now().toISOString() });
    await expect(linkSecret(records, now)).rejects.toBeInstanceOf(WeakLinkSecretError);
  });

  it('takes over the file earlier versions kept beside the data when it is a full key, so links already sent still open', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'legacy-'));
    const hex = 'c0ffee'.repeat(11).slice(0, 64);
    writeFileSync(join(dir, 'link-secret'), `${hex}\n`);
    const legacy = legacyLinkSecretFile(dir);
    const oldLinks = new PlanLinks('https://bot.example', hex, now); // as before: the file's text was the key
    const url = new URL(oldLinks.urlFor({ conversationId: 'c1', personId: 'p1' }));

    const secret = await linkSecret(recordSource(new MemoryStorage())<LinkSecretRecord>('secret'), now, () => legacy.key()!);
    expect(new PlanLinks('https://bot.example', secret, now).verify('c1', Object.fromEntries(url.searchParams))).toEqual({ conversationId: 'c1', personId: 'p1' });
    legacy.remove();
    expect(existsSync(join(dir, 'link-secret'))).toBe(false);

    for (const weak of ['', 'abc', 'not hex at all but quite long enough to pass a length check, surely!']) {
      writeFileSync(join(dir, 'link-secret'), weak);
      expect(legacyLinkSecretFile(dir).key()).toBeUndefined();
    }
    expect(legacyLinkSecretFile(mkdtempSync(join(tmpdir(), 'none-'))).key()).toBeUndefined();
  });
});

describe('plan links', () => {
  it('refuse a secret shorter than 32 bytes', () => {
    expect(() => new PlanLinks('https://bot.example', '', now)).toThrow(/32 bytes/);
    expect(() => new PlanLinks('https://bot.example', Buffer.alloc(31), now)).toThrow(/32 bytes/);
  });

  it('are valid for the configured number of days, then refused', () => {
    let at = now();
    const links = new PlanLinks('https://bot.example', Buffer.alloc(32, 7), () => at, 7);
    const query = Object.fromEntries(new URL(links.urlFor({ conversationId: 'c1', personId: 'p1' })).searchParams);
    at = new Date(now().getTime() + 7 * DAY - 1000);
    expect(links.verify('c1', query)).toEqual({ conversationId: 'c1', personId: 'p1' });
    at = new Date(now().getTime() + 7 * DAY + 1000);
    expect(links.verify('c1', query)).toBeUndefined();
  });
});
