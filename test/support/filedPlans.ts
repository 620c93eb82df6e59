import { ConversationService } from '../../src/app/conversationService';
import { FilingService, filingRecords } from '../../src/app/filingService';
import type { FilingTarget, PlanRenderer } from '../../src/app/ports';
import type { DevelopmentConversation, Person } from '../../src/domain/conversation';
import { recordSource } from '../../src/storage/versionedStore';
import { albertslund } from './concepts';
import { leader as lene } from './conversations';
import type { MemoryStorage } from './memoryStorage';

const quiet = { info() {}, warn() {}, error() {} };
export const clock = { now: () => new Date('2026-11-25T10:00:00Z'), timeZone: 'Europe/Copenhagen' };
/** A PDF that says whose plan it is, so every file is told apart. */
const renderer: PlanRenderer = { render: async (plan) => Buffer.from(`%PDF ${plan.participants.map((p) => p.name).join(',')} ${plan.date}`) };

/** Files a finished MUS between `leader` (Lene by default) and `employee` on `date` through the real filing service and `target`. */
export async function fileMus(storage: MemoryStorage, target: FilingTarget, employee: Person, date: string, leader: Person = lene): Promise<DevelopmentConversation> {
  const records = recordSource(storage);
  const conversations = ConversationService.in(records, clock);
  const created = await conversations.create({ kind: 'MUS', concept: albertslund(), leader, employees: [employee], date, format: 'table', questionTexts: {} }, `${employee.id}-${date}`);
  if (!created.ok) throw new Error(created.error.code);
  const id = created.value.conversation.id;
  for (const who of [leader.id, employee.id]) await conversations.act(id, who, { type: 'pickKeywords', keywords: ['Mod', 'Ansvar', 'Økonomi'] });
  await conversations.act(id, leader.id, { type: 'start' });
  await conversations.act(id, leader.id, { type: 'saveAgreement', agreement: { perspectiveId: 'opgaver', what: 'Kursus', when: 'snart', responsibleId: employee.id, followUpDate: '2027-03-01', valueFor: [] } });
  const finished = await conversations.act(id, leader.id, { type: 'finish' });
  if (finished.kind !== 'applied') throw new Error(finished.kind);
  const filing = new FilingService({
    conversations, ...filingRecords(records), target, renderer, clock, log: quiet,
    notifier: { filed: async () => undefined, failed: async () => undefined },
    retry: { firstDelayMs: 1, maxDelayMs: 1, claimMs: 1 }
  });
  const outcome = await filing.file(finished.conversation);
  if (!('filed' in outcome)) throw new Error(outcome.waiting.message);
  return outcome.filed;
}
