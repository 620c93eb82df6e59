import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ConversationService } from '../../src/app/conversationService';
import { FilingService, type FilingAudit, type OutboxEntry } from '../../src/app/filingService';
import { PersonnelFolders } from '../../src/app/personnelFolders';
import { StorageUnavailableError, type FilingNotifier, type FilingTarget } from '../../src/app/ports';
import type { DevelopmentConversation } from '../../src/domain/conversation';
import { pdfRenderer } from '../../src/pdf/pdfRenderer';
import { FileStorage } from '../../src/storage/fileStorage';
import { recordSource, VersionedStore } from '../../src/storage/versionedStore';
import { employee, leader, must, started } from '../support/conversations';

function setup(auditWorks = true) {
  const folder = mkdtempSync(join(tmpdir(), 'filing-'));
  const storage = new FileStorage(folder, 0);
  const clock = { now: () => new Date('2026-11-25T10:00:00Z'), timeZone: 'Europe/Copenhagen' };
  const stored = new VersionedStore<DevelopmentConversation>(storage, 'conversation');
  const conversations = ConversationService.in(recordSource(storage), clock);
  const outbox = new VersionedStore<OutboxEntry>(storage, 'outbox');
  const audit = new VersionedStore<FilingAudit>(storage, 'audit');
  if (!auditWorks) audit.put = () => Promise.reject(new StorageUnavailableError('storage down'));
  const uploads: string[] = [];
  const target: FilingTarget = { file: async (r) => (uploads.push(r.conversationId), { location: 'Personalemapper/Søren Ærø/MUS.pdf', fileName: 'MUS.pdf' }), filesOf: (owner) => owner.id };
  const told: string[] = [];
  const notifier: FilingNotifier = { filed: async () => void told.push('filed'), failed: async () => void told.push('failed') };
  const filing = new FilingService({ conversations, outbox, audit, folders: PersonnelFolders.in(recordSource(storage)), target, renderer: pdfRenderer, notifier, clock, retry: { firstDelayMs: 1, maxDelayMs: 1, claimMs: 1 }, log: { info() {}, warn() {}, error() {} } });
  return { conversations, stored, outbox, filing, uploads, told, folder };
}

async function finished(stored: VersionedStore<DevelopmentConversation>): Promise<DevelopmentConversation> {
  let c = must(started(), leader.id, { type: 'saveAgreement', agreement: { perspectiveId: 'adfaerd', what: 'Kursus', when: 'Q1', responsibleId: employee.id, followUpDate: '2027-01-01', valueFor: [] } });
  c = must(c, leader.id, { type: 'finish' });
  await stored.put(c.id, c);
  return c;
}

describe('filing a finished plan', () => {
  it('leaves nothing waiting in the outbox for a plan that is filed already', async () => {
    const { stored, outbox, filing, uploads } = setup();
    const c = await finished(stored);
    await outbox.put(c.id, { conversationId: c.id, attempts: 1, nextAttemptAt: '2026-01-01T00:00:00Z', lastFailure: { kind: 'unavailable' } });
    await filing.file({ ...c, filing: { location: 'x', filedAt: '2026-11-25T09:00:00Z' } });
    expect(await outbox.ids()).toEqual([]);
    expect(uploads).toEqual([]);
  });

  it('does not call a plan that reached the folder a failed filing when the bookkeeping after it fails', async () => {
    const { conversations, stored, outbox, filing, uploads, told } = setup(false);
    const c = await finished(stored);
    await expect(filing.file(c)).rejects.toBeInstanceOf(StorageUnavailableError);
    expect(uploads).toEqual([c.id]);
    expect(told).toEqual([]);
    expect(await outbox.ids()).toEqual([]);
    expect((await conversations.get(c.id))?.filing?.location).toBe('Personalemapper/Søren Ærø/MUS.pdf');
  });
});

describe('the filing outbox', () => {
  it('files the other waiting plans when one of them cannot be read, and leaves that one waiting', async () => {
    const { stored, outbox, filing, uploads, folder } = setup();
    const broken = { ...(await finished(stored)), id: 'broken' };
    await stored.put(broken.id, broken);
    const fine = { ...broken, id: 'fine' };
    await stored.put(fine.id, fine);
    for (const id of [broken.id, fine.id]) await outbox.put(id, { conversationId: id, attempts: 1, nextAttemptAt: '2026-01-01T00:00:00Z', lastFailure: { kind: 'unavailable' } });
    writeFileSync(join(folder, 'conversation', 'broken.json'), ''); // cut short by a crash
    await filing.retryDue({ all: true });
    expect(uploads).toEqual(['fine']);
    expect(await outbox.ids()).toEqual(['broken']);
  });
});
