import { addDays } from './calendar';
import { stepsOf, type Agreement, type DevelopmentConversation } from './conversation';

/**
 * How long the bot keeps what a conversation holds. The personnel file (the filed PDF) is the
 * record; the bot keeps only what follow-up needs, and only as long as it needs it.
 */
export interface RetentionPolicy {
  /**
   * Days after filing that notes, keyword picks, free-text values, the concept's own agreement
   * fields and last plan's outcomes go; and days after its follow-up that an agreement goes.
   */
  days: number;
  /**
   * Days after its planned date that a conversation never finished is removed whole; and days after
   * it was finished that a plan never filed (filing still waiting, or stopped) loses its content.
   */
  abandonedDays: number;
}

export const defaultRetention: RetentionPolicy = { days: 30, abandonedDays: 90 };

/** What the retention rules do to a conversation today: remove it whole, or remove its content. */
export type RetentionStep =
  | { kind: 'expire' }
  | { kind: 'redact'; conversation: DevelopmentConversation; unfiled: boolean };

const dayOf = (iso: string) => iso.slice(0, 10);
const later = (a: string, b: string) => (a > b ? a : b);

/** The day a finished conversation's content goes: `days` after filing; a plan never filed, `abandonedDays` after it was finished. */
function contentDueOn(c: DevelopmentConversation, policy: RetentionPolicy): string | undefined {
  if (c.phase !== 'finished' || c.notesRemovedOn) return undefined;
  if (c.filing) return addDays(dayOf(c.filing.filedAt), policy.days);
  return addDays(later(c.date, c.finishedAt ? dayOf(c.finishedAt) : c.date), policy.abandonedDays);
}

const followUpExpiresOn = (a: Agreement, policy: RetentionPolicy) => (a.followedUp ? addDays(a.followedUp.on, policy.days) : undefined);

/**
 * The next day on which the retention rules change this conversation, if nothing else changes it
 * first: the day it is abandoned, the day its content goes, or the day its next followed-up
 * agreement goes. Undefined when nothing is due (what is left stays for follow-up).
 */
export function nextRetentionDay(c: DevelopmentConversation, policy: RetentionPolicy): string | undefined {
  if (c.phase !== 'finished') return addDays(c.date, policy.abandonedDays);
  const content = contentDueOn(c, policy);
  if (content) return content;
  return c.agreements.map((a) => followUpExpiresOn(a, policy)).filter((d): d is string => d !== undefined).sort()[0];
}

/**
 * What the retention rules do today. A conversation never finished is removed whole `abandonedDays`
 * after its planned date. Once a finished conversation's content is due (see `contentDueOn`),
 * notes, keyword picks, free-text values, the concept's own agreement fields and last plan's
 * outcomes go, and so does every agreement followed up `days` ago or more; open agreements stay
 * (their reminders and the next conversation need them), without their free text. Date, kind and
 * participants stay, for the yearly overview. Undefined when nothing changes today.
 */
export function retentionStep(c: DevelopmentConversation, today: string, policy: RetentionPolicy): RetentionStep | undefined {
  if (c.phase !== 'finished') return addDays(c.date, policy.abandonedDays) <= today ? { kind: 'expire' } : undefined;
  const content = contentDueOn(c, policy);
  if (content !== undefined && content > today) return undefined;
  const expired = (a: Agreement) => (followUpExpiresOn(a, policy) ?? '9999-12-31') <= today;
  const agreements = c.agreements.filter((a) => !expired(a)).map(withoutFreeText);
  const contentLeft = Object.keys(c.notes).length > 0 || Object.keys(c.picks).length > 0 || Object.keys(c.keywordsInPlay).length > 0 || c.previous !== undefined;
  const changed = !c.notesRemovedOn || contentLeft || agreements.length !== c.agreements.length || c.agreements.some(hasFreeText);
  if (!changed) return undefined;
  const { previous: _previous, ...rest } = c;
  return {
    kind: 'redact',
    unfiled: !c.filing,
    conversation: { ...rest, notes: {}, picks: {}, keywordsInPlay: {}, agreements, notesRemovedOn: c.notesRemovedOn ?? today }
  };
}

/**
 * The same removal in the copy of a plan's agreements the next conversation carries (`previous`):
 * once the original's content is gone, the copy loses the free-text values and the concept's own
 * fields, and every agreement that is gone from the original goes from the copy too, with the
 * outcome recorded for it. A conversation still being held that loses its look back at last plan
 * loses that step, and stays where it was. Undefined when nothing changes.
 */
export function redactCopy(next: DevelopmentConversation, original: DevelopmentConversation): DevelopmentConversation | undefined {
  const previous = next.previous;
  if (!previous || previous.conversationId !== original.id || !original.notesRemovedOn) return undefined;
  const kept = new Set(original.agreements.map((a) => a.id));
  const agreements = previous.agreements.filter((a) => kept.has(a.id)).map(withoutFreeText);
  if (agreements.length === previous.agreements.length && !previous.agreements.some(hasFreeText)) return undefined;
  const outcomes = Object.fromEntries(Object.entries(previous.outcomes).filter(([id]) => kept.has(id)));
  const redacted = { ...next, previous: { ...previous, agreements, outcomes } };
  const lostSteps = stepsOf(next).length - stepsOf(redacted).length;
  return lostSteps > 0 ? { ...redacted, step: Math.max(0, next.step - lostSteps) } : redacted;
}

/**
 * Whether the bot may forget a conversation altogether: its content is gone, none of its agreements
 * is open, and the next conversation with the same people (which carries the yearly follow-up on)
 * has been finished.
 */
export function mayForget(c: DevelopmentConversation, successor: DevelopmentConversation | undefined): boolean {
  return c.phase === 'finished' && c.notesRemovedOn !== undefined && c.agreements.every((a) => a.followedUp !== undefined)
    && successor !== undefined && successor.id === c.supersededBy && successor.phase === 'finished';
}

function withoutFreeText<A extends Agreement>(agreement: A): A {
  const { value: _value, extra: _extra, ...rest } = agreement;
  return rest as A;
}

const hasFreeText = (a: Agreement) => a.value !== undefined || a.extra !== undefined;
