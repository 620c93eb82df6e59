/**
 * Working days and local times for reminders. Dates are ISO strings (yyyy-mm-dd); instants are
 * JavaScript Dates. A reminder is meant for a working day at a local hour in the municipality's
 * time zone, so summer time and Danish public holidays are part of the rule, not of the server.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The date `months` calendar months later, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number);
  const first = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(day, lastDay));
  return first.toISOString().slice(0, 10);
}

/** Easter Sunday (Gregorian, the anonymous algorithm). */
function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Days a Danish municipality's employees are off: the public holidays (Store Bededag was abolished
 * from 2024), and the days the municipal agreements give off (Grundlovsdag, 24 and 31 December).
 */
export function danishDaysOff(year: number): Set<string> {
  const easter = easterSunday(year);
  const fixed = ['01-01', '06-05', '12-24', '12-25', '12-26', '12-31'].map((md) => `${year}-${md}`);
  const moving = [-3, -2, 0, 1, 39, 49, 50].map((offset) => addDays(easter, offset));
  if (year < 2024) moving.push(addDays(easter, 26));
  return new Set([...fixed, ...moving]);
}

const daysOffByYear = new Map<number, Set<string>>();

export function isWorkingDay(date: string): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  const year = Number(date.slice(0, 4));
  let daysOff = daysOffByYear.get(year);
  if (!daysOff) daysOffByYear.set(year, (daysOff = danishDaysOff(year)));
  return !daysOff.has(date);
}

/** The working day `count` working days before (negative) or after a date; 0 is the date itself if it is one, else the one before. */
export function shiftWorkingDays(date: string, count: number): string {
  let day = date;
  while (!isWorkingDay(day)) day = addDays(day, -1);
  const step = count < 0 ? -1 : 1;
  for (let left = Math.abs(count); left > 0; ) {
    day = addDays(day, step);
    if (isWorkingDay(day)) left--;
  }
  return day;
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** The local date and hour of an instant in a time zone. */
export function localParts(instant: Date, timeZone: string): { date: string; hour: number; minute: number } {
  let format = formats.get(timeZone);
  if (!format) {
    // Building a format is far slower than using one; reminders ask for many.
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formats.set(timeZone, format);
  }
  const parts = format.formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return { date: `${part('year')}-${part('month')}-${part('day')}`, hour: Number(part('hour')), minute: Number(part('minute')) };
}

/** The instant a local date and time happen in a time zone (an hour skipped by summer time moves on). */
export function localInstant(date: string, hour: number, timeZone: string, minute = 0): Date {
  const wanted = Date.parse(`${date}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00Z`);
  let instant = wanted;
  // Two corrections settle the zone's offset, also on the days it changes.
  for (let i = 0; i < 2; i++) {
    const local = localParts(new Date(instant), timeZone);
    const shown = Date.parse(`${local.date}T${String(local.hour).padStart(2, '0')}:${String(local.minute).padStart(2, '0')}:00Z`);
    instant += wanted - shown;
  }
  return new Date(instant);
}

/** Working hours on working days, local time: when a person may be sent a reminder. */
export interface WorkingHours {
  timeZone: string;
  /** First and last local hour in which reminders go out, e.g. 8 and 16. */
  from: number;
  until: number;
}

export function isWithinWorkingHours(instant: Date, hours: WorkingHours): boolean {
  const local = localParts(instant, hours.timeZone);
  return isWorkingDay(local.date) && local.hour >= hours.from && local.hour < hours.until;
}
