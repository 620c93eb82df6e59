import { planPdf } from '../../src/app/archive';
import { loadConcepts } from '../../src/concepts';
import type { DevelopmentConversation } from '../../src/domain/conversation';
import { apply, createConversation, type Command } from '../../src/domain/operations';
import { conceptsFolder } from '../../src/paths';
import { median, msSince, percentile } from './stats';

const TODAY = '2026-11-25';
const lene = { id: 'aad-lene', name: 'Lene Løvgren' };
const soeren = { id: 'aad-soeren', name: 'Søren Ærø' };

/** A full MUS plan by the domain's own rules: notes on all nine questions, three agreements per perspective. */
export function fullPlan(): DevelopmentConversation {
  const concept = loadConcepts(conceptsFolder).get('albertslund')!;
  const created = createConversation({ id: 'bench', kind: 'MUS', concept, leader: lene, employees: [soeren], date: TODAY, format: 'table', questionTexts: {} }, TODAY, `${TODAY}T09:00:00Z`);
  if (!created.ok) throw new Error(created.error.code);
  let ids = 0;
  const step = (c: DevelopmentConversation, actorId: string, command: Command) => {
    const result = apply(c, command, { actorId, today: TODAY, now: `${TODAY}T10:00:00Z`, newId: () => `a${++ids}` });
    if (!result.ok) throw new Error(result.error.code);
    return result.value.conversation;
  };
  let c = step(step(created.value, lene.id, { type: 'pickKeywords', keywords: ['Mod', 'Ansvar', 'Planlægning'] }), soeren.id, { type: 'pickKeywords', keywords: ['Feedback', 'Nærvær', 'Økonomi'] });
  c = step(c, lene.id, { type: 'start' });
  const note = 'Søren trives i teamet og med borgerkontakten, men oplever travlhed op til årsskiftet. Han savner faglig sparring og vil gerne have mere ansvar for planlægningen af vagtplanen. Vi talte om, hvordan feedback kan blive en fast del af hverdagen, og om hvilke kompetencer der skal udvikles det kommende år.';
  for (const questionStep of [1, 2, 3, 5, 6, 7, 9, 10, 11]) {
    c = step(c, lene.id, { type: 'goToStep', step: questionStep });
    c = step(c, soeren.id, { type: 'saveStep', atStep: questionStep, move: 'stay', note: { text: note, base: '' } });
  }
  for (const perspectiveId of ['adfaerd', 'struktur', 'opgaver']) {
    for (let i = 1; i <= 3; i++) {
      c = step(c, lene.id, {
        type: 'saveAgreement',
        agreement: { perspectiveId, what: `Aftale ${i} om ${perspectiveId}: Søren deltager i kurset "Den svære samtale" og deler det med teamet`, when: 'Inden 1. maj 2027', responsibleId: soeren.id, followUpDate: '2027-05-15', valueFor: ['person', 'citizens'], value: 'Tryggere samtaler med borgerne i skranken og bedre trivsel i teamet' }
      });
    }
  }
  return step(c, lene.id, { type: 'finish' });
}

export async function measurePdf(renders: number): Promise<{ median: number; p95: number; bytes: number }> {
  const plan = fullPlan();
  for (let i = 0; i < 5; i++) await planPdf(plan, 'da'); // warm-up: fonts loaded, code compiled
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < renders; i++) {
    const start = process.hrtime.bigint();
    bytes = (await planPdf(plan, 'da')).length;
    times.push(msSince(start));
  }
  return { median: median(times), p95: percentile(times, 95), bytes };
}
