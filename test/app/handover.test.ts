import type { TokenCredential } from '@azure/identity';
import { ConversationService } from '../../src/app/conversationService';
import { PlanHandover, type HandoverAnswer, type HandoverRecord } from '../../src/app/handover';
import { PersonnelFolders } from '../../src/app/personnelFolders';
import type { Directory } from '../../src/app/ports';
import { recordKinds } from '../../src/app/recordKinds';
import type { Person } from '../../src/domain/conversation';
import { GraphFilingTarget } from '../../src/filing/graphFilingTarget';
import { GraphPlanCopier } from '../../src/filing/graphPlanCopier';
import { createGraphClient } from '../../src/graph/graphClient';
import { recordSource } from '../../src/storage/versionedStore';
import { leader as lene } from '../support/conversations';
import { FakeGraph, testTls } from '../support/fakeGraph';
import { clock, fileMus } from '../support/filedPlans';
import { MemoryStorage } from '../support/memoryStorage';

jest.setTimeout(30000);

const mette: Person = { id: 'aad-mette', name: 'Mette Østergaard' };
const stranger: Person = { id: 'aad-stranger', name: 'Anders And' };
const soeren: Person = { id: 'aad-soeren', name: 'Søren Ærø' };
const quiet = { info() {}, warn() {}, error() {} };

const graph = new FakeGraph(testTls());
beforeAll(() => graph.start());
afterAll(() => graph.stop());

/** Who reports to whom, as the directory says: leader id → people. */
function directoryOf(reports: Map<string, Person[]>): Directory {
  return {
    directReports: async (leaderId) => reports.get(leaderId) ?? [],
    managerOf: async (personId) => {
      const found = [...reports].find(([, people]) => people.some((p) => p.id === personId));
      return found ? [lene, mette, stranger].find((p) => p.id === found[0])! : null;
    }
  };
}

async function world() {
  graph.recover();
  graph.files.clear();
  graph.requests.length = 0;
  const storage = new MemoryStorage();
  const records = recordSource(storage);
  const credential: TokenCredential = { getToken: async () => ({ token: 'fake-graph-token', expiresOnTimestamp: Date.now() + 3600_000 }) };
  const client = createGraphClient({ credential, baseUrl: graph.url, timeoutMs: 5000, maxRetries: 0 });
  const limits = { simpleUploadLimit: 4 * 1024 * 1024, chunkSize: 320 * 1024, timeoutMs: 5000, permission: 'Files.ReadWrite.All' };
  const target = new GraphFilingTarget({ clientFor: async () => client, drive: { kind: 'oneDrive', rootFolder: 'Personalemapper' }, ...limits });
  const reports = new Map<string, Person[]>([[lene.id, [soeren]]]);
  const told: [string, HandoverAnswer][] = [];
  const handoverRecords = records<HandoverRecord>(recordKinds.handover.prefix);
  const conversations = ConversationService.in(records, clock);
  const handover = new PlanHandover({
    conversations,
    directory: directoryOf(reports),
    folders: PersonnelFolders.in(records),
    copier: new GraphPlanCopier({ client, rootFolder: 'Personalemapper', ...limits }),
    records: handoverRecords,
    notifier: { tell: async (personId, answer) => void told.push([personId, answer]) },
    clock,
    retry: { firstDelayMs: 1, maxDelayMs: 1, claimMs: 1 },
    log: quiet
  });
  // Lene filed two plans for Søren; then he moved to Mette's unit.
  await fileMus(storage, target, soeren, '2026-11-26');
  await fileMus(storage, target, soeren, '2026-12-02');
  const moveToMette = () => {
    reports.set(lene.id, []);
    reports.set(mette.id, [soeren]);
  };
  const overview = async (leaderId: string) => handover.due(leaderId, await conversations.of(leaderId), await directoryOf(reports).directReports(leaderId));
  return { handover, moveToMette, overview, told, handoverRecords, reports };
}

const inFolder = (ownerId: string) => [...graph.files.keys()].filter((k) => k.startsWith(`${ownerId}/`)).map((k) => k.slice(ownerId.length + 1)).sort();
const bytesOf = (key: string) => graph.files.get(key)!.bytes;

describe('handing an employee\'s filed plans over to their new leader', () => {
  it('warns the old leader only once the directory says the employee has another manager', async () => {
    const w = await world();
    expect([...(await w.overview(lene.id))]).toEqual([]);
    w.moveToMette();
    expect([...(await w.overview(lene.id))]).toEqual([[soeren.id, mette]]);
    expect([...(await w.overview(mette.id))]).toEqual([]);
  });

  it('copies every filed plan, byte for byte, from the old leader\'s personnel folder to the new leader\'s, and says which', async () => {
    const w = await world();
    w.moveToMette();
    const answer = await w.handover.request(lene, 'søren  ærø');
    expect(answer).toEqual({ kind: 'copied', employee: soeren, from: lene, to: mette, files: ['MUS 2026-11-26 Søren Ærø.pdf', 'MUS 2026-12-02 Søren Ærø.pdf'] });
    expect(inFolder(mette.id)).toEqual(['Personalemapper/Søren Ærø/MUS 2026-11-26 Søren Ærø.pdf', 'Personalemapper/Søren Ærø/MUS 2026-12-02 Søren Ærø.pdf']);
    for (const file of ['MUS 2026-11-26 Søren Ærø.pdf', 'MUS 2026-12-02 Søren Ærø.pdf']) {
      expect(bytesOf(`${mette.id}/Personalemapper/Søren Ærø/${file}`).equals(bytesOf(`${lene.id}/Personalemapper/Søren Ærø/${file}`))).toBe(true);
    }
    // The old leader's files stay; the warning goes.
    expect(inFolder(lene.id)).toHaveLength(2);
    expect([...(await w.overview(lene.id))]).toEqual([]);
  });

  it('is idempotent: asked again (by the new leader this time), nothing lands twice', async () => {
    const w = await world();
    w.moveToMette();
    await w.handover.request(lene, 'Søren Ærø');
    const again = await w.handover.request(mette, 'Søren Ærø');
    expect(again).toMatchObject({ kind: 'copied', from: lene, to: mette, files: ['MUS 2026-11-26 Søren Ærø.pdf', 'MUS 2026-12-02 Søren Ærø.pdf'] });
    expect(inFolder(mette.id)).toHaveLength(2);
    // A copy removed since comes back.
    graph.files.delete(`${mette.id}/Personalemapper/Søren Ærø/MUS 2026-11-26 Søren Ærø.pdf`);
    await w.handover.request(lene, 'Søren Ærø');
    expect(inFolder(mette.id)).toHaveLength(2);
  });

  it('copies only the plans the app filed, not other files kept in the employee\'s folder', async () => {
    const w = await world();
    w.moveToMette();
    const key = `${lene.id}/Personalemapper/Søren Ærø/Lønaftale.docx`;
    graph.files.set(key, { item: { id: 'x', name: 'Lønaftale.docx', size: 3, webUrl: 'https://x', file: { mimeType: 'application/msword' } }, bytes: Buffer.from('doc') });
    await w.handover.request(lene, 'Søren Ærø');
    expect(inFolder(mette.id).some((f) => f.includes('Lønaftale'))).toBe(false);
    expect(inFolder(mette.id)).toHaveLength(2);
  });

  it('is asked for only by the old leader or the employee\'s manager in the directory; anyone else learns nothing', async () => {
    const w = await world();
    expect(await w.handover.request(lene, 'Søren Ærø')).toEqual({ kind: 'notMoved', employee: soeren });
    w.moveToMette();
    expect(await w.handover.request(stranger, 'Søren Ærø')).toEqual({ kind: 'notFound', name: 'Søren Ærø' });
    expect(inFolder(stranger.id)).toEqual([]);
    // Only a manager per the directory may fetch: once Søren is the stranger's, the stranger may, and Mette no longer.
    w.reports.set(mette.id, []);
    w.reports.set(stranger.id, [soeren]);
    expect(await w.handover.request(mette, 'Søren Ærø')).toEqual({ kind: 'notFound', name: 'Søren Ærø' });
    expect(await w.handover.request(stranger, 'Søren Ærø')).toMatchObject({ kind: 'copied', from: lene, to: stranger });
    expect(inFolder(mette.id)).toEqual([]);
  });

  it('keeps a handover that fails, retries it, and tells who asked once the plans are copied', async () => {
    const w = await world();
    w.moveToMette();
    graph.failAlways('503');
    const waiting = await w.handover.request(lene, 'Søren Ærø');
    expect(waiting).toMatchObject({ kind: 'waiting', failure: { kind: 'unavailable', status: 503 } });
    expect(await w.handoverRecords.get(`waiting/${lene.id}/${soeren.id}`)).toMatchObject({ attempts: 1, lastFailure: { kind: 'unavailable', status: 503 } });

    graph.recover();
    await w.handover.retryDue({ all: true });
    expect(w.told).toEqual([[lene.id, { kind: 'copied', employee: soeren, from: lene, to: mette, files: ['MUS 2026-11-26 Søren Ærø.pdf', 'MUS 2026-12-02 Søren Ærø.pdf'] }]]);
    expect(inFolder(mette.id)).toHaveLength(2);
    expect(await w.handoverRecords.get(`waiting/${lene.id}/${soeren.id}`)).toBeUndefined();
    expect(await w.handoverRecords.get(`done/${lene.id}/${soeren.id}`)).toMatchObject({ doneAt: expect.any(String), copied: ['MUS 2026-11-26 Søren Ærø.pdf', 'MUS 2026-12-02 Søren Ærø.pdf'] });
    // Done: a later pass does nothing more.
    await w.handover.retryDue({ all: true });
    expect(w.told).toHaveLength(1);
  });

  it('names the missing permission when Graph refuses, and tries a throttled copy again on the next pass', async () => {
    const w = await world();
    w.moveToMette();
    graph.failNext('403');
    expect(await w.handover.request(lene, 'Søren Ærø')).toMatchObject({ kind: 'waiting', failure: { kind: 'permission', status: 403, permission: 'Files.ReadWrite.All' } });
    // The client here does not retry by itself: the 429 leaves the handover waiting for the next pass.
    graph.failNext('429');
    await w.handover.retryDue({ all: true });
    expect(await w.handoverRecords.get(`waiting/${lene.id}/${soeren.id}`)).toMatchObject({ lastFailure: { kind: 'unavailable', status: 429 } });
    await w.handover.retryDue({ all: true });
    expect(inFolder(mette.id)).toHaveLength(2);
    expect(w.told.map(([, answer]) => answer.kind)).toEqual(['waiting', 'copied']);
  });
});
