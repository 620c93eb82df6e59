import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import type { TeamsUser } from '../support/fakeConnector';
import { createMus, finishMus, lene, meeting, pickAndStart, sharedCard, soeren, useBot } from '../support/scenario';
import { textOf, type Chat } from '../support/teamsClient';
import { storedRecord, storedState } from '../support/storedState';
import { stranger } from '../support/users';

/**
 * The bad-input matrix: every kind of bad submission, who sends it, to a conversation in which
 * phase, and the Danish message the card must show. Each row is one test, and each asserts that
 * nothing stored changed. docs/bad-input.md is this table; UPDATE_DOCS=1 rewrites it.
 */
type Phase = 'create' | 'preparing' | 'holding' | 'finished';
interface Row {
  id: string;
  what: string;
  phase: Phase;
  user: TeamsUser;
  verb: string;
  /** The card data, for the phase's conversation and (finished phase) its agreement. */
  data: (cid: string, agreementId: string) => unknown;
  message: string;
}

const long = (n: number) => 'x'.repeat(n);
const agreement = (cid: string, patch: object) => ({ cid, perspectiveId: 'adfaerd', what: 'Kursus i svære samtaler', ...patch });
const UNKNOWN_CID = '6f1c1c9e-0000-4000-8000-00000000dead';
const followUp = (cid: string, agreementId: string, inputs: { note?: unknown; to?: unknown } = {}, patch: object = {}) => ({
  cid, agreementId, view: 'reminder',
  ...(inputs.note !== undefined ? { [`note_${cid}_${agreementId}`]: inputs.note } : {}),
  ...(inputs.to !== undefined ? { [`to_${cid}_${agreementId}`]: inputs.to } : {}),
  ...patch
});

const rows: Row[] = [
  // Agreements
  { id: 'A1', what: 'empty agreement', phase: 'holding', user: lene, verb: 'agreement.save', data: (cid) => agreement(cid, { what: '' }), message: 'Hvad I aftaler skal udfyldes.' },
  { id: 'A2', what: 'agreement of only spaces and line breaks', phase: 'holding', user: lene, verb: 'agreement.save', data: (cid) => agreement(cid, { what: ' \n\t ' }), message: 'Hvad I aftaler skal udfyldes.' },
  { id: 'A3', what: 'agreement text over 500 characters', phase: 'holding', user: lene, verb: 'agreement.save', data: (cid) => agreement(cid, { what: long(600) }), message: 'Hvad I aftaler må højst fylde 500 tegn.' },
  { id: 'A4', what: 'agreement text far over the limit', phase: 'holding', user: lene, verb: 'agreement.save', data: (cid) => agreement(cid, { what: long(5000) }), message: 'Kortet sendte noget, jeg ikke kan bruge: Hvad I aftaler.' },
  { id: 'A5', what: 'agreement text of the wrong type (a list)', phase: 'holding', user: lene, verb: 'agreement.save', data: (cid) => agreement(cid, { what: ['Kursus'] }), message: 'Kortet sendte noget, jeg ikke kan bruge: Hvad I aftaler.' },
  { id: 'A6', what: 'follow-up date in the past', phase: 'holding', user: lene, verb: 'agreement.save', data: (cid) => agreement(cid, { followUpDate: '2001-01-01' }), message: 'Opfølgningsdatoen ligger i fortiden.' },
  { id: 'A7', what: 'follow-up date that does not exist (31 February)', phase: 'holding', user: lene, verb: 'agreement.save', data: (cid) => agreement(cid, { followUpDate: '2030-02-31' }), message: 'Opfølgningsdatoen er ikke en gyldig dato.' },
  { id: 'A8', what: 'follow-up date in words', phase: 'holding', user: lene, verb: 'agreement.save', data: (cid) => agreement(cid, { followUpDate: 'i morgen' }), message: 'Opfølgningsdatoen er ikke en gyldig dato.' },
  { id: 'A9', what: 'responsible person outside the conversation', phase: 'holding', user: lene, verb: 'agreement.save', data: (cid) => agreement(cid, { responsibleId: stranger.aadObjectId }), message: 'Den ansvarlige skal være en af samtalens deltagere.' },
  { id: 'A10', what: 'responsible id far too long', phase: 'holding', user: lene, verb: 'agreement.save', data: (cid) => agreement(cid, { responsibleId: long(300) }), message: 'Kortet sendte noget, jeg ikke kan bruge: Den ansvarlige.' },
  { id: 'A11', what: 'value for someone the concept does not name', phase: 'holding', user: lene, verb: 'agreement.save', data: (cid) => agreement(cid, { valueFor: 'aktionærer' }), message: 'Vælg værdien blandt de viste muligheder.' },
  { id: 'A12', what: 'value text over 1000 characters', phase: 'holding', user: lene, verb: 'agreement.save', data: (cid) => agreement(cid, { value: long(1500) }), message: 'Værdien må højst fylde 1000 tegn.' },
  { id: 'A13', what: 'time horizon over 200 characters', phase: 'holding', user: lene, verb: 'agreement.save', data: (cid) => agreement(cid, { when: long(300) }), message: 'Hvornår må højst fylde 200 tegn.' },
  { id: 'A14', what: 'perspective the concept does not have', phase: 'holding', user: lene, verb: 'agreement.save', data: (cid) => agreement(cid, { perspectiveId: 'ledelse' }), message: 'Kortet henviser til et perspektiv, der ikke findes i samtalen.' },
  { id: 'A15', what: 'editing an agreement that does not exist', phase: 'holding', user: lene, verb: 'agreement.save', data: (cid) => agreement(cid, { agreementId: 'nope' }), message: 'Aftalen findes ikke længere' },
  { id: 'A16', what: 'deleting an agreement that does not exist', phase: 'holding', user: lene, verb: 'agreement.delete', data: (cid) => ({ cid, agreementId: 'nope' }), message: 'Aftalen findes ikke længere' },
  // Notes and navigation
  { id: 'N1', what: 'note of the wrong type (a number)', phase: 'holding', user: lene, verb: 'session.save', data: (cid) => ({ cid, atStep: 1, note: 42 }), message: 'Kortet sendte noget, jeg ikke kan bruge: Noten.' },
  { id: 'N2', what: 'note far over 4000 characters', phase: 'holding', user: lene, verb: 'session.save', data: (cid) => ({ cid, atStep: 1, note: long(20000) }), message: 'Kortet sendte noget, jeg ikke kan bruge: Noten.' },
  { id: 'N3', what: 'step that is not a number', phase: 'holding', user: lene, verb: 'session.next', data: (cid) => ({ cid, atStep: 'tre' }), message: 'Kortet sendte noget, jeg ikke kan bruge: Trinnet.' },
  { id: 'N4', what: 'negative step', phase: 'holding', user: lene, verb: 'session.next', data: (cid) => ({ cid, atStep: -1 }), message: 'Kortet sendte noget, jeg ikke kan bruge: Trinnet.' },
  { id: 'N5', what: 'step past the end of the conversation', phase: 'holding', user: lene, verb: 'session.next', data: (cid) => ({ cid, atStep: 999 }), message: 'Kortet henviser til et spørgsmål, der ikke findes i samtalen.' },
  { id: 'N6', what: 'jump to a step that does not exist', phase: 'holding', user: lene, verb: 'session.goto', data: (cid) => ({ cid, step: 99 }), message: 'Kortet henviser til et spørgsmål, der ikke findes i samtalen.' },
  { id: 'N7', what: 'keyword marked in play that nobody picked', phase: 'holding', user: lene, verb: 'session.save', data: (cid) => ({ cid, atStep: 1, inPlay: 'Møder' }), message: 'Det valgte stikord findes ikke i denne samtale.' },
  { id: 'N8', what: 'page of a list that is not a number', phase: 'holding', user: lene, verb: 'card.page', data: (cid) => ({ cid, page: 'to' }), message: 'Kortet sendte noget, jeg ikke kan bruge: Siden.' },
  { id: 'N9', what: 'negative page of a list', phase: 'holding', user: lene, verb: 'card.page', data: (cid) => ({ cid, page: -1 }), message: 'Kortet sendte noget, jeg ikke kan bruge: Siden.' },
  // Which conversation
  { id: 'C1', what: 'no conversation id', phase: 'holding', user: lene, verb: 'session.next', data: () => ({ atStep: 1 }), message: 'Kortet sendte noget, jeg ikke kan bruge: Samtalen.' },
  { id: 'C2', what: 'path traversal as conversation id', phase: 'holding', user: lene, verb: 'session.next', data: () => ({ cid: '../../state/conversation', atStep: 1 }), message: 'Kortet sendte noget, jeg ikke kan bruge: Samtalen.' },
  { id: 'C3', what: 'conversation id that does not exist', phase: 'holding', user: lene, verb: 'session.next', data: () => ({ cid: UNKNOWN_CID, atStep: 1 }), message: 'Samtalen findes ikke (længere).' },
  { id: 'C4', what: 'card with no data at all', phase: 'holding', user: lene, verb: 'agreement.save', data: () => undefined, message: 'Kortet sendte noget, jeg ikke kan bruge: Samtalen.' },
  // Keywords
  { id: 'K1', what: 'four keywords', phase: 'preparing', user: soeren, verb: 'keywords.pick', data: (cid) => ({ cid, keywords: 'Mod,Ansvar,Økonomi,Møder' }), message: 'Vælg præcis 3 stikord – du valgte 4.' },
  { id: 'K2', what: 'two keywords', phase: 'preparing', user: soeren, verb: 'keywords.pick', data: (cid) => ({ cid, keywords: 'Mod,Ansvar' }), message: 'Vælg præcis 3 stikord – du valgte 2.' },
  { id: 'K3', what: 'keyword not in the concept', phase: 'preparing', user: soeren, verb: 'keywords.pick', data: (cid) => ({ cid, keywords: 'Mod,Ansvar,Kaffe' }), message: 'Det valgte stikord findes ikke i denne samtale.' },
  { id: 'K4', what: 'the same keyword twice', phase: 'preparing', user: soeren, verb: 'keywords.pick', data: (cid) => ({ cid, keywords: 'Mod,Mod,Ansvar' }), message: 'Du har valgt det samme stikord to gange.' },
  { id: 'K5', what: 'keyword with a control character', phase: 'preparing', user: soeren, verb: 'keywords.pick', data: (cid) => ({ cid, keywords: 'Mod\u0000,Ansvar,Økonomi' }), message: 'Det valgte stikord findes ikke i denne samtale.' },
  { id: 'K6', what: 'emoji as a keyword', phase: 'preparing', user: soeren, verb: 'keywords.pick', data: (cid) => ({ cid, keywords: '🙂,Ansvar,Økonomi' }), message: 'Det valgte stikord findes ikke i denne samtale.' },
  { id: 'K7', what: 'keywords from someone outside the conversation', phase: 'preparing', user: stranger, verb: 'keywords.pick', data: (cid) => ({ cid, keywords: 'Mod,Ansvar,Økonomi' }), message: 'Du deltager ikke i denne samtale' },
  { id: 'K8', what: 'keywords after the conversation started', phase: 'holding', user: soeren, verb: 'keywords.pick', data: (cid) => ({ cid, keywords: 'Mod,Ansvar,Økonomi' }), message: 'Samtalen er startet, så stikord og spørgsmål kan ikke længere ændres.' },
  // Rewording the questions
  { id: 'Q1', what: 'the employee rewording the questions', phase: 'preparing', user: soeren, verb: 'questions.rephrase', data: (cid) => ({ cid, 'q_adfaerd-1': 'Hvordan har du det?' }), message: 'Kun lederen kan gøre dette.' },
  { id: 'Q2', what: 'a question over 400 characters', phase: 'preparing', user: lene, verb: 'questions.rephrase', data: (cid) => ({ cid, 'q_adfaerd-1': long(500) }), message: 'Spørgsmålet må højst fylde 400 tegn.' },
  { id: 'Q3', what: 'a question the concept does not have', phase: 'preparing', user: lene, verb: 'questions.rephrase', data: (cid) => ({ cid, q_ledelse: 'Hvordan leder du?' }), message: 'Kortet henviser til et spørgsmål, der ikke findes i samtalen.' },
  // Actions out of order, or by the wrong person
  { id: 'O1', what: 'the employee starting the conversation', phase: 'preparing', user: soeren, verb: 'session.start', data: (cid) => ({ cid }), message: 'Kun lederen kan gøre dette.' },
  { id: 'O2', what: 'starting a conversation twice', phase: 'holding', user: lene, verb: 'session.start', data: (cid) => ({ cid }), message: 'Samtalen er startet, så stikord og spørgsmål kan ikke længere ændres.' },
  { id: 'O14', what: 'starting before everyone has picked, unconfirmed', phase: 'preparing', user: lene, verb: 'session.start', data: (cid) => ({ cid }), message: 'Lene Løvgren og Søren Ærø har ikke valgt stikord endnu. Vil du starte samtalen alligevel?' },
  { id: 'O15', what: 'the conversation card asked for by someone outside it', phase: 'holding', user: stranger, verb: 'conversation.show', data: (cid) => ({ cid }), message: 'Du deltager ikke i denne samtale og kan derfor ikke gøre dette.' },
  { id: 'O16', what: 'a page of the conversation card asked for by someone outside it', phase: 'holding', user: stranger, verb: 'card.page', data: (cid) => ({ cid, page: 1 }), message: 'Du deltager ikke i denne samtale' },
  { id: 'X1', what: 'the employee cancelling the conversation', phase: 'preparing', user: soeren, verb: 'conversation.cancel', data: (cid) => ({ cid, cancelMessage: 'Aflyst' }), message: 'Kun lederen kan gøre dette.' },
  { id: 'X2', what: 'someone outside cancelling the conversation', phase: 'preparing', user: stranger, verb: 'conversation.cancel', data: (cid) => ({ cid }), message: 'Du deltager ikke i denne samtale' },
  { id: 'X3', what: 'a message with the cancellation over 500 characters', phase: 'preparing', user: lene, verb: 'conversation.cancel', data: (cid) => ({ cid, cancelMessage: long(600) }), message: 'Beskeden til deltagerne må højst fylde 500 tegn.' },
  { id: 'X4', what: 'cancelling a conversation under way', phase: 'holding', user: lene, verb: 'conversation.cancel', data: (cid) => ({ cid }), message: 'Samtalen er i gang og kan ikke længere aflyses.' },
  { id: 'X5', what: 'cancelling a finished conversation', phase: 'finished', user: lene, verb: 'conversation.cancel', data: (cid) => ({ cid }), message: 'Samtalen er afsluttet, og planen er arkiveret.' },
  { id: 'O3', what: 'moving on before the conversation started', phase: 'preparing', user: lene, verb: 'session.next', data: (cid) => ({ cid, atStep: 0 }), message: 'Samtalen er ikke i gang endnu.' },
  { id: 'O4', what: 'an agreement before the conversation started', phase: 'preparing', user: lene, verb: 'agreement.save', data: (cid) => agreement(cid, {}), message: 'Samtalen er ikke i gang endnu.' },
  { id: 'O5', what: 'the employee finishing', phase: 'holding', user: soeren, verb: 'session.finish', data: (cid) => ({ cid }), message: 'Kun lederen kan gøre dette.' },
  { id: 'O6', what: 'an agreement from someone outside the conversation', phase: 'holding', user: stranger, verb: 'agreement.save', data: (cid) => agreement(cid, {}), message: 'Du deltager ikke i denne samtale' },
  { id: 'O7', what: 'filing a plan that is not finished', phase: 'holding', user: lene, verb: 'plan.file', data: (cid) => ({ cid }), message: 'Planen er ikke afsluttet endnu.' },
  { id: 'O8', what: 'the employee filing the plan', phase: 'finished', user: soeren, verb: 'plan.file', data: (cid) => ({ cid }), message: 'Kun lederen kan gøre dette.' },
  { id: 'O9', what: 'someone outside stopping the filing', phase: 'finished', user: stranger, verb: 'filing.cancel', data: (cid) => ({ cid }), message: 'Du deltager ikke i denne samtale' },
  { id: 'O10', what: 'an agreement on a finished conversation', phase: 'finished', user: lene, verb: 'agreement.save', data: (cid) => agreement(cid, {}), message: 'Samtalen er afsluttet, og planen er arkiveret.' },
  { id: 'O11', what: 'moving on in a finished conversation', phase: 'finished', user: lene, verb: 'session.next', data: (cid) => ({ cid, atStep: 0 }), message: 'Samtalen er afsluttet, og planen er arkiveret.' },
  { id: 'O12', what: 'keywords on a finished conversation', phase: 'finished', user: soeren, verb: 'keywords.pick', data: (cid) => ({ cid, keywords: 'Mod,Ansvar,Økonomi' }), message: 'Samtalen er afsluttet, og planen er arkiveret.' },
  { id: 'O13', what: 'an action the app does not have', phase: 'holding', user: lene, verb: 'session.delete', data: (cid) => ({ cid }), message: 'Den handling kender jeg ikke.' },
  // Follow-up after the conversation
  { id: 'F1', what: 'following up someone else\'s agreement from outside the conversation', phase: 'finished', user: stranger, verb: 'followup.done', data: (cid, a) => followUp(cid, a, { note: 'Klaret' }), message: 'Du deltager ikke i denne samtale' },
  { id: 'F2', what: 'postponing a follow-up into the past', phase: 'finished', user: lene, verb: 'followup.postpone', data: (cid, a) => followUp(cid, a, { to: '2001-01-01' }), message: 'Opfølgningsdatoen ligger i fortiden.' },
  { id: 'F3', what: 'postponing to a date that does not exist', phase: 'finished', user: lene, verb: 'followup.postpone', data: (cid, a) => followUp(cid, a, { to: '2030-02-30' }), message: 'Opfølgningsdatoen er ikke en gyldig dato.' },
  { id: 'F4', what: 'postponing to the date it already has', phase: 'finished', user: soeren, verb: 'followup.postpone', data: (cid, a) => followUp(cid, a, { to: '2030-06-01' }), message: 'Vælg en anden dato end den nuværende opfølgningsdato.' },
  { id: 'F5', what: 'follow-up note of the wrong type (a number)', phase: 'finished', user: soeren, verb: 'followup.done', data: (cid, a) => followUp(cid, a, { note: 7 }), message: 'Kortet sendte noget, jeg ikke kan bruge: Noten om opfølgningen.' },
  { id: 'F6', what: 'follow-up note over 1000 characters', phase: 'finished', user: soeren, verb: 'followup.done', data: (cid, a) => followUp(cid, a, { note: long(1500) }), message: 'Noten om opfølgningen må højst fylde 1000 tegn.' },
  { id: 'F7', what: 'following up an agreement that does not exist', phase: 'finished', user: lene, verb: 'followup.done', data: (cid) => followUp(cid, 'nope'), message: 'Aftalen findes ikke længere' },
  { id: 'F8', what: 'following up before the plan is finished', phase: 'holding', user: lene, verb: 'followup.done', data: (cid) => followUp(cid, 'a1'), message: 'Planen er ikke afsluttet endnu.' },
  { id: 'F10', what: 'postponing without a new date', phase: 'finished', user: lene, verb: 'followup.postpone', data: (cid, a) => followUp(cid, a, { to: '' }), message: 'Vælg en ny dato for opfølgningen, og tryk så Udskyd.' },
  { id: 'F9', what: 'a follow-up view the app does not have', phase: 'finished', user: lene, verb: 'followup.done', data: (cid, a) => followUp(cid, a, {}, { view: 'popup' }), message: 'Kortet sendte noget, jeg ikke kan bruge: Visningen.' },
  // Creating a MUS
  { id: 'M1', what: 'conversation date in the past', phase: 'create', user: lene, verb: 'mus.create', data: () => ({ employeeId: soeren.aadObjectId, date: '2020-01-01', format: 'table' }), message: 'Datoen ligger i fortiden.' },
  { id: 'M2', what: 'conversation date that does not exist', phase: 'create', user: lene, verb: 'mus.create', data: () => ({ employeeId: soeren.aadObjectId, date: '2030-13-01', format: 'table' }), message: 'Datoen er ikke en gyldig dato.' },
  { id: 'M3', what: 'a setting other than table or walk', phase: 'create', user: lene, verb: 'mus.create', data: () => ({ employeeId: soeren.aadObjectId, date: '2030-01-01', format: 'cykel' }), message: 'Kortet sendte noget, jeg ikke kan bruge: Formen.' },
  { id: 'M4', what: 'no employee chosen', phase: 'create', user: lene, verb: 'mus.create', data: () => ({ date: '2030-01-01', format: 'table' }), message: 'Kortet sendte noget, jeg ikke kan bruge: Medarbejderen.' },
  { id: 'M5', what: 'the leader as the employee', phase: 'create', user: lene, verb: 'mus.create', data: () => ({ employeeId: lene.aadObjectId, date: '2030-01-01', format: 'table' }), message: 'Du kan ikke holde en udviklingssamtale med dig selv.' },
  { id: 'M6', what: 'an employee nobody can find', phase: 'create', user: lene, verb: 'mus.create', data: () => ({ employeeId: UNKNOWN_CID, date: '2030-01-01', format: 'table' }), message: 'Jeg kan ikke finde den valgte medarbejder i jeres organisation.' },
  { id: 'M7', what: 'a reworded question over 400 characters', phase: 'create', user: lene, verb: 'mus.create', data: () => ({ employeeId: soeren.aadObjectId, date: '2030-01-01', format: 'table', 'q_opgaver-2': long(600) }), message: 'Spørgsmålet må højst fylde 400 tegn.' },
  { id: 'M9', what: 'a GRUS with a single member', phase: 'create', user: lene, verb: 'mus.create', data: () => ({ kind: 'GRUS', employeeId: soeren.aadObjectId, date: '2030-01-01', format: 'table' }), message: 'En GRUS holdes med 2 til 59 gruppemedlemmer ud over lederen.' },
  { id: 'M10', what: 'a MUS with the same person twice', phase: 'create', user: lene, verb: 'mus.create', data: () => ({ employeeId: `${soeren.aadObjectId},${soeren.aadObjectId}`, date: '2030-01-01', format: 'table' }), message: 'En MUS holdes med én person. Vælg én.' },
  { id: 'A17', what: 'an agreement for a member in a conversation that is not a GRUS', phase: 'holding', user: lene, verb: 'agreement.save', data: (cid) => agreement(cid, { memberId: soeren.aadObjectId }), message: 'En aftale kan kun gælde hele gruppen eller et af gruppens medlemmer.' },
  { id: 'M11', what: 'another municipality\'s concept', phase: 'create', user: lene, verb: 'mus.create', data: () => ({ concept: 'hoeje-taastrup', kind: 'GRUS', employeeId: soeren.aadObjectId, date: '2030-01-01', format: 'table' }), message: 'Kortet sendte noget, jeg ikke kan bruge: Konceptet.' },
  { id: 'M12', what: 'choosing a conversation the card does not offer', phase: 'create', user: lene, verb: 'create.choose', data: () => ({ offer: 'hoeje-taastrup:GRUS' }), message: 'Den samtale kan ikke vælges her.' },
  { id: 'M8', what: 'a kind of conversation that does not exist', phase: 'create', user: lene, verb: 'mus.create', data: () => ({ kind: 'SUS', employeeId: soeren.aadObjectId, date: '2030-01-01', format: 'table' }), message: 'Kortet sendte noget, jeg ikke kan bruge: Samtalen.' }
];

const docs = join(__dirname, '..', '..', 'docs', 'bad-input.md');

/** Anything of the conversations an outsider's refusal must not carry: the participants, their picks, the agreement. */
const conversationContent = /Lene|Løvgren|Søren|Ærø|Mod|Ansvar|Planlægning|Feedback|Nærvær|Økonomi|koordinering|MUS/;

function table(): string {
  const escape = (text: string) => text.replace(/\|/g, '\\|');
  return [
    '| id | bad input | phase | sent by | action | the card says |',
    '|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.id} | ${escape(r.what)} | ${r.phase} | ${r.user === lene ? 'leader' : r.user === soeren ? 'employee' : 'outsider'} | \`${r.verb}\` | ${escape(r.message)} |`)
  ].join('\n');
}

describe('the bad-input matrix', () => {
  const world = useBot({ users: [stranger] });
  const chats: Record<Phase, Chat> = {
    create: { id: '19:create@thread.v2', type: 'groupChat' },
    preparing: { id: '19:preparing@thread.v2', type: 'groupChat' },
    holding: meeting,
    finished: { id: '19:finished@thread.v2', type: 'groupChat' }
  };
  const cids = {} as Record<Phase, string>;
  let finishedAgreement = '';
  const stored = () => storedState(world.bot.dataDir);

  beforeAll(async () => {
    for (const chat of [chats.create, chats.preparing]) world.connector.addConversation(chat.id, [lene, soeren]);
    cids.holding = await createMus(world.teams, world.connector);
    await pickAndStart(world.teams, world.connector, cids.holding);
    cids.preparing = await createMus(world.teams, world.connector, '2030-04-01', chats.preparing);
    cids.finished = (await finishMus(world, chats.finished, '2030-05-01')).cid;
    finishedAgreement = ((await storedRecord(world.bot.dataDir, `conversation/${cids.finished}`))?.value as { agreements: { id: string }[] }).agreements[0].id;
    await world.teams.say(lene, chats.create, 'ny mus');
  });

  it('has at least 40 kinds, and docs/bad-input.md is this table', () => {
    expect(rows.length).toBeGreaterThanOrEqual(40);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    if (process.env.UPDATE_DOCS) writeFileSync(docs, `${readFileSync(docs, 'utf8').split('<!-- table -->')[0]}<!-- table -->\n${table()}\n`);
    expect(readFileSync(docs, 'utf8')).toContain(table());
  });

  it.each(rows.map((r) => [r.id, r.what, r] as const))('%s: refuses %s with a clear Danish message and stores nothing', async (_id, _what, row) => {
    const chat = chats[row.phase];
    const before = await stored();
    const { card } = await world.teams.execute(row.user, chat, sharedCard(world.connector, chat).id, row.verb, row.data(cids[row.phase], finishedAgreement));
    expect(textOf(card)).toContain(row.message);
    if (row.user === stranger) expect(textOf(card)).not.toMatch(conversationContent);
    expect(await stored()).toEqual(before);
  });
});
