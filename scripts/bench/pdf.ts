import { planPdf } from '../../src/app/archive';
import { pdfRenderer } from '../../src/pdf/pdfRenderer';
import { loadConcepts } from '../../src/concepts';
import type { DevelopmentConversation } from '../../src/domain/conversation';
import { apply, createConversation, type Command } from '../../src/domain/operations';
import { conceptsFolder } from '../../src/paths';
import { median, msSince, percentile } from './stats';

const TODAY = '2026-11-25';
const lene = { id: 'aad-lene', name: 'Lene Løvgren' };
const soeren = { id: 'aad-soeren', name: 'Søren Ærø' };

const groupOf = (size: number) => Array.from({ length: size }, (_, i) => ({ id: `aad-member-${i + 1}`, name: `Gruppemedlem ${i + 1}` }));

/**
 * A full plan by the domain's own rules: notes on all nine questions, three agreements per
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

/** A GRUS plan as it is filed: every member's copy rendered, one after another. */
export async function measureGroupPdf(members: number, renders: number): Promise<{ median: number; p95: number; bytesPerCopy: number }> {
  const plan = fullPlan(groupOf(members));
  const copies = () => Promise.all(plan.participants.filter((p) => p.role === 'employee').map((p) => planPdf(plan, pdfRenderer, 'da', p.id)));
  await copies(); // warm-up
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < renders; i++) {
    const start = process.hrtime.bigint();
    const pdfs = await copies();
    times.push(msSince(start));
    bytes = pdfs.reduce((sum, pdf) => sum + pdf.length, 0) / pdfs.length;
  }
  return { median: median(times), p95: percentile(times, 95), bytesPerCopy: bytes };
}

export async function measurePdf(renders: number): Promise<{ median: number; p95: number; bytes: number }> {
  const plan = fullPlan();
  for (let i = 0; i < 5; i++) await planPdf(plan, pdfRenderer, 'da'); // warm-up: fonts loaded, code compiled
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < renders; i++) {
    const start = process.hrtime.bigint();
    bytes = (await planPdf(plan, pdfRenderer, 'da')).length;
    times.push(msSince(start));
  }
  return { median: median(times), p95: percentile(times, 95), bytes };
}
