import type { Concept } from './concept';
import { localInstant, localParts } from './calendar';
import type { DevelopmentConversation, MeetingTime } from './conversation';
import { fail, ok, type Result } from './errors';
import type { ConversationKind } from './kinds';

/** A kind's meeting when its concept suggests no length: an hour. */
const DEFAULT_MINUTES = 60;

/** How long a conversation of a kind is booked for: the concept's suggested length (Albertslund: MUS 1 hour, LUS 1½ hours). */
export function meetingMinutes(concept: Concept, kind: ConversationKind): number {
  return concept.guides[kind]?.minutes ?? DEFAULT_MINUTES;
}

/** A local time of day as a time input sends it (HH:MM, or HH:MM:SS from some clients). */
export function validTime(value: string | undefined): Result<string> {
  const match = /^([01]\d|2[0-3]):([0-5]\d)(?::[0-5]\d)?$/.exec(value ?? '');
  return match ? ok(`${match[1]}:${match[2]}`) : fail('time_invalid', { field: 'time' });
}

/** When a booked conversation starts and ends, as instants: its date and time are local to the municipality. */
export function meetingWindow(c: Pick<DevelopmentConversation, 'date'> & { meeting: MeetingTime }, timeZone: string): { start: Date; end: Date } {
  const [hour, minute] = c.meeting.time.split(':').map(Number);
  const start = localInstant(c.date, hour, timeZone, minute);
  return { start, end: new Date(start.getTime() + c.meeting.minutes * 60_000) };
}

/** An instant's local time of day, HH:MM (or with another separator, as a language writes it: "10.00"). */
export function clockTime(instant: Date, timeZone: string, separator = ':'): string {
  const local = localParts(instant, timeZone);
  return `${String(local.hour).padStart(2, '0')}${separator}${String(local.minute).padStart(2, '0')}`;
}

/** A meeting's start and end as the conversation keeps them: its local date, start time and length in minutes. */
export function meetingAt(start: Date, end: Date, timeZone: string): { date: string; meeting: MeetingTime } {
  return { date: localParts(start, timeZone).date, meeting: { time: clockTime(start, timeZone), minutes: Math.max(1, Math.round((end.getTime() - start.getTime()) / 60_000)) } };
}

/**
 * A booked conversation follows its meeting, moved in the calendar: date, start time and length.
 * Only before it is held; undefined when nothing changes.
 */
export function followMeeting(c: DevelopmentConversation, moved: { date: string; meeting: MeetingTime }): DevelopmentConversation | undefined {
  if (c.phase !== 'preparing' || !c.meeting) return undefined;
  if (c.date === moved.date && c.meeting.time === moved.meeting.time && c.meeting.minutes === moved.meeting.minutes) return undefined;
  return { ...c, date: moved.date, meeting: moved.meeting };
}
