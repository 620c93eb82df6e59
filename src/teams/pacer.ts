/** At most `max` calls in any `windowMs`. */
export interface RateWindow {
  windowMs: number;
  max: number;
}

export interface PacerLimits {
  /** All calls of the app in one tenant together. */
  tenant: RateWindow[];
  /** The calls into one conversation (a Teams "thread"). */
  thread: RateWindow[];
}

/**
 * Keeps the bot's calls to the Bot Connector within Teams' rate limits before Teams has to say
 * 429: each call is given the earliest moment at which every window of its tenant and its
 * conversation still has room, and waits for it. Reservations are made at once, so callers in
 * parallel get successive moments rather than the same one.
 */
export class Pacer {
  private readonly calls = new Map<string, number[]>();

  constructor(private readonly limits: PacerLimits, private readonly now: () => number = Date.now) {}

  /** Waits until a call into `conversationId` of `tenantId` may go out. */
  async slot(tenantId: string, conversationId: string): Promise<void> {
    const wait = this.reserve(tenantId, conversationId);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }

  /** Reserves the earliest moment a call into the conversation may go out; returns how long to wait for it. */
  reserve(tenantId: string, conversationId: string): number {
    const keyed: [string, RateWindow[]][] = [[`tenant:${tenantId}`, this.limits.tenant], [`thread:${conversationId}`, this.limits.thread]];
    const now = this.now();
    let at = now;
    for (let moved = true; moved; ) {
      moved = false;
      for (const [key, windows] of keyed) {
        const next = earliest(this.calls.get(key) ?? [], windows, at);
        if (next > at) [at, moved] = [next, true];
      }
    }
    const longest = Math.max(...keyed.flatMap(([, windows]) => windows.map((w) => w.windowMs)));
    for (const [key] of keyed) {
      const kept = (this.calls.get(key) ?? []).filter((t) => t > now - longest);
      kept.push(at);
      this.calls.set(key, kept);
    }
    if (this.calls.size > 10_000) this.forgetIdle(now - longest);
    return at - now;
  }

  private forgetIdle(before: number): void {
    for (const [key, times] of this.calls) if (Math.max(...times) <= before) this.calls.delete(key);
  }
}

/** The earliest moment from `at` on when one more call fits every window, given the calls reserved so far. */
function earliest(times: number[], windows: RateWindow[], at: number): number {
  let candidate = at;
  while (!fits(times, windows, candidate)) {
    // Nothing changes until a reserved call leaves one of the windows around the candidate.
    const leaving = times.flatMap((t) => windows.map((w) => t + w.windowMs)).filter((moment) => moment > candidate);
    candidate = leaving.length ? Math.min(...leaving) : candidate + 1;
  }
  return candidate;
}

/**
 * Whether a call at `moment` keeps every window within its maximum. Of the windows that would hold
 * it, the fullest starts either as early as possible or just as a later reserved call comes in.
 */
function fits(times: number[], windows: RateWindow[], moment: number): boolean {
  return windows.every(({ windowMs, max }) => {
    const starts = [moment - windowMs + 1, ...times.filter((t) => t > moment && t < moment + windowMs).map((t) => t - windowMs + 1)];
    return starts.every((start) => times.filter((t) => t >= start && t < start + windowMs).length < max);
  });
}
