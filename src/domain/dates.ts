import { localParts } from './calendar';
import { fail, ok, type Result } from './errors';

/** Calendar dates as ISO strings (yyyy-mm-dd): they compare correctly as strings. */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCalendarDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Today's date in a time zone; the municipality's day, not the server's. */
export function todayIn(timeZone: string, now: Date): string {
  return localParts(now, timeZone).date;
}

/** A date a person chose for something ahead: a real calendar date, today or later. */
export function validDate(value: string, today: string, field: string): Result<string> {
  if (!isCalendarDate(value)) return fail('date_invalid', { field });
  if (value < today) return fail('date_past', { field });
  return ok(value);
}
