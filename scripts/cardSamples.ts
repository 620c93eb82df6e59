import { cancelledCard, createCard, finishedCard, keywordCard, noticeCard, openConversationsCard, openConversationWarning, preparationCard, sessionCard, startConfirmation } from '../src/cards/views';
import { followUpListCard, reminderCard, yearlyCard } from '../src/cards/followUpViews';
import { hrCardSamples } from './hrCardSamples';
import { yearlyOverview } from '../src/domain/yearly';
import type { AdaptiveCardJson } from '../src/cards/render';
import { loadConcepts } from '../src/concepts';
import { stepsOf, type DevelopmentConversation } from '../src/domain/conversation';
import { PERSONNEL_FOLDER, personnelFilePath } from '../src/domain/fileNames';
import { apply, createConversation, type Command } from '../src/domain/operations';
import { translator, type Locale } from '../src/i18n/catalog';
import { conceptsFolder } from '../src/paths';

/** Every card a person meets in a MUS, filled with realistic Danish data: for the gallery and the card tests. */
export interface CardSample {
  name: string;
  card: AdaptiveCardJson;
}

export const TODAY = '2026-11-25';
const lene = { id: 'aad-lene', name: 'Lene Løvgren' };
const soeren = { id: 'aad-soeren', name: 'Søren Ærø' };
let ids = 0;

/** Every conversation a leader may create with these concepts. */
const offersOf = (...concepts: DevelopmentConversation['concept'][]) => concepts.flatMap((concept) => concept.kinds.map((kind) => ({ concept, kind })));

function step(c: DevelopmentConversation, actorId: string, command: Command): DevelopmentConversation {
  const result = apply(c, command, { actorId, today: TODAY, now: `${TODAY}T10:00:00.000Z`, newId: () => `a${++ids}` });
  if (!result.ok) throw new Error(`sample ${command.type} refused: ${result.error.code}`);
  return result.value.conversation;
}

/** A MUS with Søren walking through its phases, by the domain's own rules. */
export function sampleConversations() {
  const concept = loadConcepts(conceptsFolder).get('albertslund')!;
  const created = createConversation(
    { id: '6f1c1c9e-0000-4000-8000-000000000001', kind: 'MUS', concept, leader: lene, employees: [soeren], date: '2026-12-03', format: 'walk', questionTexts: { 'adfaerd-1': 'Hvordan trives du med dit arbejde i Borgerservice?' } },
    TODAY,
    `${TODAY}T09:00:00.000Z`
  );
  if (!created.ok) throw new Error(created.error.code);
  const preparing = step(created.value, lene.id, { type: 'pickKeywords', keywords: ['Mod', 'Ansvar', 'Planlægning'] });
  const revealed = step(preparing, soeren.id, { type: 'pickKeywords', keywords: ['Feedback', 'Nærvær', 'Økonomi'] });
  let held = step(revealed, lene.id, { type: 'start' });
  held = step(held, lene.id, { type: 'saveStep', atStep: 0, move: 'next' });
  held = step(held, soeren.id, {
    type: 'saveStep', atStep: 1, move: 'stay',
    note: { text: 'Trives godt i teamet. Travlt op til årsskiftet; savner tid til faglig sparring.', base: '' },
    keywords: { selected: ['Nærvær', 'Feedback'], base: [] }
  });
  held = step(held, lene.id, {
    type: 'saveAgreement',
    agreement: { perspectiveId: 'adfaerd', what: 'Søren deltager i kurset "Den svære samtale" i foråret', when: 'Inden 1. maj 2027', responsibleId: soeren.id, followUpDate: '2027-05-15', valueFor: ['person', 'citizens'], value: 'Tryggere samtaler med borgere i skranken' }
  });
  held = step(held, soeren.id, { type: 'saveAgreement', agreement: { perspectiveId: 'adfaerd', what: 'Fast sparring med en erfaren kollega hver anden uge', when: '', valueFor: [] } });
  const finished = step(step(held, soeren.id, { type: 'deleteAgreement', agreementId: held.agreements[1].id }), lene.id, { type: 'finish' });
  const nextYear = createConversation(
    { id: '6f1c1c9e-0000-4000-8000-000000000002', kind: 'MUS', concept, leader: lene, employees: [soeren], date: '2027-11-25', format: 'table', questionTexts: {}, previous: finished },
    TODAY,
    `${TODAY}T09:00:00.000Z`
  );
  if (!nextYear.ok) throw new Error(nextYear.error.code);
  const opening = step(step(step(nextYear.value, lene.id, { type: 'pickKeywords', keywords: ['Mod', 'Ansvar', 'Planlægning'] }), soeren.id, { type: 'pickKeywords', keywords: ['Feedback', 'Nærvær', 'Økonomi'] }), lene.id, { type: 'start' });
  return { preparing, revealed, held, finished, opening, lene, soeren };
}

export function cardSamples(locale: Locale = 'da'): CardSample[] {
  const tr = translator(locale);
  const { preparing, revealed, held, finished, opening } = sampleConversations();
  // Filed as Graph files it in the leader's OneDrive: the same folder and file name, with its link.
  const { folder, base } = personnelFilePath(PERSONNEL_FOLDER, finished.kind, finished.date, soeren.name, soeren.name);
  const location = [...folder, `${base}.pdf`].join('/');
  const filed: DevelopmentConversation = {
    ...finished,
    filing: { location, filedAt: `${TODAY}T10:05:00.000Z`, webUrl: `https://kommune-my.sharepoint.example/personal/lene/Documents/${encodeURI(location)}` }
  };
  const unfinished = held.agreements[1];
  const at = (name: string, c: DevelopmentConversation, stepIndex: number, options = {}) => ({ name, card: sessionCard({ ...c, step: stepIndex }, tr, options) });
  return [
    { name: 'create', card: createCard(tr, { members: [soeren, { id: 'aad-mette', name: 'Mette Østergaard' }, { id: 'aad-ahmad', name: 'Ahmad Jensen' }], offers: offersOf(held.concept), chosen: { concept: held.concept, kind: 'MUS' }, today: TODAY, homeKind: 'group' }) },
    { name: 'create-kind', card: createCard(tr, { members: [], offers: offersOf(held.concept), today: TODAY, homeKind: 'group' }, { draft: { offer: 'albertslund:MUS' } }) },
    { name: 'create-people-picker', card: createCard(tr, { members: [], offers: offersOf(held.concept), chosen: { concept: held.concept, kind: 'MUS' }, today: TODAY, homeKind: 'personal' }) },
    { name: 'keywords', card: keywordCard(preparing, soeren.id, tr) },
    { name: 'keywords-refused', card: keywordCard(preparing, soeren.id, tr, { message: { kind: 'error', text: tr.t('error.keyword_count', { wanted: 3, got: 4 }) }, draft: { keywords: 'Mod,Ansvar,Økonomi,Møder' } }) },
    { name: 'keywords-revealed', card: keywordCard(revealed, soeren.id, tr) },
    { name: 'preparation', card: preparationCard(preparing, lene.id, [soeren.name], tr) },
    { name: 'preparation-start-confirmation', card: preparationCard(preparing, lene.id, [], tr, { message: startConfirmation(preparing, tr) }) },
    { name: 'preparation-cancel', card: preparationCard(preparing, lene.id, [], tr, { draft: { cancelMessage: 'Vi finder en ny dato efter ferien.' } }) },
    { name: 'cancelled', card: cancelledCard(step(preparing, lene.id, { type: 'cancel', message: 'Vi finder en ny dato efter ferien.' }), tr) },
    { name: 'create-already-open', card: createCard(tr, { members: [soeren], offers: offersOf(held.concept), chosen: { concept: held.concept, kind: 'MUS' }, today: TODAY, homeKind: 'group' }, { draft: { employeeId: soeren.id, date: '2027-01-12', format: 'table' }, message: openConversationWarning(preparing, tr, { homeKind: 'group', kind: 'MUS', concept: held.concept.id, questionsOf: held.concept.id }) }) },
    { name: 'my-conversations', card: openConversationsCard([preparing, { ...held, step: 5 }], tr) },
    at('overview', held, 0),
    at('question', held, 1),
    at('agreements', held, 4),
    at('agreement-editing', held, 4, { editingId: unfinished.id }),
    at('review', held, 13),
    { name: 'finished', card: finishedCard(filed, lene.id, tr, { downloadUrl: 'https://udviklingssamtale.kommune.example/plans/x.pdf' }) },
    { name: 'finished-waiting', card: finishedCard(finished, lene.id, tr, { downloadUrl: 'https://udviklingssamtale.kommune.example/plans/x.pdf', waiting: true, message: { kind: 'error', text: tr.t('filing.unavailable') } }) },
    { name: 'notice', card: noticeCard(tr, '', { kind: 'error', text: tr.t('error.storage_unavailable') }) },
    ...followUpSamples(tr, finished),
    { name: 'previous-plan', card: sessionCard(opening, tr) },
    ...lusSamples(tr, held.concept),
    ...grusSamples(tr, held.concept),
    ...hoejeTaastrupSamples(tr)
  ];
}

/** A GRUS of Lene's with thirty members held instead of their MUS: the group's keywords, agreements for the group or a member. */
function grusSamples(tr: ReturnType<typeof translator>, concept: DevelopmentConversation['concept']): CardSample[] {
  // Thirty members: the size the cards must stay usable at.
  const first = ['Søren', 'Mette', 'Ahmad', 'Birthe', 'Jonas', 'Fatima', 'Karen', 'Peter', 'Ida', 'Omar'];
  const last = ['Ærø', 'Østergaard', 'Jensen'];
  const members = last.flatMap((l, j) => first.map((f, i) => ({ id: `aad-member-${j * 10 + i + 1}`, name: `${f} ${l}` })));
  const created = createConversation(
    { id: '6f1c1c9e-0000-4000-8000-000000000005', kind: 'GRUS', concept, leader: lene, employees: members, replacesMus: true, date: '2026-12-15', format: 'table', questionTexts: {} },
    TODAY,
    `${TODAY}T09:00:00.000Z`
  );
  if (!created.ok) throw new Error(created.error.code);
  const picks = [['Samarbejde', 'Kompetencer', 'Mod'], ['Samarbejde', 'Opgaver', 'Feedback'], ['Kompetencer', 'Udvikling', 'Samarbejde']];
  let held = created.value;
  for (const [i, p] of [lene, ...members].entries()) held = step(held, p.id, { type: 'pickKeywords', keywords: picks[i % picks.length] });
  held = step(held, lene.id, { type: 'start' });
  held = step(held, lene.id, { type: 'saveAgreement', agreement: { perspectiveId: 'opgaver', what: 'Hele gruppen lærer det nye fagsystem', when: 'Inden sommerferien', responsibleId: lene.id, followUpDate: '2027-06-01', valueFor: ['workplace'] } });
  held = step(held, lene.id, { type: 'saveAgreement', agreement: { perspectiveId: 'opgaver', memberId: members[1].id, what: 'Mette bliver superbruger på fagsystemet', when: 'Fra februar', responsibleId: members[1].id, followUpDate: '2027-03-01', valueFor: [] } });
  const steps = stepsOf(held);
  return [
    { name: 'grus-overview', card: sessionCard(held, tr) },
    { name: 'grus-agreements', card: sessionCard({ ...held, step: steps.findIndex((s) => s.kind === 'agreements' && s.perspectiveId === 'opgaver') }, tr) },
    { name: 'grus-review', card: sessionCard({ ...held, step: steps.length - 1 }, tr) }
  ];
}

/** Høje-Taastrup's GRUS: the concept's own agreement form, with what to develop and the goal. */
function hoejeTaastrupSamples(tr: ReturnType<typeof translator>): CardSample[] {
  const concept = loadConcepts(conceptsFolder).get('hoeje-taastrup')!;
  const created = createConversation(
    { id: '6f1c1c9e-0000-4000-8000-000000000006', kind: 'GRUS', concept, leader: lene, employees: [soeren, { id: 'aad-mette', name: 'Mette Østergaard' }], date: '2026-12-16', format: 'table', questionTexts: {} },
    TODAY,
    `${TODAY}T09:00:00.000Z`
  );
  if (!created.ok) throw new Error(created.error.code);
  let held = created.value;
  for (const p of held.participants) held = step(held, p.id, { type: 'pickKeywords', keywords: ['Gruppens samarbejde'] });
  held = step(held, lene.id, { type: 'start' });
  held = step(held, lene.id, {
    type: 'saveAgreement',
    agreement: { perspectiveId: 'kompetencer', what: 'Kursus i det nye fagsystem for hele gruppen', when: 'Inden 1. april 2027', responsibleId: 'aad-mette', followUpDate: '2027-05-01', valueFor: [], extra: { develop: 'Gruppens kompetencer i digital sagsbehandling', goal: 'Alle sager behandles digitalt fra 2028' } }
  });
  return [{ name: 'hoeje-taastrup-agreements', card: sessionCard({ ...held, step: stepsOf(held).findIndex((s) => s.kind === 'agreements') }, tr) }];
}

/** A LUS between Lene and her own leader: the kind's wording, length and focus on the cards. */
function lusSamples(tr: ReturnType<typeof translator>, concept: DevelopmentConversation['concept']): CardSample[] {
  const birgitte = { id: 'aad-birgitte', name: 'Birgitte Bach' };
  const created = createConversation(
    { id: '6f1c1c9e-0000-4000-8000-000000000004', kind: 'LUS', concept, leader: birgitte, employees: [lene], date: '2026-12-10', format: 'walk', questionTexts: {} },
    TODAY,
    `${TODAY}T09:00:00.000Z`
  );
  if (!created.ok) throw new Error(created.error.code);
  const preparing = step(created.value, lene.id, { type: 'pickKeywords', keywords: ['Ledelse', 'Økonomi', 'Fravær'] });
  const held = step(step(preparing, birgitte.id, { type: 'pickKeywords', keywords: ['Ressourcer', 'Mål og retning', 'Sparring'] }), birgitte.id, { type: 'start' });
  return [
    { name: 'lus-create', card: createCard(tr, { members: [lene], offers: offersOf(concept), chosen: { concept, kind: 'LUS' }, today: TODAY, homeKind: 'group' }) },
    { name: 'lus-preparation', card: preparationCard(preparing, birgitte.id, [], tr) },
    { name: 'lus-question', card: sessionCard({ ...held, step: 1 }, tr) }
  ];
}

/** Reminder cards and the list of open agreements, months after the conversation. */
function followUpSamples(tr: ReturnType<typeof translator>, finished: DevelopmentConversation): CardSample[] {
  const agreement = finished.agreements[0];
  const view = (viewerId: string) => ({ viewerId, today: '2027-05-07', planUrl: () => 'https://udviklingssamtale.kommune.example/plans/x.pdf?person=p&expires=1&signature=s' });
  const followedUp = { ...finished, agreements: [{ ...agreement, followedUp: { on: '2027-05-15', by: soeren.id, note: 'Kurset er taget; samtalerne i skranken går lettere.' } }] };
  const mette = { id: 'aad-mette', name: 'Mette Østergaard' };
  const withMette: DevelopmentConversation = {
    ...finished,
    id: '6f1c1c9e-0000-4000-8000-000000000003',
    participants: [finished.participants[0], { ...mette, role: 'employee' }],
    agreements: [{ ...agreement, id: 'm1', what: 'Mette tager over som superbruger på det nye sagssystem', responsibleId: mette.id, followUpDate: '2027-04-30', postponedFrom: ['2027-03-31'] }]
  };
  const refs = [{ conversation: withMette, agreementId: 'm1' }, { conversation: finished, agreementId: agreement.id }];
  return [
    { name: 'reminder', card: reminderCard({ conversation: finished, agreementId: agreement.id }, tr, view(soeren.id)) },
    { name: 'reminder-followed-up', card: reminderCard({ conversation: followedUp, agreementId: agreement.id }, tr, { ...view(soeren.id), answer: { cid: finished.id, agreementId: agreement.id, message: { kind: 'info', text: tr.t('followUp.markedDone') } } }) },
    { name: 'follow-up-list', card: followUpListCard({ refs, employees: [mette, soeren], filter: '', total: 2 }, tr, view(lene.id)) },
    {
      name: 'yearly-overview',
      card: yearlyCard(yearlyOverview(lene.id, [finished, withMette], [{ id: 'aad-ahmad', name: 'Ahmad Jensen' }], '2027-11-10', 30), true, tr)
    },
    {
      // Søren now reports to another leader in the directory: his plans should follow him.
      name: 'yearly-overview-handover',
      card: yearlyCard(
        yearlyOverview(lene.id, [finished, withMette], [], '2027-11-10', 30).map((row) => (row.person.id === soeren.id ? { ...row, handOverTo: { id: 'aad-karin', name: 'Karin Holm' } } : row)),
        true,
        tr
      )
    },
    ...hrCardSamples(tr)
  ];
}
