import type { TeamsLimitsConfig } from '../config';
import type { MessengerLimits } from './messenger';

/**
 * Teams' documented limits for a bot's calls into one conversation (a "thread"): 7 in a second,
 * 8 in two, 60 in thirty. The app keeps a margin below each, as arrivals at Teams bunch up.
 */
const THREAD_WINDOWS = [
  { windowMs: 1000, max: 6 },
  { windowMs: 2000, max: 7 },
  { windowMs: 30_000, max: 50 }
];

/** Requests to the Bot Connector one conversation's participants may have in flight at once. */
export const PARTICIPANT_REQUESTS = 8;

export function teamsLimits(config: TeamsLimitsConfig): MessengerLimits {
  return { retry: config.retry, pace: { tenant: [{ windowMs: 1000, max: config.ratePerSecond }], thread: THREAD_WINDOWS } };
}
