import { addDays } from './calendar';
import type { DevelopmentConversation } from './conversation';

/**
 * What the bot keeps of a filed plan once the retention time has passed. The personnel file (the
 * filed PDF) is the record; the bot keeps only what follow-up needs:
 * - `days` after filing, notes, keyword picks, the free-text value of agreements and last plan's
 *   outcomes are removed;
 * - an agreement is removed `days` after it was followed up (open agreements stay: their reminders
 *   and the next conversation need them).
 * Date, kind and participants stay, for the yearly overview. Returns undefined when nothing changes.
 */
export function applyRetention(c: DevelopmentConversation, today: string, days: number): DevelopmentConversation | undefined {
  if (!c.filing || addDays(c.filing.filedAt.slice(0, 10), days) > today) return undefined;
  const expired = (date: string) => addDays(date, days) <= today;
  const agreements = c.agreements
    .filter((a) => !(a.followedUp && expired(a.followedUp.on)))
    .map(({ value: _value, ...a }) => a);
  const notesLeft = Object.keys(c.notes).length > 0 || Object.keys(c.picks).length > 0 || Object.keys(c.keywordsInPlay).length > 0 || c.previous !== undefined;
  const changed = notesLeft || agreements.length !== c.agreements.length || c.agreements.some((a) => a.value !== undefined);
  if (!changed) return undefined;
  const { previous: _previous, ...rest } = c;
  return { ...rest, notes: {}, picks: {}, keywordsInPlay: {}, agreements, notesRemovedOn: c.notesRemovedOn ?? today };
}
