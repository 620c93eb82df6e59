import { ConversationService } from '../../src/app/conversationService';
import type { Person } from '../../src/domain/conversation';
import { albertslund } from '../support/concepts';
import { employee, leader } from '../support/conversations';
import { recordSource } from '../../src/storage/versionedStore';
import { MemoryStorage } from '../support/memoryStorage';
import { retentionSweep } from '../support/retention';

const clock = { now: () => new Date('2026-11-25T10:00:00Z'), timeZone: 'Europe/Copenhagen' };

async function mus(service: ConversationService, person: Person, date: string, finish: boolean) {
  const created = await service.create({ kind: 'MUS', concept: albertslund(), leader, employees: [person], date, format: 'table', questionTexts: {} }, `origin-${person.id}-${date}`);
  if (!created.ok) throw new Error(created.error.code);
  const id = created.value.conversation.id;
  if (finish) {
    for (const who of [leader.id, person.id]) await service.act(id, who, { type: 'pickKeywords', keywords: ['Mod', 'Ansvar', 'Økonomi'] });
    await service.act(id, leader.id, { type: 'start' });
    await service.act(id, leader.id, { type: 'saveAgreement', agreement: { perspectiveId: 'opgaver', what: 'Kursus', when: 'snart', responsibleId: person.id, followUpDate: '2027-03-01', valueFor: [] } });
    const finished = await service.act(id, leader.id, { type: 'finish' });
    if (finished.kind !== 'applied') throw new Error(finished.kind);
  }
  return created.value.conversation;
}

describe('a new conversation with the same people', () => {
  it("opens with the latest finished plan, found with a few reads however many conversations the leader has held", async () => {
    const storage = new MemoryStorage();
    const service = ConversationService.in(recordSource(storage), clock);
    const others = Array.from({ length: 200 }, (_, i): Person => ({ id: `aad-other-${i}`, name: `Kollega ${i}` }));
    for (const other of others) await mus(service, other, '2026-12-01', true);
    const older = await mus(service, employee, '2026-12-02', true);
    const latest = await mus(service, employee, '2026-12-03', true);
    await mus(service, employee, '2026-12-04', false); // not finished: not a plan to open with

    storage.touched.reads = 0;
    storage.touched.listed = 0;
    const next = await mus(service, employee, '2027-12-01', false);
    expect(next.previous?.conversationId).toBe(latest.id);
    expect(next.previous?.conversationId).not.toBe(older.id);
    expect(storage.touched.listed).toBe(0);
    expect(storage.touched.reads).toBeLessThan(10);
  });
});

describe('the stored revision', () => {
  it('counts every stored change once, whatever made it: an action, a follow-up, the filing record, the retention sweep', async () => {
    const storage = new MemoryStorage();
    let now = new Date('2026-11-25T10:00:00Z');
    const clock = { now: () => now, timeZone: 'Europe/Copenhagen' };
    const service = ConversationService.in(recordSource(storage), clock);
    const { retention } = retentionSweep(recordSource(storage), service, clock);
    const created = await mus(service, employee, '2026-12-01', true);
    const finished = (await service.get(created.id))!;
    // created (1), two picks, start, an agreement, finish
    expect(finished.revision).toBe(6);
    const refused = await service.act(created.id, employee.id, { type: 'finish' });
    expect(refused.kind).toBe('refused');
    expect((await service.get(created.id))!.revision).toBe(6);
    const followed = await service.followUp(created.id, employee.id, { type: 'followUp', agreementId: finished.agreements[0].id, note: 'Taget' });
    expect(followed.kind === 'applied' && followed.conversation.revision).toBe(7);
    expect((await service.recordFiling(created.id, { location: 'Personalemapper/Søren', filedAt: '2026-12-01T10:00:00Z' }))?.revision).toBe(8);
    now = new Date('2027-02-20T10:00:00Z');
    expect(await retention.sweep()).toBe(1);
    expect((await service.get(created.id))!.revision).toBe(9);
    expect(await retention.sweep()).toBe(0);
    expect((await service.get(created.id))!.revision).toBe(9);
  });
});

describe('a conversation stored in an earlier shape', () => {
  it('keeps working: keywords in play stored as keyword → perspective are read per perspective, and a change stores the new shape', async () => {
    const storage = new MemoryStorage();
    const service = ConversationService.in(recordSource(storage), clock);
    const created = await mus(service, employee, '2026-12-01', false);
    for (const who of [leader.id, employee.id]) await service.act(created.id, who, { type: 'pickKeywords', keywords: ['Mod', 'Ansvar', 'Økonomi'] });
    await service.act(created.id, leader.id, { type: 'start' });
    const key = `conversation/${created.id}`;
    const stored = (await storage.read(key))!;
    await storage.write(key, { ...(stored.value as object), keywordsInPlay: { Ansvar: 'struktur', Mod: 'adfaerd' } }, { ifMatch: stored.eTag });

    expect((await service.get(created.id))!.keywordsInPlay).toEqual({ adfaerd: ['Mod'], struktur: ['Ansvar'] });
    const moved = await service.act(created.id, leader.id, { type: 'saveStep', atStep: 1, move: 'stay', keywords: { selected: ['Mod', 'Økonomi'], base: ['Mod'] } });
    expect(moved.kind).toBe('applied');
    expect(((await storage.read(key))!.value as { keywordsInPlay: unknown }).keywordsInPlay).toEqual({ adfaerd: ['Mod', 'Økonomi'], struktur: ['Ansvar'] });
  });
});

describe('a second open conversation with the same people', () => {
  const request = (person: Person, date: string) => ({ kind: 'MUS' as const, concept: albertslund(), leader, employees: [person], date, format: 'table' as const, questionTexts: {} });

  it('is found with a few reads however many the leader holds, and made only when asked for despite it', async () => {
    const storage = new MemoryStorage();
    const service = ConversationService.in(recordSource(storage), clock);
    for (let i = 0; i < 100; i++) await mus(service, { id: `aad-other-${i}`, name: `Kollega ${i}` }, '2026-12-01', false);
    const first = await mus(service, employee, '2026-12-02', false);

    storage.touched.reads = 0;
    storage.touched.listed = 0;
    const again = await service.create(request(employee, '2027-01-10'), 'origin-again');
    expect(again.ok && again.value).toMatchObject({ made: 'open', conversation: { id: first.id } });
    expect(storage.touched.listed).toBe(0);
    expect(storage.touched.reads).toBeLessThan(10);
    const anyway = await service.create(request(employee, '2027-01-10'), 'origin-anyway', { despiteOpen: true });
    expect(anyway.ok && anyway.value.made).toBe('created');
  });

  it('is not one once it is finished', async () => {
    const service = ConversationService.in(recordSource(new MemoryStorage()), clock);
    await mus(service, employee, '2026-12-02', true);
    const next = await service.create(request(employee, '2027-12-01'), 'origin-next');
    expect(next.ok && next.value.made).toBe('created');
  });
});
