import { addDays, addMonths } from './calendar';
import { employeesOf, type DevelopmentConversation } from './conversation';
import { conversationKinds, type ConversationKind } from './kinds';

/**
 * Who is covered by the yearly development conversation, kept per person as dates and counts only:
 * never notes, keywords or what was agreed. One small record per person (`coverage/<person id>`)
 * holds an entry per conversation they took part in as employee (a LUS: as the leader who is led),
 * so the organisation's figures are read per person, not per conversation.
 */
export interface CoverageEntry {
  kind: ConversationKind;
  /** The conversation's date. */
  date: string;
  /** Planned: created, not finished. Held: finished. */
  phase: 'planned' | 'held';
  /** The plan is filed in the personnel folder. */
  filed: boolean;
  /** The agreements in this person's plan (a GRUS member: the group's and their own): dates only. */
  agreements: CoverageAgreement[];
  /** The conversation's revision this entry was taken from: an older one never overwrites a newer. */
  revision: number;
}

export interface CoverageAgreement {
  id: string;
  /** The follow-up date first agreed in the plan (a postponement does not move it). */
  due: string;
  /** When it was followed up. */
  followedUpOn?: string;
}

export interface PersonCoverage {
  personId: string;
  conversations: Record<string, CoverageEntry>;
}

/** Entries older than this are dropped when the record is written, except the latest held one. */
const KEPT_MONTHS = 24;

/** What a conversation says about each person it covers, by person id. */
export function coverageEntries(c: DevelopmentConversation): Map<string, CoverageEntry> {
  const held = c.phase === 'finished';
  const entries = new Map<string, CoverageEntry>();
  if (c.phase === 'cancelled') return entries;
  for (const person of employeesOf(c)) {
    const agreements = held
      ? c.agreements
        .filter((a) => a.followUpDate && (!a.memberId || a.memberId === person.id))
        .map((a): CoverageAgreement => ({ id: a.id, due: a.postponedFrom?.[0] ?? a.followUpDate!, ...(a.followedUp ? { followedUpOn: a.followedUp.on } : {}) }))
      : [];
    entries.set(person.id, { kind: c.kind, date: c.date, phase: held ? 'held' : 'planned', filed: c.filing !== undefined, agreements, revision: c.revision });
  }
  return entries;
}

/** A person's record without a conversation that was called off: it was never held, and is no longer planned. Undefined when it was not there. */
export function withoutConversation(current: PersonCoverage | undefined, conversationId: string): PersonCoverage | undefined {
  if (!current?.conversations[conversationId]) return undefined;
  const { [conversationId]: _cancelled, ...conversations } = current.conversations;
  return { ...current, conversations };
}

/** Whether two entries say the same (their revisions aside): a change that leaves it so need not be written. */
export function sameEntry(a: CoverageEntry | undefined, b: CoverageEntry): boolean {
  if (!a) return false;
  const { revision: _a, ...left } = a;
  const { revision: _b, ...right } = b;
  return JSON.stringify(left) === JSON.stringify(right);
}

/**
 * The person's record with one conversation's entry taken in; undefined when nothing changes (the
 * stored entry is as new or newer). Agreements the conversation no longer holds (the retention
 * time removed them after their follow-up) keep their stored dates.
 */
export function mergeCoverage(current: PersonCoverage | undefined, personId: string, conversationId: string, entry: CoverageEntry, today: string): PersonCoverage | undefined {
  const stored = current?.conversations[conversationId];
  if (stored && stored.revision >= entry.revision) return undefined;
  const kept = new Map((stored?.agreements ?? []).map((a) => [a.id, a]));
  for (const a of entry.agreements) kept.set(a.id, a);
  const conversations = { ...current?.conversations, [conversationId]: { ...entry, agreements: [...kept.values()] } };
  const latestHeld = Object.entries(conversations).filter(([, e]) => e.phase === 'held').sort(([, a], [, b]) => b.date.localeCompare(a.date))[0]?.[0];
  const oldest = addMonths(today, -KEPT_MONTHS);
  for (const [id, e] of Object.entries(conversations)) if (e.date < oldest && id !== latestHeld) delete conversations[id];
  return { personId, conversations };
}

/** Where a person stands with the yearly conversation. */
export type CoverageStatus = 'covered' | 'planned' | 'overdue' | 'never';

export interface Standing {
  status: CoverageStatus;
  /** Covered, and the next is due within the notice days. */
  dueSoon: boolean;
  /** The kinds held with them in the last 12 months. */
  heldKinds: ConversationKind[];
  /** Plans of the last 12 months filed in their personnel folder. */
  filed: number;
  /** Agreements of their plans whose follow-up date fell in the last 12 months, and of those the ones followed up by that date. */
  agreementsDue: number;
  agreementsOnTime: number;
}

/** The last 12 months up to today: a conversation on or after `from` counts as this year's. */
export function periodOf(today: string): { from: string; to: string } {
  return { from: addDays(addMonths(today, -12), 1), to: today };
}

/** A person's standing today: covered means a conversation held within the last 12 months. */
export function standingOf(record: PersonCoverage | undefined, today: string, noticeDays: number): Standing {
  const entries = Object.values(record?.conversations ?? {});
  const { from } = periodOf(today);
  const held = entries.filter((e) => e.phase === 'held');
  const recent = held.filter((e) => e.date >= from);
  const last = held.map((e) => e.date).sort().pop();
  const planned = entries.some((e) => e.phase === 'planned' && e.date >= today);
  const status: CoverageStatus = recent.length ? 'covered' : planned ? 'planned' : last ? 'overdue' : 'never';
  const agreements = held.flatMap((e) => e.agreements).filter((a) => a.due >= from && a.due <= today);
  return {
    status,
    dueSoon: status === 'covered' && addDays(addMonths(last!, 12), -noticeDays) <= today,
    heldKinds: conversationKinds.filter((kind) => recent.some((e) => e.kind === kind)),
    filed: recent.filter((e) => e.filed).length,
    agreementsDue: agreements.length,
    agreementsOnTime: agreements.filter((a) => a.followedUpOn !== undefined && a.followedUpOn <= a.due).length
  };
}

/** A unit's figures: counts only, never who. */
export interface CoverageFigures {
  employees: number;
  covered: number;
  byKind: Record<ConversationKind, number>;
  dueSoon: number;
  planned: number;
  /** Not covered and nothing planned: their yearly conversation is overdue (`never`: they never had one here). */
  overdue: number;
  never: number;
  leaders: number;
  leadersCovered: number;
  filed: number;
  agreementsDue: number;
  agreementsOnTime: number;
}

export function emptyFigures(): CoverageFigures {
  return {
    employees: 0, covered: 0, byKind: { MUS: 0, GRUS: 0, LUS: 0 }, dueSoon: 0, planned: 0, overdue: 0, never: 0,
    leaders: 0, leadersCovered: 0, filed: 0, agreementsDue: 0, agreementsOnTime: 0
  };
}

/** Counts one person in. */
export function countIn(figures: CoverageFigures, standing: Standing, isLeader: boolean): void {
  figures.employees++;
  if (standing.status === 'covered') figures.covered++;
  if (standing.status === 'planned') figures.planned++;
  if (standing.status === 'overdue' || standing.status === 'never') figures.overdue++;
  if (standing.status === 'never') figures.never++;
  if (standing.dueSoon) figures.dueSoon++;
  for (const kind of standing.heldKinds) figures.byKind[kind]++;
  if (isLeader) {
    figures.leaders++;
    if (standing.status === 'covered') figures.leadersCovered++;
  }
  figures.filed += standing.filed;
  figures.agreementsDue += standing.agreementsDue;
  figures.agreementsOnTime += standing.agreementsOnTime;
}

export function addFigures(into: CoverageFigures, other: CoverageFigures): void {
  for (const key of Object.keys(into) as (keyof CoverageFigures)[]) {
    if (key === 'byKind') for (const kind of conversationKinds) into.byKind[kind] += other.byKind[kind];
    else into[key] += other[key];
  }
}

/** The share covered, 0–1 (1 for a unit without people, which lags behind no one). */
export function coveredShare(figures: CoverageFigures): number {
  return figures.employees ? figures.covered / figures.employees : 1;
}
