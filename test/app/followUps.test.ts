import { ConversationService } from '../../src/app/conversationService';
import { openAgreementsFor } from '../../src/app/followUps';
import type { DevelopmentConversation, Person } from '../../src/domain/conversation';
import { albertslund } from '../support/concepts';
import { employee, leader } from '../support/conversations';
import { recordSource } from '../../src/storage/versionedStore';
import { MemoryStorage } from '../support/memoryStorage';

const mette: Person = { id: 'aad-mette', name: 'Mette Østergaard' };

async function finishedMus(service: ConversationService, person: Person, followUpDates: string[], origin: string): Promise<DevelopmentConversation> {
  const created = await service.create({ kind: 'MUS', concept: albertslund(), leader, employees: [person], date: '2026-12-01', format: 'table', questionTexts: {} }, origin);
  if (!created.ok) throw new Error(created.error.code);
  const id = created.value.conversation.id;
  for (const who of [leader.id, person.id]) await service.act(id, who, { type: 'pickKeywords', keywords: ['Mod', 'Ansvar', 'Økonomi'] });
  await service.act(id, leader.id, { type: 'start' });
  for (const [i, followUpDate] of followUpDates.entries()) {
    await service.act(id, leader.id, { type: 'saveAgreement', agreement: { perspectiveId: 'opgaver', what: `${person.name} ${i + 1}`, when: 'snart', responsibleId: i === 0 ? person.id : leader.id, followUpDate, valueFor: [] } });
  }
  const finished = await service.act(id, leader.id, { type: 'finish' });
  if (finished.kind !== 'applied') throw new Error(finished.kind);
  return finished.conversation;
}

describe('the list of open agreements', () => {
  async function setup() {
    const service = ConversationService.in(recordSource(new MemoryStorage()), { now: () => new Date('2026-11-25T10:00:00Z'), timeZone: 'Europe/Copenhagen' });
    const soerens = await finishedMus(service, employee, ['2027-03-01', '2027-02-01'], 'origin-1');
    const mettes = await finishedMus(service, mette, ['2027-01-10'], 'origin-2');
    return { service, soerens, mettes };
  }
  const whats = (open: Awaited<ReturnType<typeof openAgreementsFor>>) => open.refs.map((r) => r.conversation.agreements.find((a) => a.id === r.agreementId)!.what);

  it('shows the leader every open agreement across their conversations, earliest follow-up first, and filters by employee', async () => {
    const { service } = await setup();
    const all = await openAgreementsFor(service, leader.id, '', 10);
    expect(whats(all)).toEqual(['Mette Østergaard 1', 'Søren Ærø 2', 'Søren Ærø 1']);
    expect(all.employees.map((p) => p.name)).toEqual(['Mette Østergaard', 'Søren Ærø']);
    expect(whats(await openAgreementsFor(service, leader.id, employee.id, 10))).toEqual(['Søren Ærø 2', 'Søren Ærø 1']);
    const limited = await openAgreementsFor(service, leader.id, 'all', 2);
    expect([limited.refs.length, limited.total, limited.filter]).toEqual([2, 3, '']);
  });

  it('shows an employee only what they are responsible for, and leaves out what is followed up', async () => {
    const { service, soerens } = await setup();
    expect(whats(await openAgreementsFor(service, employee.id, '', 10))).toEqual(['Søren Ærø 1']);
    await service.followUp(soerens.id, employee.id, { type: 'followUp', agreementId: soerens.agreements[0].id, note: '' });
    expect(whats(await openAgreementsFor(service, employee.id, '', 10))).toEqual([]);
    expect(await openAgreementsFor(service, 'aad-stranger', leader.id, 10)).toEqual({ refs: [], employees: [], filter: '', total: 0 });
  });
});
