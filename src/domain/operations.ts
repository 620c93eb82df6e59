import type { Concept } from './concept';
import { kinds, type ConversationKind } from './kinds';
import {
  notPicked,
  participant,
  stepsOf,
  type Agreement,
  type DevelopmentConversation,
  type Format,
  type Participant,
  type Person,
  type PreviousPlan,
  type Role
} from './conversation';
import { validDate } from './dates';
import { meetingMinutes, validTime } from './meeting';
import { fail, ok, type Result } from './errors';
import { planDocument, planProblems } from './plan';
import { limits, textField, textFingerprint } from './text';

/** What every operation needs from outside: who acts, and the clock and ids, so the core stays pure. */
export interface ActionContext {
  actorId: string;
  /** Today in the municipality's time zone, yyyy-mm-dd. */
  today: string;
  now: string;
  newId: () => string;
}

export interface NewConversation {
  id: string;
  kind: ConversationKind;
  concept: Concept;
  tenantId?: string;
  leader: Person;
  /** The one employee of a MUS, the leader of a LUS, the members of a GRUS. */
  employees: Person[];
  /** GRUS only: it replaces the members' own MUS, so each needs an individual plan. */
  replacesMus?: boolean;
  date: string;
  format: Format;
  /** To be booked as a Teams meeting starting at this local time (HH:MM); its length is the concept's for the kind. */
  time?: string;
  /** The leader's own wording, by question id; a blank entry keeps the concept's wording. */
  questionTexts: Record<string, string>;
  /** The last finished plan with the same people, to open with. */
  previous?: DevelopmentConversation;
}

export function createConversation(input: NewConversation, today: string, now: string): Result<DevelopmentConversation> {
  if (!input.concept.kinds.includes(input.kind)) return fail('kind_unavailable', { kind: input.kind });
  const ids = input.employees.map((p) => p.id);
  if (ids.includes(input.leader.id)) return fail('employee_is_leader');
  const { min, max } = kinds[input.kind].members;
  if (new Set(ids).size !== ids.length || ids.length < min || ids.length > max) return fail('member_count', { kind: input.kind, min, max });
  const date = validDate(input.date, today, 'date');
  if (!date.ok) return date;
  const time = input.time === undefined ? undefined : validTime(input.time);
  if (time && !time.ok) return time;
  const concept = rephrase(input.concept, input.questionTexts);
  if (!concept.ok) return concept;
  const participants: Participant[] = [];
  for (const [person, role] of [[input.leader, 'leader'], ...input.employees.map((p) => [p, 'employee'])] as [Person, Role][]) {
    const name = textField(person.name, 'name', limits.name, true);
    if (!name.ok) return name;
    participants.push({ id: person.id, name: name.value, role });
  }
  return ok({
    id: input.id,
    revision: 1,
    kind: input.kind,
    concept: concept.value,
    tenantId: input.tenantId,
    date: input.date,
    format: input.format,
    ...(time ? { meeting: { time: time.value, minutes: meetingMinutes(input.concept, input.kind) } } : {}),
    participants,
    ...(kinds[input.kind].mayReplaceMus && input.replacesMus ? { replacesMus: true } : {}),
    phase: 'preparing',
    picks: {},
    step: 0,
    notes: {},
    keywordsInPlay: {},
    agreements: [],
    createdAt: now,
    ...(input.previous ? { previous: previousPlanOf(input.previous) } : {})
  });
}

function previousPlanOf(c: DevelopmentConversation): PreviousPlan {
  const agreements = planDocument(c).perspectives.flatMap((p) => p.agreements)
    .map(({ valueForLabels: _labels, missing: _missing, extraFields: _extra, ...agreement }) => agreement);
  return { conversationId: c.id, kind: c.kind, date: c.date, agreements, outcomes: {} };
}

export type Command =
  | { type: 'pickKeywords'; keywords: string[] }
  | { type: 'rephrase'; questionTexts: Record<string, string> }
  /** Starting before everyone has picked is refused unless the leader confirms it (`withoutPicks`). */
  | { type: 'start'; withoutPicks?: boolean }
  | {
      type: 'saveStep';
      /** The step the acting card showed; a different current step means the card was stale. */
      atStep: number;
      /** 'review': straight to the review (the steps offer it once the walk has been there). */
      move: 'next' | 'back' | 'stay' | 'review';
      note?: { text: string; base: string };
      keywords?: { selected: string[]; base: string[] };
      /** How the last plan's agreements went, by agreement id (the last-plan step). */
      outcomes?: Record<string, { text: string; base: string }>;
      /** What was typed into an agreements step's form: moving on saves it first, so nothing typed is lost. */
      agreement?: AgreementInput;
    }
  | { type: 'goToStep'; step: number }
  | { type: 'saveAgreement'; agreement: AgreementInput }
  | { type: 'deleteAgreement'; agreementId: string }
  /** The leader moves a booked conversation to another date and time before it is held; the meeting follows. */
  | { type: 'reschedule'; date: string; time: string }
  /**
   * The leader calls it off before it is held: the keywords picked go at once; its meeting, cards and
   * record follow (src/app/conversationFlow.ts).
   */
  | { type: 'cancel'; message?: string }
  | { type: 'finish' };

/**
 * An agreement as submitted. `id`: the agreement edited, which must exist. `newId`: the id a new
 * one takes, given by the form it was typed into; the same form sent again (Teams retrying, a
 * double tap) finds its agreement and updates it rather than adding a second.
 */
export type AgreementInput = Omit<Agreement, 'id'> & { id?: string; newId?: string };

export interface Applied {
  conversation: DevelopmentConversation;
  /** Set when the card that acted was behind: its input was kept, but it did not move the walk. */
  stale?: boolean;
}

/**
 * Applies one participant's action. Authorisation comes from `context.actorId` (the acting
 * Teams user), never from card data. A refused action returns the reason and changes nothing.
 */
export function apply(conversation: DevelopmentConversation, command: Command, context: ActionContext): Result<Applied> {
  const actor = participant(conversation, context.actorId);
  if (!actor) return fail('not_participant');
  if (conversation.phase === 'finished') return fail('finished');
  if (conversation.phase === 'cancelled') return fail('cancelled');
  const leaderOnly = command.type === 'start' || command.type === 'finish' || command.type === 'rephrase' || command.type === 'reschedule' || command.type === 'cancel';
  if (leaderOnly && actor.role !== 'leader') return fail('not_leader');
  const preparing = command.type === 'pickKeywords' || command.type === 'rephrase' || command.type === 'start' || command.type === 'reschedule' || command.type === 'cancel';
  if (command.type === 'cancel' && conversation.phase !== 'preparing') return fail('cancel_started');
  if (preparing && conversation.phase !== 'preparing') return fail('not_preparing');
  if (!preparing && conversation.phase !== 'holding') return fail('not_holding');

  return applyAllowed(conversation, command, context);
}

function applyAllowed(c: DevelopmentConversation, command: Command, context: ActionContext): Result<Applied> {
  switch (command.type) {
    case 'pickKeywords': {
      const picks = validPicks(c, command.keywords);
      return picks.ok ? changed({ ...c, picks: { ...c.picks, [context.actorId]: picks.value } }) : picks;
    }
    case 'rephrase': {
      const concept = rephrase(c.concept, command.questionTexts);
      return concept.ok ? changed({ ...c, concept: concept.value }) : concept;
    }
    case 'start': {
      const waiting = notPicked(c).length;
      if (waiting > 0 && !command.withoutPicks) return fail('picks_missing', { count: waiting });
      return changed({ ...c, phase: 'holding', step: 0, startedAt: context.now });
    }
    case 'saveStep':
      return saveStep(c, command, context);
    case 'goToStep':
      if (!Number.isInteger(command.step) || command.step < 0 || command.step >= stepsOf(c).length) {
        return fail('question_unknown');
      }
      return changed(atStep(c, command.step));
    case 'saveAgreement':
      return saveAgreement(c, command.agreement, context);
    case 'deleteAgreement':
      if (!c.agreements.some((a) => a.id === command.agreementId)) return fail('agreement_not_found');
      return changed({ ...c, agreements: c.agreements.filter((a) => a.id !== command.agreementId) });
    case 'reschedule':
      return reschedule(c, command, context);
    case 'cancel': {
      const message = textField(command.message, 'cancelMessage', limits.cancelMessage, false);
      return message.ok ? changed({ ...c, phase: 'cancelled', cancellation: { at: context.now, message: message.value }, picks: {} }) : message;
    }
    case 'finish': {
      const problems = planProblems(c);
      if (problems.empty) return fail('plan_empty');
      if (problems.incomplete.length > 0) return fail('plan_incomplete', { count: problems.incomplete.length });
      if (problems.withoutOwnPlan.length > 0) {
        return fail('members_without_plan', { names: problems.withoutOwnPlan.map((id) => participant(c, id)!.name).join(', ') });
      }
      return changed({ ...c, phase: 'finished', finishedAt: context.now });
    }
  }
}

/** A booked conversation moved: its date and start time change, its length stays the concept's. */
function reschedule(c: DevelopmentConversation, command: Extract<Command, { type: 'reschedule' }>, context: ActionContext): Result<Applied> {
  if (!c.meeting) return fail('not_booked');
  const date = validDate(command.date, context.today, 'date');
  if (!date.ok) return date;
  const time = validTime(command.time);
  if (!time.ok) return time;
  if (command.date === c.date && time.value === c.meeting.time) return fail('meeting_unchanged');
  return changed({ ...c, date: command.date, meeting: { ...c.meeting, time: time.value } });
}

const changed = (conversation: DevelopmentConversation, stale?: boolean): Result<Applied> =>
  ok(stale ? { conversation, stale } : { conversation });

function validPicks(c: DevelopmentConversation, keywords: string[]): Result<string[]> {
  const wanted = c.concept.picksPerParticipant;
  if (new Set(keywords).size !== keywords.length) return fail('keyword_duplicate');
  const unknown = keywords.find((k) => !c.concept.keywords.includes(k));
  if (unknown !== undefined) return fail('keyword_unknown', { keyword: unknown.slice(0, 60) });
  if (keywords.length !== wanted) return fail('keyword_count', { wanted, got: keywords.length });
  return ok(c.concept.keywords.filter((k) => keywords.includes(k)));
}

function rephrase(concept: Concept, questionTexts: Record<string, string>): Result<Concept> {
  const known = new Set(concept.perspectives.flatMap((p) => p.questions.map((q) => q.id)));
  if (Object.keys(questionTexts).some((id) => !known.has(id))) return fail('question_unknown');
  const perspectives = [];
  for (const perspective of concept.perspectives) {
    const questions = [];
    for (const question of perspective.questions) {
      const text = textField(questionTexts[question.id], 'question', limits.question, false);
      if (!text.ok) return text;
      questions.push({ ...question, text: text.value || question.text });
    }
    perspectives.push({ ...perspective, questions });
  }
  return ok({ ...concept, perspectives });
}

/**
 * Saves a question step's note and keyword marks, then moves. Two people may submit from the
 * same card at once: each change is merged against what that card showed, so neither is lost.
 */
function saveStep(c: DevelopmentConversation, command: Extract<Command, { type: 'saveStep' }>, context: ActionContext): Result<Applied> {
  const steps = stepsOf(c);
  const shown = steps[command.atStep];
  if (!shown) return fail('question_unknown');
  let next = c;
  if (shown.kind === 'agreements' && command.agreement) {
    const saved = saveAgreement(c, command.agreement, context);
    if (!saved.ok) return saved;
    next = saved.value.conversation;
  }
  if (shown.kind === 'previous' && command.outcomes && c.previous) {
    const outcomes = { ...c.previous.outcomes };
    for (const [agreementId, outcome] of Object.entries(command.outcomes)) {
      if (!c.previous.agreements.some((a) => a.id === agreementId)) return fail('agreement_not_found');
      const text = textField(outcome.text, 'outcome', limits.note, false);
      if (!text.ok) return text;
      outcomes[agreementId] = mergeNote(outcomes[agreementId] ?? '', outcome.base, text.value);
      if (outcomes[agreementId].length > limits.note) return fail('text_too_long', { field: 'outcome', max: limits.note });
    }
    next = { ...next, previous: { ...c.previous, outcomes } };
  }
  if (shown.kind === 'question') {
    if (command.note) {
      const note = textField(command.note.text, 'note', limits.note, false);
      if (!note.ok) return note;
      const merged = mergeNote(c.notes[shown.questionId] ?? '', command.note.base, note.value);
      if (merged.length > limits.note) return fail('text_too_long', { field: 'note', max: limits.note });
      next = { ...next, notes: { ...next.notes, [shown.questionId]: merged } };
    }
    if (command.keywords) {
      const chosen = new Set(Object.values(c.picks).flat());
      if (command.keywords.selected.some((k) => !chosen.has(k))) return fail('keyword_unknown', { keyword: '' });
      next = { ...next, keywordsInPlay: mergeKeywords(c, command.keywords, shown.perspectiveId) };
    }
  }
  const stale = command.atStep !== c.step;
  if (stale || command.move === 'stay') return changed(next, stale);
  const step = command.move === 'review' ? steps.length - 1 : Math.min(Math.max(c.step + (command.move === 'next' ? 1 : -1), 0), steps.length - 1);
  return changed(atStep(next, step));
}

/** The walk at a step; reaching the review is remembered. */
function atStep(c: DevelopmentConversation, step: number): DevelopmentConversation {
  return step === stepsOf(c).length - 1 ? { ...c, step, reachedReview: true } : { ...c, step };
}

/** `base` is the text the card showed, or its fingerprint (what cards send, to stay small). */
function mergeNote(stored: string, base: string, submitted: string): string {
  const shown = (text: string) => text === base || textFingerprint(text) === base;
  if (shown(stored) || stored === '') return submitted;
  if (shown(submitted) || submitted === stored || stored.includes(submitted)) return stored;
  return `${stored}\n${submitted}`;
}

/** The perspective's keywords in play, with what the card added and took away since it was shown. */
function mergeKeywords(c: DevelopmentConversation, change: { selected: string[]; base: string[] }, perspectiveId: string): Record<string, string[]> {
  const here = new Set(c.keywordsInPlay[perspectiveId] ?? []);
  for (const keyword of change.selected) if (!change.base.includes(keyword)) here.add(keyword);
  for (const keyword of change.base) if (!change.selected.includes(keyword)) here.delete(keyword);
  const { [perspectiveId]: _before, ...others } = c.keywordsInPlay;
  return here.size ? { ...others, [perspectiveId]: c.concept.keywords.filter((k) => here.has(k)) } : others;
}

function saveAgreement(c: DevelopmentConversation, input: AgreementInput, context: ActionContext): Result<Applied> {
  if (!c.concept.perspectives.some((p) => p.id === input.perspectiveId)) return fail('perspective_unknown');
  if (input.id !== undefined && !c.agreements.some((a) => a.id === input.id)) return fail('agreement_not_found');
  const what = textField(input.what, 'what', limits.agreementWhat, true);
  if (!what.ok) return what;
  const when = textField(input.when, 'when', limits.agreementWhen, false);
  if (!when.ok) return when;
  const value = textField(input.value, 'value', limits.agreementValue, false);
  if (!value.ok) return value;
  if (input.responsibleId && !participant(c, input.responsibleId)) return fail('responsible_not_participant');
  if (input.memberId && (!kinds[c.kind].memberAgreements || participant(c, input.memberId)?.role !== 'employee')) return fail('agreement_member');
  if (input.followUpDate) {
    const date = validDate(input.followUpDate, context.today, 'followUpDate');
    if (!date.ok) return date;
  }
  const targets = c.concept.valueTargets.map((t) => t.id);
  if (input.valueFor.some((t) => !targets.includes(t))) return fail('value_target_unknown');
  const extra: Record<string, string> = {};
  for (const field of c.concept.agreementForm.extra) {
    // The concept's label names the field in the message: it is the concept's, not the app's.
    const text = textField(input.extra?.[field.id], `»${field.label}«`, limits.agreementExtra, field.required);
    if (!text.ok) return text;
    if (text.value) extra[field.id] = text.value;
  }

  // A form sent again names the agreement it made: that one is updated.
  const id = input.id ?? input.newId ?? context.newId();
  const known = c.agreements.some((a) => a.id === id);
  const agreement: Agreement = {
    id,
    perspectiveId: input.perspectiveId,
    ...(input.memberId ? { memberId: input.memberId } : {}),
    what: what.value,
    when: when.value,
    ...(input.responsibleId ? { responsibleId: input.responsibleId } : {}),
    ...(input.followUpDate ? { followUpDate: input.followUpDate } : {}),
    ...(value.value ? { value: value.value } : {}),
    valueFor: targets.filter((t) => input.valueFor.includes(t)),
    ...(Object.keys(extra).length ? { extra } : {})
  };
  const agreements = known ? c.agreements.map((a) => (a.id === id ? agreement : a)) : [...c.agreements, agreement];
  return changed({ ...c, agreements });
}
