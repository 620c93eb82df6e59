import { conceptText, type Concept } from './concept';
import { fail, ok, type Result } from './errors';
import { kinds } from './kinds';
import {
  employeesOf,
  leaderOf,
  participant,
  type Agreement,
  type DevelopmentConversation,
  type Participant,
  type Person
} from './conversation';

export type AgreementField = 'when' | 'responsible' | 'followUpDate';

/**
 * The seed's rule: a plan is concrete — what is agreed, its time horizon, who is responsible and
 * when it is followed up. An agreement missing any of these is not finished.
 */
export function missingFields(agreement: Agreement): AgreementField[] {
  const missing: AgreementField[] = [];
  if (!agreement.when) missing.push('when');
  if (!agreement.responsibleId) missing.push('responsible');
  if (!agreement.followUpDate) missing.push('followUpDate');
  return missing;
}

export interface PlanProblems {
  empty: boolean;
  incomplete: { agreementId: string; missing: AgreementField[] }[];
  /** A GRUS held instead of MUS: the members who have no agreement of their own yet (the seeds' individual plan). */
  withoutOwnPlan: string[];
}

export function planProblems(conversation: DevelopmentConversation): PlanProblems {
  return {
    empty: conversation.agreements.length === 0,
    incomplete: conversation.agreements
      .map((a) => ({ agreementId: a.id, missing: missingFields(a) }))
      .filter((p) => p.missing.length > 0),
    withoutOwnPlan: conversation.replacesMus
      ? employeesOf(conversation).filter((p) => !conversation.agreements.some((a) => a.memberId === p.id)).map((p) => p.id)
      : []
  };
}

/** The agreements in one member's copy of a group's plan: the group's and their own. Every other kind: all. */
function agreementsFor(conversation: DevelopmentConversation, memberId: string | undefined): Agreement[] {
  if (!kinds[conversation.kind].memberAgreements || !memberId || participant(conversation, memberId)?.role !== 'employee') return conversation.agreements;
  return conversation.agreements.filter((a) => !a.memberId || a.memberId === memberId);
}

/** Only the conversation's participants see its cards and copies. */
export function mayTakePart(conversation: DevelopmentConversation, actorId: string): Result<void> {
  if (!participant(conversation, actorId)) return fail('not_participant');
  return conversation.phase === 'cancelled' ? fail('cancelled') : ok(undefined);
}

/**
 * Who a leader may hold a conversation with: with the organisation's directory at hand, only their
 * own direct reports (a LUS: a leader who reports to them). Without it, Teams alone cannot say.
 */
export function mayHoldWith(people: Person[], directReports: Person[] | undefined): Result<void> {
  if (!directReports) return ok(undefined);
  const outside = people.filter((p) => !directReports.some((r) => r.id === p.id));
  return outside.length ? fail('not_direct_report', { names: outside.map((p) => p.name).join(', ') }) : ok(undefined);
}

/** The agreements of a held conversation are worked on by its participants; before or after it, nobody edits them. */
export function mayWorkOnAgreements(conversation: DevelopmentConversation, actorId: string): Result<void> {
  const takesPart = mayTakePart(conversation, actorId);
  if (!takesPart.ok) return takesPart;
  return conversation.phase === 'holding' ? ok(undefined) : fail(conversation.phase === 'finished' ? 'finished' : 'not_holding');
}

/** A participant downloads their own copy of a finished plan; nobody else, and nothing before it is finished. */
export function mayDownloadCopy(conversation: DevelopmentConversation, personId: string): Result<void> {
  const takesPart = mayTakePart(conversation, personId);
  if (!takesPart.ok) return takesPart;
  return conversation.phase === 'finished' ? ok(undefined) : fail('not_finished');
}

/** Before the conversation the leader may remind those who have not picked their keywords. */
export function mayNudge(conversation: DevelopmentConversation, actorId: string): Result<void> {
  const takesPart = mayTakePart(conversation, actorId);
  if (!takesPart.ok) return takesPart;
  if (leaderOf(conversation).id !== actorId) return fail('not_leader');
  return conversation.phase === 'preparing' ? ok(undefined) : fail('not_preparing');
}

/** Only the leader files the finished plan into the personnel folder (LUS: the leader's leader). */
export function mayFile(conversation: DevelopmentConversation, actorId: string): Result<void> {
  const takesPart = mayTakePart(conversation, actorId);
  if (!takesPart.ok) return takesPart;
  if (leaderOf(conversation).id !== actorId) return fail('not_leader');
  if (conversation.phase !== 'finished') return fail('not_finished');
  // A plan never filed whose content the retention time removed: what is left is not the plan.
  if (conversation.notesRemovedOn && !conversation.filing) return fail('notes_removed');
  return ok(undefined);
}

export interface PlannedAgreement extends Agreement {
  /** The concept's own fields, labelled, in the concept's order. */
  extraFields: { label: string; value: string }[];
  /** GRUS: the member it is for, or that it is the whole group's. */
  memberName?: string;
  forGroup?: boolean;
  responsibleName?: string;
  followedUpByName?: string;
  valueForLabels: string[];
  missing: AgreementField[];
}

export interface PlanPerspective {
  id: string;
  name: string;
  colour?: string;
  colourName?: string;
  questions: { id: string; text: string; note: string }[];
  keywords: string[];
  agreements: PlannedAgreement[];
}

/** The development plan as read: what the review card, the PDF and every copy show. */
export interface PlanDocument {
  conversationId: string;
  municipality: string;
  kind: DevelopmentConversation['kind'];
  /** A GRUS member's copy: whose it is. */
  copyFor?: string;
  date: string;
  format: DevelopmentConversation['format'];
  participants: (Participant & { picks: string[] })[];
  agreementPrompt: string;
  /** The concept's own words for an agreement's fields, where it has them (the PDF shows every field by them). */
  agreementLabels: Concept['agreementForm']['labels'];
  /** What the concept relates every question to in this kind (LUS), with its introduction. */
  focus?: { intro: string; items: string[] };
  perspectives: PlanPerspective[];
  finishedAt?: string;
  /** Set once the retention time removed the notes from the bot's storage. */
  notesRemovedOn?: string;
  /** The last plan's agreements and how each went. */
  previous?: { kind: DevelopmentConversation['kind']; date: string; agreements: (PlannedAgreement & { outcome: string })[] };
}

/**
 * The plan as one person reads it, with the concept's texts in their language (`locale`, where the
 * concept has them); a GRUS member's copy holds the group's agreements and their own.
 */
export function planDocument(c: DevelopmentConversation, memberId?: string, locale = 'da'): PlanDocument {
  const agreements = agreementsFor(c, memberId);
  const say = conceptText(c.concept, locale);
  const valueLabel = new Map(c.concept.valueTargets.map((t) => [t.id, say(t.label)]));
  const guide = c.concept.guides[c.kind];
  return {
    conversationId: c.id,
    municipality: say(c.concept.municipality),
    kind: c.kind,
    ...(memberId && agreements !== c.agreements ? { copyFor: participant(c, memberId)!.name } : {}),
    date: c.date,
    format: c.format,
    participants: c.participants.map((p) => ({ ...p, picks: (c.picks[p.id] ?? []).map(say) })),
    agreementPrompt: say(c.concept.agreementPrompt),
    agreementLabels: Object.fromEntries(Object.entries(c.concept.agreementForm.labels).map(([field, label]) => [field, say(label)])),
    ...(guide?.focus.length ? { focus: { intro: say(guide.focusIntro ?? ''), items: guide.focus.map(say) } } : {}),
    perspectives: c.concept.perspectives.map((perspective) => ({
      id: perspective.id,
      name: say(perspective.name),
      colour: perspective.colour,
      colourName: perspective.colourName && say(perspective.colourName),
      questions: perspective.questions.map((q) => ({ id: q.id, text: say(q.text), note: c.notes[q.id] ?? '' })),
      keywords: (c.keywordsInPlay[perspective.id] ?? []).map(say),
      agreements: agreements
        .filter((a) => a.perspectiveId === perspective.id)
        .map((a) => ({
          ...a,
          ...(kinds[c.kind].memberAgreements ? (a.memberId ? { memberName: participant(c, a.memberId)?.name } : { forGroup: true }) : {}),
          extraFields: extraFieldsOf(c.concept, a, say),
          responsibleName: a.responsibleId ? participant(c, a.responsibleId)?.name : undefined,
          followedUpByName: a.followedUp ? participant(c, a.followedUp.by)?.name : undefined,
          valueForLabels: a.valueFor.map((id) => valueLabel.get(id) ?? id),
          missing: missingFields(a)
        }))
    })),
    finishedAt: c.finishedAt,
    ...(c.notesRemovedOn ? { notesRemovedOn: c.notesRemovedOn } : {}),
    ...(c.previous?.agreements.length
      ? {
          previous: {
            kind: c.previous.kind,
            date: c.previous.date,
            agreements: c.previous.agreements.map((a) => ({
              ...a,
              valueForLabels: a.valueFor.map((id) => valueLabel.get(id) ?? id),
              extraFields: extraFieldsOf(c.concept, a, say),
              missing: [],
              outcome: c.previous!.outcomes[a.id] ?? ''
            }))
          }
        }
      : {})
  };
}

function extraFieldsOf(concept: Concept, a: Agreement, say: (text: string) => string): PlannedAgreement['extraFields'] {
  return concept.agreementForm.extra.filter((f) => a.extra?.[f.id]).map((f) => ({ label: say(f.label), value: a.extra![f.id] }));
}
