import { addDays, addMonths, localInstant, localParts, shiftWorkingDays, type WorkingHours } from './calendar';
import { leaderOf, type DevelopmentConversation } from './conversation';

/**
 * `before`: some working days ahead; `due`: on the follow-up date; `annual`: the next conversation is
 * near; `prepare`: a participant has not picked their keywords before the conversation.
 */
export type ReminderKind = 'before' | 'due' | 'annual' | 'prepare';

/** Working days before the conversation that those who have not picked are reminded (and again on the morning of the day). */
export const PREPARE_DAYS_BEFORE = 2;

export interface PlannedReminder {
  /** Unique within its conversation; a new follow-up date gives new ids, so a postponed reminder is a new one. */
  id: string;
  kind: ReminderKind;
  agreementId?: string;
  /** The follow-up date it is about (for `annual`: the date a year after the conversation). */
  date: string;
  dueAt: string;
  recipients: string[];
}

export interface ReminderPolicy {
  /** Working days before the follow-up date for the early reminder; 0 sends only on the day. */
  daysBefore: number;
  /** The local hour reminders are sent at. */
  hour: number;
  /** Days before the yearly conversation is due that the leader is reminded. */
  annualNoticeDays: number;
  hours: WorkingHours;
}

/**
 * The reminders a finished conversation should have now: for every agreement not yet followed up,
 * one some working days before its follow-up date and one on the date (a weekend or holiday date
 * moves to the working day before), to the person responsible and the leader; and one to the
 * leader as the yearly conversation comes due. Moments already past are left out, except the
 * reminder on a follow-up date that is today, which goes now.
 */
export function plannedReminders(c: DevelopmentConversation, policy: ReminderPolicy, now: Date): PlannedReminder[] {
  if (c.phase === 'preparing') return preparationReminders(c, policy, now);
  if (c.phase !== 'finished') return [];
  const today = localParts(now, policy.hours.timeZone).date;
  const leaderId = leaderOf(c).id;
  const at = (date: string) => localInstant(shiftWorkingDays(date, 0), policy.hour, policy.hours.timeZone);
  const planned: PlannedReminder[] = [];
  const add = (reminder: Omit<PlannedReminder, 'dueAt'>, instant: Date, lateAllowed: boolean) => {
    if (instant >= now) planned.push({ ...reminder, dueAt: instant.toISOString() });
    else if (lateAllowed) planned.push({ ...reminder, dueAt: now.toISOString() });
  };

  for (const agreement of c.agreements) {
    if (agreement.followedUp || !agreement.followUpDate || !agreement.responsibleId) continue;
    const date = agreement.followUpDate;
    const recipients = [...new Set([agreement.responsibleId, leaderId])];
    const base = { agreementId: agreement.id, date, recipients };
    if (policy.daysBefore > 0) {
      const early = shiftWorkingDays(date, -policy.daysBefore);
      add({ ...base, id: `${agreement.id}.${date}.before`, kind: 'before' }, at(early), false);
    }
    add({ ...base, id: `${agreement.id}.${date}.due`, kind: 'due' }, at(date), date >= today);
  }
  if (!c.supersededBy) {
    const yearLater = addMonths(c.date, 12);
    const notice = addDays(yearLater, -policy.annualNoticeDays);
    add({ id: `annual.${yearLater}`, kind: 'annual', date: yearLater, recipients: [leaderId] }, at(notice), yearLater >= today);
  }
  return planned;
}

/**
 * Before the conversation: two working days before it (at the reminder hour) and on the morning of
 * the day (as working hours begin), to every participant; only those who have not picked by then
 * are sent it (`isWantedFor`). A date on a day off is reminded on the working day before. The ids
 * carry the date, so a moved conversation gets new reminders and the old ones go.
 */
function preparationReminders(c: DevelopmentConversation, policy: ReminderPolicy, now: Date): PlannedReminder[] {
  const recipients = c.participants.map((p) => p.id);
  const early = shiftWorkingDays(c.date, -PREPARE_DAYS_BEFORE);
  const day = shiftWorkingDays(c.date, 0);
  return [
    { id: `prepare.${c.date}.before`, kind: 'prepare' as const, date: c.date, recipients, at: localInstant(early, policy.hour, policy.hours.timeZone) },
    { id: `prepare.${c.date}.morning`, kind: 'prepare' as const, date: c.date, recipients, at: localInstant(day, policy.hours.from, policy.hours.timeZone) }
  ]
    .filter((r) => r.at >= now)
    .map(({ at, ...r }) => ({ ...r, dueAt: at.toISOString() }));
}

/** Whether one recipient still needs a reminder: about preparing, only while they have not picked. */
export function isWantedFor(c: DevelopmentConversation, reminder: Pick<PlannedReminder, 'kind'>, recipientId: string): boolean {
  return reminder.kind !== 'prepare' || (c.picks[recipientId]?.length ?? 0) === 0;
}

/**
 * Whether a reminder is still worth sending today: about something open (not followed up, not moved,
 * conversation not replaced), and an early one only while its date is ahead (after downtime the
 * reminder on the day says it all).
 */
export function isStillWanted(c: DevelopmentConversation, reminder: Pick<PlannedReminder, 'kind' | 'agreementId' | 'date'>, today: string): boolean {
  if (reminder.kind === 'annual') return !c.supersededBy;
  if (reminder.kind === 'prepare') return c.phase === 'preparing' && c.date === reminder.date && reminder.date >= today;
  if (reminder.kind === 'before' && reminder.date <= today) return false;
  const agreement = c.agreements.find((a) => a.id === reminder.agreementId);
  return !!agreement && !agreement.followedUp && agreement.followUpDate === reminder.date;
}
