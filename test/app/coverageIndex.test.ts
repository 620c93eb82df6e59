import { ConversationService } from '../../src/app/conversationService';
import { CoverageIndex } from '../../src/app/coverageIndex';
import { FollowUps } from '../../src/app/followUps';
import type { Person } from '../../src/domain/conversation';
import { noDirectory } from '../../src/directory/noDirectory';
import type { Logger } from '../../src/log';
import { recordSource } from '../../src/storage/versionedStore';
import { albertslund } from '../support/concepts';
import { MemoryStorage } from '../support/memoryStorage';

const clock = { now: () => new Date('2027-03-01T10:00:00Z'), timeZone: 'Europe/Copenhagen' };
const lene: Person = { id: 'aad-lene', name: 'Lene Løvgren' };
const people: Person[] = Array.from({ length: 6 }, (_, i) => ({ id: `aad-p${i + 1}`, name: `Person ${i + 1}` }));

function logger() {
  const lines: string[] = [];
  const log: Logger = { info: (e) => lines.push(e), warn: (e) => lines.push(e), error: (e, f) => lines.push(`${e} ${JSON.stringify(f)}`) };
  return { log, lines };
}

/** A finished conversation of Lene's with these people, each having picked three keywords. */
async function held(service: ConversationService, kind: 'MUS' | 'GRUS', employees: Person[], origin: string) {
  const created = await service.create({ kind, concept: albertslund(), leader: lene, employees, date: '2027-03-10', format: 'table', questionTexts: {}, replacesMus: false }, origin);
  if (!created.ok) throw new Error(created.error.code);
  const id = created.value.conversation.id;
  await service.act(id, lene.id, { type: 'pickKeywords', keywords: ['Ledelse', 'Mod', 'Ansvar'] });
  for (const p of employees) await service.act(id, p.id, { type: 'pickKeywords', keywords: ['Mod', 'Feedback', 'Økonomi'] });
  await service.act(id, lene.id, { type: 'start' });
  for (const p of kind === 'GRUS' ? employees : [undefined]) {
    await service.act(id, lene.id, { type: 'saveAgreement', agreement: { perspectiveId: 'opgaver', what: 'Kursus', when: 'snart', responsibleId: lene.id, followUpDate: '2027-06-01', valueFor: [], ...(p ? { memberId: p.id } : {}) } });
  }
  const finished = await service.act(id, lene.id, { type: 'finish' });
  if (finished.kind !== 'applied') throw new Error(finished.kind === 'refused' ? finished.error.code : finished.kind);
  return id;
}

describe('the coverage index', () => {
  it('is built once from the conversations stored before it existed', async () => {
    const storage = new MemoryStorage();
    const records = recordSource(storage);
    const before = ConversationService.in(records, clock);
    await held(before, 'MUS', [people[0]], 'o1');
    const { log } = logger();
    const index = CoverageIndex.in(records, { clock, keywordTrends: false, log });
    expect((await index.of([people[0].id])).get(people[0].id)).toBeUndefined();
    expect(await index.buildOnce(before)).toBe(1);
    expect(Object.values((await index.of([people[0].id])).get(people[0].id)!.conversations)).toMatchObject([{ kind: 'MUS', phase: 'held' }]);
    const reads = storage.touched.reads;
    expect(await index.buildOnce(before)).toBe(0);
    expect(storage.touched.reads - reads).toBe(1);
  });

  it('forgets a planned conversation that the leader cancels: the person has neither had it nor has it planned, and a held one stays', async () => {
    const records = recordSource(new MemoryStorage());
    const { log } = logger();
    const index = CoverageIndex.in(records, { clock, keywordTrends: false, log });
    const service = ConversationService.in(records, clock, { observer: index });
    const heldId = await held(service, 'MUS', [people[0]], 'o1');
    const planned = await service.create({ kind: 'MUS', concept: albertslund(), leader: lene, employees: [people[0]], date: '2027-04-10', format: 'table', questionTexts: {}, replacesMus: false }, 'o2');
    if (!planned.ok) throw new Error(planned.error.code);
    const plannedId = planned.value.conversation.id;
    expect(Object.keys((await index.of([people[0].id])).get(people[0].id)!.conversations).sort()).toEqual([heldId, plannedId].sort());
    expect((await service.act(plannedId, lene.id, { type: 'cancel' })).kind).toBe('applied');
    expect(Object.keys((await index.of([people[0].id])).get(people[0].id)!.conversations)).toEqual([heldId]);
  });

  it('never fails the change it is told of: a storage failure is logged with ids only', async () => {
    const { log, lines } = logger();
    const broken = CoverageIndex.in(() => ({ get: async () => undefined, update: async () => { throw new Error('down'); }, put: async () => undefined, ids: async () => [], delete: async () => undefined }), { clock, keywordTrends: false, log });
    const service = ConversationService.in(recordSource(new MemoryStorage()), clock, { observer: broken });
    await held(service, 'MUS', [people[0]], 'o1');
    expect(lines.some((l) => l.startsWith('coverage index update failed {"conversation":'))).toBe(true);
  });

  it('gives a leader their people\'s keywords for their LUS only when the flag is on and at least five contributed', async () => {
    const records = recordSource(new MemoryStorage());
    const index = CoverageIndex.in(records, { clock, keywordTrends: true, log: logger().log });
    const service = ConversationService.in(records, clock, { observer: index });
    const followUps = new FollowUps({ conversations: service, reminders: { schedule: async () => undefined } as never, directory: noDirectory, annualNoticeDays: 30, keywordTrends: index });
    await held(service, 'GRUS', people.slice(0, 4), 'o1');
    expect((await followUps.yearly(lene.id)).picture).toEqual({});
    await held(service, 'MUS', [people[0]], 'o2');
    expect((await followUps.yearly(lene.id)).picture).toEqual({});
    await held(service, 'MUS', [people[4]], 'o3');
    expect((await followUps.yearly(lene.id)).picture).toEqual({
      trend: { year: '2027', contributors: 5, keywords: [{ keyword: 'Feedback', count: 5 }, { keyword: 'Mod', count: 5 }, { keyword: 'Økonomi', count: 5 }] }
    });
    const off = new FollowUps({ conversations: service, reminders: {} as never, directory: noDirectory, annualNoticeDays: 30 });
    expect((await off.yearly(lene.id)).picture).toBeUndefined();
  });
});

describe('the coverage index during a conversation', () => {
  it('costs nothing on a change that leaves its entries as they were (a note, the next question)', async () => {
    const storage = new MemoryStorage();
    const records = recordSource(storage);
    const service = ConversationService.in(records, clock, { observer: CoverageIndex.in(records, { clock, keywordTrends: false, log: logger().log }) });
    const created = await service.create({ kind: 'MUS', concept: albertslund(), leader: lene, employees: [people[0]], date: '2027-03-10', format: 'table', questionTexts: {} }, 'o1');
    if (!created.ok) throw new Error(created.error.code);
    const id = created.value.conversation.id;
    await service.act(id, lene.id, { type: 'pickKeywords', keywords: ['Ledelse', 'Mod', 'Ansvar'] });
    const written = storage.touched.written.length;
    await service.act(id, people[0].id, { type: 'pickKeywords', keywords: ['Mod', 'Feedback', 'Økonomi'] });
    await service.act(id, lene.id, { type: 'start' });
    expect(storage.touched.written.slice(written).filter((key) => key.startsWith('coverage/'))).toEqual([]);
    await service.act(id, lene.id, { type: 'saveAgreement', agreement: { perspectiveId: 'opgaver', what: 'Kursus', when: 'snart', responsibleId: lene.id, followUpDate: '2027-06-01', valueFor: [] } });
    await service.act(id, lene.id, { type: 'finish' });
    expect(storage.touched.written.slice(written).filter((key) => key.startsWith('coverage/'))).toEqual([`coverage/${people[0].id}`]);
  });
});
