import type { Fields } from '../../src/log';
import { recordSource } from '../../src/storage/versionedStore';
import { chatAddresses, deliveryAddresses, personalChatAddress, type Delivery, type PersonalChat } from '../../src/teams/deliveries';
import { MemoryStorage } from '../support/memoryStorage';

/** A conversation reference as botbuilder makes it from a Teams activity: names and all. */
const reference = (chat: string, user: string) => ({
  activityId: '1:abc',
  user: { id: `29:${user}`, name: user === 'lene' ? 'Lene Løvgren' : 'Søren Ærø', aadObjectId: `aad-${user}` },
  bot: { id: '28:bot', name: 'Udviklingssamtale' },
  conversation: { id: chat, name: 'MUS med Søren Ærø', conversationType: 'groupChat', isGroup: true, tenantId: 'tenant' },
  channelId: 'msteams',
  serviceUrl: 'https://smba.trafficmanager.net/emea/'
});

describe('the chats the bot keeps to write to people later', () => {
  it('are stored without the names Teams puts in a conversation reference, with every id the bot sends with', async () => {
    const storage = new MemoryStorage();
    const log = { info() {}, warn() {}, error() {} };
    const deliveries = chatAddresses(recordSource(storage)<Delivery>('delivery'), deliveryAddresses, log);
    const people = chatAddresses(recordSource(storage)<PersonalChat>('person'), personalChatAddress, log);
    await deliveries.put('c1', { home: { reference: reference('19:meeting', 'lene'), activityId: 'a1', locale: 'da' }, personal: { 'aad-soeren': { reference: reference('a:soeren', 'soeren'), activityId: 'a2', locale: 'da' } }, unreached: [] });
    await people.update('aad-soeren', () => ({ write: { reference: reference('a:soeren', 'soeren'), locale: 'da' }, result: undefined }));
    const stored = JSON.stringify([(await storage.read('delivery/c1'))?.value, (await storage.read('person/aad-soeren'))?.value]);
    expect(stored).not.toMatch(/Lene|Søren|Ærø|MUS med/);
    const home = (await deliveries.get('c1'))!.home.reference;
    expect(home).toEqual({ ...reference('19:meeting', 'lene'), user: { id: '29:lene', name: '', aadObjectId: 'aad-lene' }, conversation: { ...reference('19:meeting', 'lene').conversation, name: '' } });
  });

  it('count a record that cannot be read as unknown, logged by key, so the person is reached again and not blocked', async () => {
    const storage = new MemoryStorage();
    const logged: { event: string; fields?: Fields }[] = [];
    const log = { info() {}, warn: (event: string, fields?: Fields) => void logged.push({ event, fields }), error() {} };
    const people = chatAddresses(recordSource(storage)<PersonalChat>('person'), personalChatAddress, log);
    await people.put('aad-soeren', { reference: reference('a:soeren', 'soeren'), locale: 'da' });
    storage.corrupt('person/aad-soeren');
    expect(await people.get('aad-soeren')).toBeUndefined();
    expect(logged).toEqual([{ event: 'record unreadable, skipped', fields: { record: 'person/aad-soeren' } }]);
    await people.put('aad-soeren', { reference: reference('a:soeren', 'soeren'), locale: 'en' });
    expect((await people.get('aad-soeren'))?.locale).toBe('en');
  });
});
