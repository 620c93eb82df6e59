import { createHmac, timingSafeEqual } from 'crypto';
import { MIN_LINK_SECRET_BYTES } from './linkSecret';

/**
 * The query of an expiring link signed for one person (`p`, `e` the expiry in ms, `s`) and one
 * purpose (a plan's conversation id, the HR export): a forwarded or guessed URL, or one link's
 * signature used for another purpose, opens nothing. Plan links and the HR export share this.
 */
export class LinkSignature {
  constructor(private readonly key: string | Buffer, private readonly now: () => Date) {
    if (Buffer.byteLength(key) < MIN_LINK_SECRET_BYTES) throw new Error(`a link signing key needs at least ${MIN_LINK_SECRET_BYTES} bytes`);
  }

  query(purpose: string, personId: string, validMs: number): URLSearchParams {
    const expires = String(this.now().getTime() + validMs);
    return new URLSearchParams({ p: personId, e: expires, s: this.signature(purpose, personId, expires) });
  }

  /** The person a genuine, unexpired query was signed for. */
  personIn(purpose: string, query: Record<string, unknown>): string | undefined {
    const { p, e, s } = query;
    if (typeof p !== 'string' || typeof e !== 'string' || typeof s !== 'string') return undefined;
    if (!/^\d+$/.test(e) || Number(e) < this.now().getTime()) return undefined;
    const expected = Buffer.from(this.signature(purpose, p, e));
    const given = Buffer.from(s);
    return expected.length === given.length && timingSafeEqual(expected, given) ? p : undefined;
  }

  private signature(purpose: string, personId: string, expires: string): string {
    return createHmac('sha256', this.key).update(`${purpose}\n${personId}\n${expires}`).digest('base64url');
  }
}
