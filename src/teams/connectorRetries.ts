export interface RetryPolicy {
  /** Tries in all, the first included. */
  attempts: number;
  /** The first pause; each further one may be up to twice as long (with full jitter). */
  baseDelayMs: number;
  /** No single pause is longer, whatever Retry-After asks for; past it the call fails. */
  maxDelayMs: number;
}

/** The answers Teams gives when trying again later may work (its rate-limit guidance names these). */
const TRANSIENT = new Set([412, 429, 502, 503, 504]);

/** A Bot Connector error's status and Retry-After, as the connector client reports them. */
function answerOf(error: unknown): { status?: number; retryAfter?: string } {
  const e = error as { statusCode?: number; code?: string; response?: { status?: number; headers?: { get?(name: string): string | undefined } & Record<string, unknown> } };
  const headers = e.response?.headers;
  const retryAfter = typeof headers?.get === 'function' ? headers.get('retry-after') : (headers?.['retry-after'] as string | undefined);
  return { status: e.statusCode ?? e.response?.status, retryAfter };
}

/** How long Retry-After asks to wait (seconds, or an HTTP date), if it says. */
function retryAfterMs(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** A network failure without an answer (reset, refused, timed out) is worth another try too. */
const isNetworkFailure = (error: unknown) => answerOf(error).status === undefined && typeof (error as { code?: unknown }).code === 'string';

/**
 * Runs a Bot Connector call, trying again on a transient answer: after the Retry-After Teams asks
 * for on 429, else after an exponential pause with full jitter (so many callers do not retry in
 * step), within the policy's bound. Anything else, and the last failure, goes to the caller.
 */
export async function withRetries<T>(policy: RetryPolicy, call: () => Promise<T>, sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const { status, retryAfter } = answerOf(error);
      const transient = (status !== undefined && TRANSIENT.has(status)) || isNetworkFailure(error);
      if (!transient || attempt >= policy.attempts) throw error;
      const asked = status === 429 ? retryAfterMs(retryAfter) : undefined;
      const backoff = Math.random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
      const pause = asked ?? backoff;
      if (pause > policy.maxDelayMs) throw error;
      await sleep(pause);
    }
  }
}
