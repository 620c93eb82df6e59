import type { Concept } from '../../src/domain/concept';
import { employeesOf, leaderOf, stepsOf, type DevelopmentConversation, type Person } from '../../src/domain/conversation';
import { kinds, type ConversationKind } from '../../src/domain/kinds';
import { apply, createConversation, type Command } from '../../src/domain/operations';
import { limits } from '../../src/domain/text';
import { albertslund } from './concepts';

/**
 * The largest conversations the product accepts, every text at its maximum length: what every card
 * and every answer must still fit within Teams' size budget at.
 */

const TODAY = '2026-11-25';

/**
 * Danish text of exactly `length` characters, with the letters, quotes and line breaks people type;
 * `hostile`: mostly what grows the most on a card (quotes, backslashes and line breaks escaped in
 * JSON, Markdown's marks escaped again).
 */
export function maxText(length: number, seed: string, hostile = false): string {
  const words = hostile ? `${seed}: *"\\_[~]\n`.padEnd(60, '*"\\\n') : `${seed}: Vi aftaler "æøå" og ÆØÅ – sådan går det.\n`;
  return words.repeat(Math.ceil(length / words.length)).slice(0, length).trimEnd().padEnd(length, 'ø');
}

const personNamed = (i: number, role: string): Person => ({
  id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  name: maxText(limits.name, `${role} ${i}`).replace(/\n/g, ' ')
});

export const largestLeader = personNamed(0, 'Leder');
export const largestMembers = (count: number) => Array.from({ length: count }, (_, i) => personNamed(i + 1, 'Medlem'));

let ids = 0;
function step(c: DevelopmentConversation, actorId: string, command: Command): DevelopmentConversation {
  const result = apply(c, command, { actorId, today: TODAY, now: `${TODAY}T10:00:00.000Z`, newId: () => `00000000-0000-4000-9000-${String(++ids).padStart(12, '0')}` });
  if (!result.ok) throw new Error(`${command.type} refused: ${result.error.code}`);
  return result.value.conversation;
}

/** A conversation created with every question reworded at its maximum length, everyone picked, not started. */
function largestPreparing(kind: ConversationKind, concept: Concept = albertslund()): DevelopmentConversation {
  const employees = largestMembers(kinds[kind].members.max);
  const questionTexts = Object.fromEntries(concept.perspectives.flatMap((p) => p.questions).map((q) => [q.id, maxText(limits.question, q.id)]));
  const created = createConversation(
    { id: `6f1c1c9e-0000-4000-8000-00000000${kind === 'GRUS' ? '0059' : '0001'}`, kind, concept, leader: largestLeader, employees, replacesMus: kinds[kind].mayReplaceMus, date: '2026-12-03', format: 'table', questionTexts },
    TODAY,
    `${TODAY}T09:00:00.000Z`
  );
  if (!created.ok) throw new Error(created.error.code);
  let c = created.value;
  const keywords = concept.keywords;
  c.participants.forEach((p, i) => {
    const picks = Array.from({ length: concept.picksPerParticipant }, (_, k) => keywords[(i + k) % keywords.length]);
    c = step(c, p.id, { type: 'pickKeywords', keywords: picks });
  });
  return c;
}

/** A full agreement at every field's maximum length. */
function largestAgreement(c: DevelopmentConversation, perspectiveId: string, what: string, memberId?: string): Command {
  return {
    type: 'saveAgreement',
    agreement: {
      perspectiveId,
      ...(memberId ? { memberId } : {}),
      what: maxText(limits.agreementWhat, what),
      when: maxText(limits.agreementWhen, 'Inden sommer'),
      responsibleId: memberId ?? leaderOf(c).id,
      followUpDate: '2027-05-15',
      value: maxText(limits.agreementValue, 'Værdien'),
      valueFor: c.concept.valueTargets.map((t) => t.id),
      extra: Object.fromEntries(c.concept.agreementForm.extra.map((f) => [f.id, maxText(limits.agreementExtra, f.id)]))
    }
  };
}

/**
 * The same conversation held: every note at its maximum length, every chosen keyword in play, and
 * `agreements` for each employee (an individual one each in a group) plus `groupAgreements` of the
 * whole group's in every perspective, at the review.
 */
export function largestHeld(kind: ConversationKind, options: { agreementsPerEmployee?: number; groupAgreements?: number; concept?: Concept } = {}): DevelopmentConversation {
  let c = step(largestPreparing(kind, options.concept), largestLeader.id, { type: 'start' });
  const chosen = [...new Set(Object.values(c.picks).flat())];
  for (const [i, s] of stepsOf(c).entries()) {
    if (s.kind === 'question') c = step(c, largestLeader.id, { type: 'saveStep', atStep: i, move: 'stay', note: { text: maxText(limits.note, s.questionId), base: '' }, keywords: { selected: chosen, base: [] } });
  }
  const perspectives = c.concept.perspectives.map((p) => p.id);
  const perEmployee = options.agreementsPerEmployee ?? 1;
  const individual = kinds[kind].memberAgreements;
  employeesOf(c).forEach((e, i) => {
    for (let n = 0; n < perEmployee; n++) {
      c = step(c, largestLeader.id, largestAgreement(c, perspectives[(i + n) % perspectives.length], `Aftale ${n + 1} for ${i + 1}`, individual ? e.id : undefined));
    }
  });
  for (const p of perspectives) for (let n = 0; n < (options.groupAgreements ?? 0); n++) c = step(c, largestLeader.id, largestAgreement(c, p, `Fælles aftale ${n + 1}`));
  return step(c, largestLeader.id, { type: 'goToStep', step: stepsOf(c).length - 1 });
}
