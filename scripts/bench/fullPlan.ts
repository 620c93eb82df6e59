import { loadConcepts } from '../../src/concepts';
import type { DevelopmentConversation } from '../../src/domain/conversation';
import { apply, createConversation, type Command } from '../../src/domain/operations';
import { conceptsFolder } from '../../src/paths';

const TODAY = '2026-11-25';
const lene = { id: 'aad-lene', name: 'Lene Løvgren' };
const soeren = { id: 'aad-soeren', name: 'Søren Ærø' };

/**
 * The plan the encryption-cost and plan-pictures scripts work on. A full plan by the domain's own rules: notes on all nine questions, three agreements per
 * perspective; a GRUS also one agreement of each member's own.
 */
export function fullPlan(members = [soeren]): DevelopmentConversation {
  const concept = loadConcepts(conceptsFolder).get('albertslund')!;
  const kind = members.length > 1 ? 'GRUS' : 'MUS';
  const created = createConversation({ id: 'bench', kind, concept, leader: lene, employees: members, date: TODAY, format: 'table', questionTexts: {} }, TODAY, `${TODAY}T09:00:00Z`);
  if (!created.ok) throw new Error(created.error.code);
  let ids = 0;
  const step = (c: DevelopmentConversation, actorId: string, command: Command) => {
    const result = apply(c, command, { actorId, today: TODAY, now: `${TODAY}T10:00:00Z`, newId: () => `a${++ids}` });
    if (!result.ok) throw new Error(result.error.code);
    return result.value.conversation;
  };
  let c = step(created.value, lene.id, { type: 'pickKeywords', keywords: ['Mod', 'Ansvar', 'Planlægning'] });
  for (const member of members) c = step(c, member.id, { type: 'pickKeywords', keywords: ['Feedback', 'Nærvær', 'Økonomi'] });
  c = step(c, lene.id, { type: 'start' });
  const note = 'Søren trives i teamet og med borgerkontakten, men oplever travlhed op til årsskiftet. Han savner faglig sparring og vil gerne have mere ansvar for planlægningen af vagtplanen. Vi talte om, hvordan feedback kan blive en fast del af hverdagen, og om hvilke kompetencer der skal udvikles det kommende år.';
  for (const questionStep of [1, 2, 3, 5, 6, 7, 9, 10, 11]) {
    c = step(c, lene.id, { type: 'goToStep', step: questionStep });
    c = step(c, members[0].id, { type: 'saveStep', atStep: questionStep, move: 'stay', note: { text: note, base: '' } });
  }
  for (const perspectiveId of ['adfaerd', 'struktur', 'opgaver']) {
    for (let i = 1; i <= 3; i++) {
      c = step(c, lene.id, {
        type: 'saveAgreement',
        agreement: { perspectiveId, what: `Aftale ${i} om ${perspectiveId}: Søren deltager i kurset "Den svære samtale" og deler det med teamet`, when: 'Inden 1. maj 2027', responsibleId: members[0].id, followUpDate: '2027-05-15', valueFor: ['person', 'citizens'], value: 'Tryggere samtaler med borgerne i skranken og bedre trivsel i teamet' }
      });
    }
  }
  if (kind === 'GRUS') {
    for (const member of members) {
      c = step(c, lene.id, { type: 'saveAgreement', agreement: { perspectiveId: 'opgaver', memberId: member.id, what: `${member.name} tager kurset i borgerkommunikation`, when: 'I foråret', responsibleId: member.id, followUpDate: '2027-05-15', valueFor: [] } });
    }
  }
  return step(c, lene.id, { type: 'finish' });
}

