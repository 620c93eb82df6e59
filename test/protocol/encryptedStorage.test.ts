import { BlobServiceClient } from '@azure/storage-blob';
import { mkdtempSync, readdirSync, statSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { EncryptedStore } from '../../src/storage/encryptedStore';
import { FileStorage } from '../../src/storage/fileStorage';
import { LocalKeyFile } from '../../src/storage/keyWrapping';
import { startAzurite, type Azurite } from '../support/azurite';
import { startBot } from '../support/botProcess';
import { cardOf } from '../support/fakeConnector';
import { FakeKeyVault } from '../support/fakeKeyVault';
import { pdfText } from '../support/pdfText';
import { filesUnder, plaintextFound } from '../support/plaintextScan';
import { createMus, delivered, lene, pickAndStart, seen, soeren, useBot, type World } from '../support/scenario';
import { storedRecord } from '../support/storedState';
import { textOf, type Chat } from '../support/teamsClient';

jest.setTimeout(60000);

// Distinctive content of the kind the notes hold: health, a conflict, performance.
const NOTE = 'Sygemeldt tre uger i foråret efter konflikten med teamlederen';
const AGREEMENT = 'Forløb hos arbejdsmiljøkonsulenten om stresshåndtering';
const WHEN = 'Inden sommerferien 2030';
const VALUE = 'Færre sygedage og mere overskud';
/** Everything personal the conversation holds; the short keywords quoted as JSON stores them, so random base64 cannot match them by chance. */
const PERSONAL = [NOTE, 'konflikten med teamlederen', AGREEMENT, 'stresshåndtering', WHEN, VALUE, 'Lene Løvgren', 'Løvgren', 'Søren Ærø', 'Ærø',
  '"Mod"', 'Ansvar', 'Planlægning', 'Feedback', 'Nærvær', 'Økonomi'];

const vault = new FakeKeyVault();
let azurite: Azurite;
beforeAll(async () => {
  await vault.start();
  vault.latencyMs = 10;
  await vault.createKey('storage');
  azurite = await startAzurite();
});
afterAll(async () => {
  await vault.stop();
  await azurite?.stop();
});

/** A whole MUS with the distinctive texts: picks, a note with keywords in play, an agreement, finished and filed. */
async function wholeMus(world: World, chat: Chat): Promise<string> {
  world.connector.addConversation(chat.id, [lene, soeren]);
  const cid = await createMus(world.teams, world.connector, '2030-03-14', chat);
  await pickAndStart(world.teams, world.connector, cid, chat);
  const home = await seen(world, lene, chat);
  let card = (await world.teams.press(lene, chat, home.id, home.card, 'session.next')).card;
  card = (await world.teams.press(soeren, chat, home.id, card, 'session.next', { note: NOTE, inPlay: 'Nærvær' })).card;
  expect(textOf(card)).toContain('Spørgsmål 2 af 9');
  const saved = await world.teams.execute(lene, chat, home.id, 'agreement.save', { cid, perspectiveId: 'adfaerd', what: AGREEMENT, when: WHEN, responsibleId: soeren.aadObjectId, followUpDate: '2030-06-01', valueFor: 'person', value: VALUE });
  expect(textOf(saved.card)).toContain('Aftalen er gemt.');
  const finished = await world.teams.execute(lene, chat, home.id, 'session.finish', { cid });
  expect(textOf(finished.card)).toContain('Udviklingsplanen er færdig');
  // The reminders and the copies follow the answer.
  await delivered(world.connector, [lene, soeren], 'Hent udviklingsplanen');
  return cid;
}

/** The texts really went through the app: the filed PDF (outside the data folder) has them. */
async function expectFiledWithTexts(filingRoot: string): Promise<void> {
  const folder = join(filingRoot, 'Lene Løvgren', 'Personalemapper', 'Søren Ærø');
  const text = await pdfText(join(folder, readdirSync(folder)[0]));
  for (const expected of [NOTE, AGREEMENT, WHEN, VALUE, 'Nærvær']) expect(text).toContain(expected);
}

/** The key versions the data keys of the stored records are wrapped with, by record. */
function wrappedWith(dataDir: string): Map<string, string> {
  const keks = new Map<string, string>();
  for (const { name, bytes } of filesUnder(join(dataDir, 'state'))) keks.set(name, JSON.parse(bytes.toString('utf8')).value.kek);
  return keks;
}

const personal = (world: World, user: typeof lene): Chat => ({ id: world.connector.personalChatOf(user), type: 'personal' });
const lastCardIn = (world: World, chat: Chat) => {
  const sent = world.connector.sentTo(chat.id);
  return cardOf(sent[sent.length - 1].activity);
};

describe('file storage with the storage key in Key Vault', () => {
  const filingRoot = mkdtempSync(join(tmpdir(), 'filed-'));
  const world = useBot({ env: () => vault.env('storage', { FILING_ROOT: filingRoot }) });

  it('keeps no note, pick, agreement or name in any byte of the data folder, and no key beside the data', async () => {
    await wholeMus(world, { id: '19:sealed-file@thread.v2', type: 'groupChat' });
    await expectFiledWithTexts(filingRoot);
    const stored = filesUnder(world.bot.dataDir);
    expect(stored.length).toBeGreaterThan(5);
    expect(stored.map((f) => f.name).filter((name) => !name.startsWith('state/'))).toEqual([]); // no storage-key, no link-secret
    expect(plaintextFound(stored, PERSONAL)).toEqual([]);
    expect(world.bot.output()).toContain(`"key":"${vault.currentKeyId('storage')}"`);
  });

  it('reads what was stored before a key rotation after a restart (through throttling), re-wraps what it writes with the new version, and asks Key Vault once per record', async () => {
    const before = vault.currentKeyId('storage');
    const after = await vault.rotate('storage');
    const throttled = vault.requests.filter((r) => r.status === 429).length;
    vault.throttleNext(2, 1);
    await world.restart();
    expect(vault.requests.filter((r) => r.status === 429).length - throttled).toBe(2); // answered 429 with Retry-After, then retried

    const chat = personal(world, lene);
    const unwrapsAtStart = vault.count('unwrapKey');
    await world.teams.say(lene, chat, 'opfølgning');
    expect(textOf(lastCardIn(world, chat))).toContain(AGREEMENT);
    const unwrapsForTheList = vault.count('unwrapKey') - unwrapsAtStart;
    expect(unwrapsForTheList).toBeGreaterThan(0);
    await world.teams.say(lene, chat, 'opfølgning');
    expect(textOf(lastCardIn(world, chat))).toContain(AGREEMENT);
    expect(vault.count('unwrapKey') - unwrapsAtStart).toBe(unwrapsForTheList); // the same records again: from memory

    const next: Chat = { id: '19:after-rotation@thread.v2', type: 'groupChat' };
    world.connector.addConversation(next.id, [lene, soeren]);
    await createMus(world.teams, world.connector, '2031-03-13', next); // new records
    const keks = new Set(wrappedWith(world.bot.dataDir).values());
    expect(keks).toEqual(new Set([before, after]));
  });
});

describe('Azure Blob Storage (Azurite) with the storage key in Key Vault', () => {
  const filingRoot = mkdtempSync(join(tmpdir(), 'filed-'));
  const container = 'sealed-test';
  const world = useBot({
    env: () => ({ STORAGE: 'blob', AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString, STORAGE_CONTAINER: container, ...vault.env('storage', { FILING_ROOT: filingRoot }) })
  });

  it('keeps no note, pick, agreement or name in any blob, nor in the blob names', async () => {
    await wholeMus(world, { id: '19:sealed-blob@thread.v2', type: 'groupChat' });
    await expectFiledWithTexts(filingRoot);
    const client = BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient(container);
    const blobs: { name: string; bytes: Buffer }[] = [];
    for await (const blob of client.listBlobsFlat()) blobs.push({ name: blob.name, bytes: await client.getBlobClient(blob.name).downloadToBuffer() });
    expect(blobs.length).toBeGreaterThan(5);
    expect(blobs.map((b) => b.name)).toContain('secret/plan-links');
    expect(plaintextFound(blobs, PERSONAL)).toEqual([]);
    expect(filesUnder(world.bot.dataDir)).toEqual([]); // nothing beside: no key, no link secret
  });
});

describe('local mode (a storage key file beside the data)', () => {
  const world = useBot();

  it('seals the records too, with DATA_DIR/storage-key made once with mode 0600', async () => {
    const chat: Chat = { id: '19:sealed-local@thread.v2', type: 'groupChat' };
    world.connector.addConversation(chat.id, [lene, soeren]);
    const cid = await createMus(world.teams, world.connector, '2030-03-14', chat);
    await pickAndStart(world.teams, world.connector, cid, chat);
    const home = await seen(world, lene, chat);
    const card = (await world.teams.press(lene, chat, home.id, home.card, 'session.next')).card;
    await world.teams.press(soeren, chat, home.id, card, 'session.next', { note: NOTE });
    const stored = filesUnder(world.bot.dataDir);
    expect(stored.map((f) => f.name)).toContain('storage-key');
    expect(statSync(join(world.bot.dataDir, 'storage-key')).mode & 0o777).toBe(0o600);
    expect(plaintextFound(stored.filter((f) => f.name !== 'storage-key'), PERSONAL)).toEqual([]);
    expect(JSON.stringify((await storedRecord(world.bot.dataDir, `conversation/${cid}`))?.value)).toContain(NOTE);
  });
});

describe('start-up with the storage key and the link secret', () => {
  it('refuses to start when Key Vault withholds a permission, naming it and the role to give', async () => {
    vault.withheld.add('unwrapKey');
    try {
      await expect(startBot({ env: vault.env('storage') })).rejects.toThrow(/Key Vault nægter appen adgang til nøglen.*does not have keys unwrapKey permission.*Key Vault Crypto User/);
    } finally {
      vault.withheld.clear();
    }
  });

  it('refuses a stored link secret shorter than 32 bytes', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'weak-secret-'));
    const store = new EncryptedStore(new FileStorage(join(dataDir, 'state')), LocalKeyFile.open(join(dataDir, 'storage-key'), { create: true }));
    await store.write('secret/plan-links', { key: '', createdAt: '2026-01-01T00:00:00Z' }, 'any');
    await expect(startBot({ dataDir })).rejects.toThrow(/downloadlinks.*er kun 0 byte; den skal være mindst 32/);
  });
});
