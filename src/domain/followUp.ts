import { leaderOf, participant, type Agreement, type DevelopmentConversation } from './conversation';
import { fail, ok, type Result } from './errors';
import { cleanText, limits, textField } from './text';
import { validDate } from './dates';

/** After the conversation: an agreement is followed up (with a note), or its follow-up date moves. */
export type FollowUpCommand =
  | { type: 'followUp'; agreementId: string; note: string }
  /** `from`: the follow-up date the card showed, so a postponement sent again is recognised as done. */
  | { type: 'postpone'; agreementId: string; to: string; from?: string };

export interface FollowUpContext {
  actorId: string;
  today: string;
}

/** The leader and the person responsible for an agreement follow it up; nobody else. */
export function mayFollowUp(c: DevelopmentConversation, agreement: Agreement, actorId: string): Result<void> {
  if (!participant(c, actorId)) return fail('not_participant');
  if (actorId !== leaderOf(c).id && actorId !== agreement.responsibleId) return fail('not_responsible');
  return ok(undefined);
}

export function applyFollowUp(c: DevelopmentConversation, command: FollowUpCommand, context: FollowUpContext): Result<DevelopmentConversation> {
  if (c.phase !== 'finished') return fail('not_finished');
  const agreement = c.agreements.find((a) => a.id === command.agreementId);
  if (!agreement) return fail('agreement_not_found');
  const allowed = mayFollowUp(c, agreement, context.actorId);
  if (!allowed.ok) return allowed;
  // The same action sent again (Teams retrying, a double tap) finds itself done: it changes nothing and is not refused.
  if (isRepeat(agreement, command, context)) return ok(c);
  if (agreement.followedUp) return fail('already_followed_up');

  let changed: Agreement;
  if (command.type === 'followUp') {
    const note = textField(command.note, 'followUpNote', limits.agreementValue, false);
    if (!note.ok) return note;
    changed = { ...agreement, followedUp: { on: context.today, by: context.actorId, note: note.value } };
  } else {
    if (!command.to) return fail('postpone_without_date');
    const date = validDate(command.to, context.today, 'followUpDate');
    if (!date.ok) return date;
    if (date.value === agreement.followUpDate) return fail('date_unchanged');
    const earlier = agreement.followUpDate ? [agreement.followUpDate] : [];
    changed = { ...agreement, followUpDate: date.value, postponedFrom: [...(agreement.postponedFrom ?? []), ...earlier] };
  }
  return ok({ ...c, agreements: c.agreements.map((a) => (a.id === changed.id ? changed : a)) });
}

/** Whether a follow-up is one already applied: the same person's same note, or a card behind the date asking for the date it has now. */
function isRepeat(agreement: Agreement, command: FollowUpCommand, context: FollowUpContext): boolean {
  if (command.type === 'followUp') {
    const done = agreement.followedUp;
    return done !== undefined && done.by === context.actorId && done.note === cleanText(command.note);
  }
  return !agreement.followedUp && command.from !== undefined && command.from !== agreement.followUpDate && command.to === agreement.followUpDate;
}

/** Agreements still waiting to be followed up. */
export function openAgreements(c: DevelopmentConversation): Agreement[] {
  return c.phase === 'finished' ? c.agreements.filter((a) => !a.followedUp) : [];
}
