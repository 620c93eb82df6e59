import { ConversationService } from '../../src/app/conversationService';
import { FilingService, filingRecords } from '../../src/app/filingService';
import { FollowUps } from '../../src/app/followUps';
import type { RecordSource } from '../../src/app/ports';
import type { DevelopmentConversation, Person } from '../../src/domain/conversation';
import { noDirectory } from '../../src/directory/noDirectory';
import { mayFile } from '../../src/domain/plan';
import type { Fields, Logger } from '../../src/log';
import { recordSource } from '../../src/storage/versionedStore';
import { albertslund } from '../support/concepts';
import { employee, finishedWith, leader } from '../support/conversations';
import { MemoryStorage } from '../support/memoryStorage';
import { retentionSweep } from '../support/retention';

const mette: Person = { id: 'aad-mette', name: 'Mette Østergaard' };
const policy = { days: 30, abandonedDays: 90 };

/** One app instance's use cases on in-memory storage, with a clock the test moves. */
function world(start: string, options: { auditDays?: number } = {}) {
  const storage = new MemoryStorage();
  const source: RecordSource = recordSource(storage);
  let now = new Date(start);
  const clock = { now: () => now, timeZone: 'Europe/Copenhagen' };
  const logged: { event: string; fields?: Fields }[] = [];
  const log: Logger = { info: (event, fields) => void logged.push({ event, fields }), warn: (event, fields) => void logged.push({ event, fields }), error: (event, fields) => void logged.push({ event, fields }) };
  const conversations = ConversationService.in(source, clock, { log, retention: policy });
  const { retention, reminders } = retentionSweep(source, conversations, clock, { auditDays: options.auditDays, log });
  return { storage, source, clock, conversations, retention, reminders, logged, setNow: (iso: string) => (now = new Date(iso)) };
}
type World = ReturnType<typeof world>;

async function created(w: World, person: Person, date: string): Promise<DevelopmentConversation> {
  const result = await w.conversations.create({ kind: 'MUS', concept: albertslund(), leader, employees: [person], date, format: 'table', questionTexts: {} }, `chat|${person.id}|${date}`);
  if (!result.ok) throw new Error(result.error.code);
  return result.value.conversation;
}

/** A conversation held and finished with two agreements, the person responsible; filed unless told not to. */
async function finished(w: World, person: Person, date: string, filed = true): Promise<DevelopmentConversation> {
  const { id } = await created(w, person, date);
  for (const who of [leader.id, person.id]) await w.conversations.act(id, who, { type: 'pickKeywords', keywords: ['Mod', 'Ansvar', 'Økonomi'] });
  await w.conversations.act(id, leader.id, { type: 'start' });
  await w.conversations.act(id, leader.id, { type: 'saveStep', atStep: 1, move: 'stay', note: { text: `${person.name} trives`, base: '' } });
  for (const what of ['Kursus', 'Mentor']) {
    await w.conversations.act(id, leader.id, { type: 'saveAgreement', agreement: { perspectiveId: 'opgaver', what, when: 'snart', responsibleId: person.id, followUpDate: `${Number(date.slice(0, 4)) + 1}-06-01`, valueFor: ['person'], value: 'Tryghed' } });
  }
  const done = await w.conversations.act(id, leader.id, { type: 'finish' });
  if (done.kind !== 'applied') throw new Error(done.kind);
  if (!filed) return done.conversation;
  return (await w.conversations.recordFiling(id, { location: `Personalemapper/${person.name}/MUS.pdf`, filedAt: w.clock.now().toISOString() }))!;
}

const keysWith = async (w: World, text: string) => (await w.storage.list('')).filter((key) => key.includes(text));

describe('the retention sweep', () => {
  it('removes a conversation never finished whole, ABANDONED_DAYS after its planned date, with everything that only served it', async () => {
    const w = world('2026-11-25T10:00:00Z');
    const kept = await finished(w, mette, '2026-11-25');
    const abandoned = await created(w, employee, '2026-12-01');
    await w.conversations.act(abandoned.id, employee.id, { type: 'pickKeywords', keywords: ['Mod', 'Ansvar', 'Økonomi'] });
    // What the Teams edge keeps for it: the cards' places, Søren's chat.
    await w.source('delivery').put(abandoned.id, { home: {}, personal: {}, unreached: [] });
    await w.source('person').put(employee.id, { reference: {}, locale: 'da' });
    await w.source('person').put(leader.id, { reference: {}, locale: 'da' });
    await w.source('coverage').put(employee.id, { personId: employee.id, conversations: {} });
    await w.source('coverage').put(leader.id, { personId: leader.id, conversations: {} });

    w.setNow('2027-02-28T10:00:00Z');
    await w.retention.sweep();
    expect(await w.conversations.get(abandoned.id)).toBeDefined();

    w.setNow('2027-03-01T10:00:00Z');
    await w.retention.sweep();
    expect(await w.conversations.get(abandoned.id)).toBeUndefined();
    expect(await keysWith(w, abandoned.id)).toEqual([]);
    expect(await w.source('person').get(employee.id)).toBeUndefined(); // Søren takes part in nothing else
    expect(await w.source('person').get(leader.id)).toBeDefined(); // Lene still does
    expect(await w.source('coverage').get(employee.id)).toBeUndefined();
    expect(await w.source('coverage').get(leader.id)).toBeDefined();
    expect((await w.conversations.of(leader.id)).map((c) => c.id)).toEqual([kept.id]);
    expect(w.logged).toContainEqual({ event: 'conversation removed', fields: { conversation: abandoned.id, reason: 'abandoned' } });
  });

  it('removes a leader\'s keyword tallies of the years before this one, and keeps this year\'s', async () => {
    const w = world('2027-01-01T10:00:00Z');
    const tallies = w.source('keyword-trends');
    for (const key of ['aad-lene/2025', 'aad-lene/2026', 'aad-lene/2027', 'aad-ole/2026']) await tallies.put(key, { leaderId: key.split('/')[0], year: key.split('/')[1], contributors: [], counts: {} });
    await w.retention.sweep();
    expect((await tallies.ids()).sort()).toEqual(['aad-lene/2027']);
  });

  it('removes the content of a plan whose filing waits or was stopped ABANDONED_DAYS after it was finished, and stops the filing', async () => {
    const w = world('2026-11-25T10:00:00Z');
    const waiting = await finished(w, employee, '2026-11-25', false);
    await w.source('outbox').put(waiting.id, { conversationId: waiting.id, attempts: 3, nextAttemptAt: '2026-11-26T10:00:00Z', lastFailure: { kind: 'unavailable' } });
    const stopped = await finished(w, mette, '2026-11-25', false); // the leader pressed "Stop automatisk arkivering": no outbox entry

    w.setNow('2027-02-22T10:00:00Z');
    await w.retention.sweep();
    expect(Object.keys((await w.conversations.get(waiting.id))!.notes)).toHaveLength(1);

    w.setNow('2027-02-23T10:00:00Z');
    expect(await w.retention.sweep()).toBe(2);
    for (const id of [waiting.id, stopped.id]) {
      const c = (await w.conversations.get(id))!;
      expect(c).toMatchObject({ notes: {}, picks: {}, notesRemovedOn: '2027-02-23' });
      expect(c.agreements.map((a) => [a.what, a.value])).toEqual([['Kursus', undefined], ['Mentor', undefined]]);
      expect(mayFile(c, leader.id)).toEqual({ ok: false, error: { code: 'notes_removed', params: undefined } });
    }
    expect(await w.source('outbox').ids()).toEqual([]);
    expect(w.logged).toContainEqual({ event: 'filing given up', fields: { conversation: waiting.id } });
  });

  it("removes from the next conversation's copy of last year's agreements what it removes from the original", async () => {
    const w = world('2026-11-25T10:00:00Z');
    const last = await finished(w, employee, '2026-11-25');
    w.setNow('2026-12-01T10:00:00Z');
    await w.conversations.followUp(last.id, employee.id, { type: 'followUp', agreementId: last.agreements[0].id, note: 'Kurset er taget' });
    w.setNow('2026-12-10T10:00:00Z');
    const next = await created(w, employee, '2026-12-15');
    expect(next.previous!.agreements.map((a) => [a.what, a.value])).toEqual([['Kursus', 'Tryghed'], ['Mentor', 'Tryghed']]);

    w.setNow('2026-12-26T10:00:00Z'); // 31 days after filing: the original's content goes, and the copy's free text with it
    await w.retention.sweep();
    expect((await w.conversations.get(last.id))!.agreements.map((a) => [a.what, a.value])).toEqual([['Kursus', undefined], ['Mentor', undefined]]);
    expect((await w.conversations.get(next.id))!.previous!.agreements.map((a) => [a.what, a.value])).toEqual([['Kursus', undefined], ['Mentor', undefined]]);

    w.setNow('2026-12-31T10:00:00Z'); // 30 days after the follow-up: that agreement goes, from both
    await w.retention.sweep();
    expect((await w.conversations.get(last.id))!.agreements.map((a) => a.what)).toEqual(['Mentor']);
    expect((await w.conversations.get(next.id))!.previous!.agreements.map((a) => a.what)).toEqual(['Mentor']);
  });

  it('forgets a plan once nothing of it is open and the next conversation with the same people is finished; the yearly overview still has the latest', async () => {
    const w = world('2026-11-25T10:00:00Z');
    const last = await finished(w, employee, '2026-11-25');
    for (const a of last.agreements) await w.conversations.followUp(last.id, employee.id, { type: 'followUp', agreementId: a.id, note: '' });
    w.setNow('2027-11-20T10:00:00Z');
    const next = await finished(w, employee, '2027-11-20');
    w.setNow('2027-12-21T10:00:00Z'); // the next one's content goes: the plan before it is not needed any more
    await w.retention.sweep();
    expect(await w.conversations.get(last.id)).toBeUndefined();
    expect(await keysWith(w, last.id)).toEqual([]);
    expect((await w.conversations.get(next.id))!.notesRemovedOn).toBe('2027-12-21');
    const followUps = new FollowUps({ conversations: w.conversations, reminders: w.reminders, directory: noDirectory, annualNoticeDays: 30 });
    expect((await followUps.yearly(leader.id)).rows.map((r) => [r.person.id, r.last])).toEqual([[employee.id, '2027-11-20']]);
  });

  it('skips and logs a record it cannot read, finishes the rest, and looks at it again the next day', async () => {
    const w = world('2026-11-25T10:00:00Z');
    const broken = await finished(w, employee, '2026-11-25');
    const fine = await finished(w, mette, '2026-11-25');
    w.storage.corrupt(`conversation/${broken.id}`);
    w.setNow('2026-12-26T10:00:00Z');
    expect(await w.retention.sweep()).toBe(1);
    expect((await w.conversations.get(fine.id))!.notesRemovedOn).toBe('2026-12-26');
    expect(w.logged).toContainEqual({ event: 'record unreadable, skipped', fields: { record: `conversation/${broken.id}` } });
    expect(await w.source('retention-due').ids('2026-12-27/')).toEqual([`2026-12-27/${broken.id}`]);
  });

  it('removes the audit record of a filing AUDIT_DAYS after it, by reading that day only', async () => {
    const w = world('2026-11-25T10:00:00Z', { auditDays: 365 });
    const c = await finished(w, employee, '2026-11-25', false);
    const filing = new FilingService({
      conversations: w.conversations, ...filingRecords(w.source), clock: w.clock, log: { info() {}, warn() {}, error() {} },
      target: { file: async () => ({ location: 'Personalemapper/Søren Ærø/MUS.pdf', fileName: 'MUS.pdf' }), filesOf: (owner) => owner.id },
      renderer: { render: async () => Buffer.from('%PDF') },
      notifier: { filed: async () => undefined, failed: async () => undefined },
      retry: { firstDelayMs: 1, maxDelayMs: 1, claimMs: 1 }
    });
    await filing.file(c);
    const audits = await w.source('audit').ids();
    expect(audits).toEqual([expect.stringMatching(/^2026-11-25\/2026-11-25T10:00:00.000Z-/)]);
    w.setNow('2027-11-24T10:00:00Z');
    await w.retention.sweep();
    expect(await w.source('audit').ids()).toEqual(audits);
    w.setNow('2027-11-25T10:00:00Z');
    w.storage.touched.listed = 0;
    await w.retention.sweep();
    expect(await w.source('audit').ids()).toEqual([]);
  });

  it('indexes once the conversations stored before the index existed, and their audit records by day', async () => {
    const w = world('2026-11-25T10:00:00Z');
    const old = { ...finishedWith('2027-06-01'), id: 'stored-before', filing: { location: 'x', filedAt: '2026-11-01T10:00:00Z' } };
    await w.source('conversation').put(old.id, old);
    await w.source('audit').put(`2026-11-01T10:00:00.000Z-${old.id}-1`, { event: 'plan-filed', conversationId: old.id, at: '2026-11-01T10:00:00.000Z' });
    await w.retention.sweep(); // builds the index: due 2026-12-01
    expect(await w.source('audit').ids()).toEqual([`2026-11-01/2026-11-01T10:00:00.000Z-${old.id}-1`]);
    w.setNow('2026-12-01T10:00:00Z');
    w.storage.touched.reads = w.storage.touched.listed = 0;
    expect(await w.retention.sweep()).toBe(1);
    expect((await w.conversations.get(old.id))!.notesRemovedOn).toBe('2026-12-01');
    expect(w.storage.touched.reads + w.storage.touched.listed).toBeLessThan(40);
  });
});

describe('the cost of the retention sweep', () => {
  /**
   * `stored` conversations, 100 of them due today (filed 30 days ago), the rest filed later and due
   * over the coming year, as the app indexes them. What one pass costs: records read and listed
   * (its CPU time is the benchmark's to measure, section 5, not a unit test's).
   */
  async function onePass(stored: number) {
    const w = world('2027-03-01T10:00:00Z');
    const due = { ...finishedWith('2027-06-01'), filing: { location: 'x', filedAt: '2027-01-30T10:00:00Z' } };
    const later = { ...due, filing: { location: 'x', filedAt: '2027-02-20T10:00:00Z' } };
    for (let i = 0; i < stored; i++) {
      const id = `c${i}`;
      const day = i < 100 ? '2027-03-01' : `2027-${String(3 + (i % 9)).padStart(2, '0')}-${String(2 + (i % 27)).padStart(2, '0')}`;
      w.storage.seed(`conversation/${id}`, { ...(i < 100 ? due : later), id });
      w.storage.seed(`retention-due/${day}/${id}`, {});
    }
    w.storage.seed('retention-state/indexed', { policy });
    w.storage.seed('retention-state/due', { day: '2027-03-01' });
    w.storage.seed('retention-state/audit', { day: '2026-03-02' });
    w.storage.touched.reads = w.storage.touched.listed = 0;
    const changed = await w.retention.sweep();
    return { changed, touched: w.storage.touched.reads + w.storage.touched.listed };
  }

  it('touches what is due, not everything: the same work with 100,000 stored as with 1,000', async () => {
    const few = await onePass(1_000);
    const many = await onePass(100_000);
    expect([few.changed, many.changed]).toEqual([100, 100]);
    expect(many.touched).toBe(few.touched);
    expect(many.touched).toBeLessThan(1_000);
  }, 120_000);
});
