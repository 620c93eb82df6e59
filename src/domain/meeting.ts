import type { Concept } from './concept';
import { localInstant } from './calendar';
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
