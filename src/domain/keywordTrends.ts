import { employeesOf, leaderOf, type DevelopmentConversation } from './conversation';

/**
 * The leader's own picture for their LUS: the keywords the leader's people chose in a year, added
 * up. The tally holds counts per keyword and who has been counted (pseudonymous, so a person who
 * has a MUS and a GRUS in one year counts once) — never who chose what.
 */
export interface KeywordTally {
  leaderId: string;
  year: string;
  /** Hashes of the people counted. */
  contributors: string[];
  counts: Record<string, number>;
}

/** Fewer contributors than this and the picture is not shown, so no one's choice can be singled out. */
export const MIN_CONTRIBUTORS = 5;

export interface KeywordTrend {
  year: string;
  contributors: number;
  /** Most chosen first. */
  keywords: { keyword: string; count: number }[];
}

/** Where a conversation's keywords are counted: its leader's tally for the year of its date. */
export function tallyKey(c: DevelopmentConversation): { leaderId: string; year: string } {
  return { leaderId: leaderOf(c).id, year: c.date.slice(0, 4) };
}

/**
 * The tally with a finished conversation's employees' picks counted in; undefined when nothing
 * changes. `contributorId` pseudonymises a person for the tally (the app layer hashes).
 */
export function countKeywords(current: KeywordTally | undefined, c: DevelopmentConversation, contributorId: (tally: { leaderId: string; year: string }, personId: string) => string): KeywordTally | undefined {
  const { leaderId, year } = tallyKey(c);
  const tally: KeywordTally = current ?? { leaderId, year, contributors: [], counts: {} };
  const counted = new Set(tally.contributors);
  const counts = { ...tally.counts };
  let changed = false;
  for (const person of employeesOf(c)) {
    const picks = c.picks[person.id] ?? [];
    const hash = contributorId({ leaderId, year }, person.id);
    if (!picks.length || counted.has(hash)) continue;
    counted.add(hash);
    for (const keyword of new Set(picks)) counts[keyword] = (counts[keyword] ?? 0) + 1;
    changed = true;
  }
  return changed ? { leaderId, year, contributors: [...counted], counts } : undefined;
}

/** The picture, only when at least `MIN_CONTRIBUTORS` people contributed. */
export function keywordTrend(tally: KeywordTally | undefined): KeywordTrend | undefined {
  if (!tally || tally.contributors.length < MIN_CONTRIBUTORS) return undefined;
  const keywords = Object.entries(tally.counts)
    .map(([keyword, count]) => ({ keyword, count }))
    .sort((a, b) => b.count - a.count || a.keyword.localeCompare(b.keyword, 'da'));
  return { year: tally.year, contributors: tally.contributors.length, keywords };
}
