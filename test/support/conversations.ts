import type { DevelopmentConversation } from '../../src/domain/conversation';
import { apply, createConversation, type ActionContext, type Command } from '../../src/domain/operations';
import { albertslund } from './concepts';

export const TODAY = '2026-11-25';
export const leader = { id: 'aad-leader', name: 'Lene Løvgren' };
export const employee = { id: 'aad-employee', name: 'Søren Ærø' };

let counter = 0;
export function contextFor(actorId: string): ActionContext {
  return { actorId, today: TODAY, now: `${TODAY}T09:00:00.000Z`, newId: () => `id-${++counter}` };
}

export function newMus(): DevelopmentConversation {
  const result = createConversation(
    { id: 'c1', kind: 'MUS', concept: albertslund(), leader, employees: [employee], date: '2026-12-01', format: 'table', questionTexts: {} },
    TODAY,
    `${TODAY}T08:00:00.000Z`
  );
  if (!result.ok) throw new Error(result.error.code);
  return result.value;
}

/** Applies a command that must succeed. */
export function must(c: DevelopmentConversation, actorId: string, command: Command): DevelopmentConversation {
  const result = apply(c, command, contextFor(actorId));
  if (!result.ok) throw new Error(`${command.type} refused: ${result.error.code}`);
  return result.value.conversation;
}

export function started(): DevelopmentConversation {
  let c = newMus();
  c = must(c, leader.id, { type: 'pickKeywords', keywords: ['Mod', 'Ansvar', 'Økonomi'] });
  c = must(c, employee.id, { type: 'pickKeywords', keywords: ['Feedback', 'Nærvær', 'Mod'] });
  return must(c, leader.id, { type: 'start' });
}

/** A finished MUS with one complete agreement per follow-up date, the employee responsible. */
export function finishedWith(...followUpDates: string[]): DevelopmentConversation {
  let c = started();
  for (const [i, followUpDate] of followUpDates.entries()) {
    c = must(c, leader.id, {
      type: 'saveAgreement',
      agreement: { perspectiveId: 'adfaerd', what: `Aftale ${i + 1}`, when: 'inden sommer', responsibleId: employee.id, followUpDate, valueFor: [] }
    });
  }
  return must(c, leader.id, { type: 'finish' });
}
