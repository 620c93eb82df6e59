import type { Concept } from './concept';
import type { ConversationKind } from './kinds';

/** A person as Teams identifies them: the Entra ID (AAD) object id, and a display name. */
export interface Person {
  id: string;
  name: string;
}

export type Role = 'leader' | 'employee';
export interface Participant extends Person {
  role: Role;
}

export type Format = 'table' | 'walk';

/** A conversation's meeting: the local time it starts (HH:MM, the municipality's time zone) and how long it lasts. */
export interface MeetingTime {
  time: string;
  minutes: number;
}
/** `cancelled`: the leader called it off before it was held; it is removed once its meeting and cards are. */
export type Phase = 'preparing' | 'holding' | 'finished' | 'cancelled';

export interface Agreement {
  id: string;
  perspectiveId: string;
  /** GRUS: the member the agreement is for; without it, it is the whole group's. */
  memberId?: string;
  what: string;
  /** Time horizon or deadline, in the participants' own words ("inden sommerferien"). */
  when: string;
  responsibleId?: string;
  /** ISO date (yyyy-mm-dd). */
  followUpDate?: string;
  value?: string;
  valueFor: string[];
  /** The concept's own fields (agreementForm.extra), by field id. */
  extra?: Record<string, string>;
  /** Set once it has been followed up; the plan shows it. */
  followedUp?: FollowUp;
  /** Earlier follow-up dates, oldest first, when it was postponed. */
  postponedFrom?: string[];
}

export interface FollowUp {
  /** ISO date it was followed up. */
  on: string;
  by: string;
  note: string;
}

export interface Filing {
  location: string;
  filedAt: string;
  /** A GRUS: one file per member, all under `location`. */
  files?: number;
  /** The filed copy in the leader's OneDrive. */
  webUrl?: string;
}

/**
 * One development conversation. It carries its own copy of the concept, with the questions
 * as the leader worded them, so the plan stays true to what was asked even if the concept
 * file changes later.
 */
export interface DevelopmentConversation {
  id: string;
  /** Incremented on every stored change: a rendered card is kept per revision (a card recognises staleness by its step, `atStep`). */
  revision: number;
  kind: ConversationKind;
  concept: Concept;
  tenantId?: string;
  date: string;
  format: Format;
  /** Booked as a Teams meeting: its local start time and length (the date is `date`). */
  meeting?: MeetingTime;
  participants: Participant[];
  /** A GRUS held instead of the members' own MUS: each member needs an agreement of their own. */
  replacesMus?: boolean;
  phase: Phase;
  picks: Record<string, string[]>;
  step: number;
  notes: Record<string, string>;
  /** Perspective id → the keywords that came into play there, in the concept's order (the form's "Stikord for samtalen" column). */
  keywordsInPlay: Record<string, string[]>;
  agreements: Agreement[];
  createdAt: string;
  startedAt?: string;
  /** Set once the walk has reached the review: from then on the steps offer a way straight back to it. */
  reachedReview?: boolean;
  finishedAt?: string;
  /** Set when the leader called it off: when, and what they told the participants. */
  cancellation?: { at: string; message: string };
  filing?: Filing;
  /** The next conversation with the same people, once it is created: it takes over the yearly follow-up. */
  supersededBy?: string;
  /** The last plan with the same people: this conversation opens with how its agreements went. */
  previous?: PreviousPlan;
  /** When the retention time removed the notes; the full plan is the filed PDF. */
  notesRemovedOn?: string;
  /** The card it was created from (a second press finds it by this): app bookkeeping, removed with the conversation. */
  origin?: string;
}

export interface PreviousPlan {
  conversationId: string;
  kind: ConversationKind;
  date: string;
  /** Its agreements as they stood when this conversation was created, with the names they refer to. */
  agreements: (Agreement & { responsibleName?: string; followedUpByName?: string })[];
  /** How each went, by agreement id, as recorded in this conversation. */
  outcomes: Record<string, string>;
}

export type Step =
  | { kind: 'previous' }
  | { kind: 'overview' }
  | { kind: 'question'; perspectiveId: string; questionId: string }
  | { kind: 'agreements'; perspectiveId: string }
  | { kind: 'review' };

/**
 * The walk through a conversation: last plan's agreements (if there was one), overview, each
 * perspective's questions then its agreements, review.
 */
export function stepsOf(conversation: Pick<DevelopmentConversation, 'concept' | 'previous'>): Step[] {
  const steps: Step[] = conversation.previous?.agreements.length ? [{ kind: 'previous' }, { kind: 'overview' }] : [{ kind: 'overview' }];
  for (const perspective of conversation.concept.perspectives) {
    for (const question of perspective.questions) {
      steps.push({ kind: 'question', perspectiveId: perspective.id, questionId: question.id });
    }
    steps.push({ kind: 'agreements', perspectiveId: perspective.id });
  }
  steps.push({ kind: 'review' });
  return steps;
}

export function currentStep(conversation: DevelopmentConversation): Step {
  return stepsOf(conversation)[conversation.step];
}

export function leaderOf(conversation: DevelopmentConversation): Participant {
  const leader = conversation.participants.find((p) => p.role === 'leader');
  if (!leader) throw new Error(`conversation ${conversation.id} has no leader`);
  return leader;
}

export function participant(conversation: DevelopmentConversation, personId: string): Participant | undefined {
  return conversation.participants.find((p) => p.id === personId);
}

export function employeesOf(conversation: DevelopmentConversation): Participant[] {
  return conversation.participants.filter((p) => p.role === 'employee');
}

/** The participants who have not picked their keywords (yet). */
export function notPicked(conversation: DevelopmentConversation): Participant[] {
  return conversation.participants.filter((p) => (conversation.picks[p.id]?.length ?? 0) === 0);
}

export function hasEveryonePicked(conversation: DevelopmentConversation): boolean {
  return notPicked(conversation).length === 0;
}

/** Every keyword any participant picked, in the concept's order. */
export function chosenKeywords(conversation: DevelopmentConversation): string[] {
  const chosen = new Set(Object.values(conversation.picks).flat());
  return conversation.concept.keywords.filter((k) => chosen.has(k));
}

/** Planned or under way: neither finished nor called off. */
export function isOpen(conversation: Pick<DevelopmentConversation, 'phase'>): boolean {
  return conversation.phase === 'preparing' || conversation.phase === 'holding';
}

/** An open conversation of this kind between exactly these people: creating another would duplicate it. */
export function openWithSamePeople(conversations: DevelopmentConversation[], kind: ConversationKind, personIds: string[]): DevelopmentConversation | undefined {
  const people = [...personIds].sort().join('\n');
  return conversations.find((c) => isOpen(c) && c.kind === kind && c.participants.map((p) => p.id).sort().join('\n') === people);
}

/**
 * A stored conversation in today's shape. Before each perspective kept its own keywords in play,
 * they were held as keyword → the one perspective they came into play in.
 */
export function upgradeStored(c: DevelopmentConversation): DevelopmentConversation {
  const stored = c.keywordsInPlay as Record<string, string | string[]>;
  if (!Object.values(stored).some((value) => typeof value === 'string')) return c;
  const keywordsInPlay: Record<string, string[]> = {};
  for (const keyword of c.concept.keywords) {
    const perspectiveId = stored[keyword];
    if (typeof perspectiveId === 'string') (keywordsInPlay[perspectiveId] ??= []).push(keyword);
  }
  return { ...c, keywordsInPlay };
}

export function perspectiveOf(conversation: DevelopmentConversation, perspectiveId: string) {
  const perspective = conversation.concept.perspectives.find((p) => p.id === perspectiveId);
  if (!perspective) throw new Error(`unknown perspective ${perspectiveId}`);
  return perspective;
}
