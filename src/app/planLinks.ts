import { createHmac, timingSafeEqual } from 'crypto';

export interface PlanLink {
  conversationId: string;
  personId: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Download links for a participant's copy of a plan. The link is signed for one person and one
 * conversation and expires (`validDays`, LINK_DAYS), so a forwarded or guessed URL does not open
 * someone else's plan. A secret shorter than 32 bytes is refused: it would make links forgeable.
 */
export class PlanLinks {
  constructor(
    private readonly baseUrl: string,
    private readonly secret: string | Buffer,
    private readonly now: () => Date,
    private readonly validDays = 30
  ) {
    if (Buffer.byteLength(secret) < 32) throw new Error('a plan link secret needs at least 32 bytes');
  }

  urlFor(link: PlanLink): string {
    const expires = String(this.now().getTime() + this.validDays * DAY_MS);
    const query = new URLSearchParams({ p: link.personId, e: expires, s: this.signature(link, expires) });
    return `${this.baseUrl.replace(/\/$/, '')}/plans/${encodeURIComponent(link.conversationId)}.pdf?${query}`;
  }

  verify(conversationId: string, query: Record<string, unknown>): PlanLink | undefined {
    const { p, e, s } = query;
    if (typeof p !== 'string' || typeof e !== 'string' || typeof s !== 'string') return undefined;
    if (!/^\d+$/.test(e) || Number(e) < this.now().getTime()) return undefined;
    const link = { conversationId, personId: p };
    const expected = Buffer.from(this.signature(link, e));
    const given = Buffer.from(s);
    return expected.length === given.length && timingSafeEqual(expected, given) ? link : undefined;
  }

  private signature(link: PlanLink, expires: string): string {
    return createHmac('sha256', this.secret).update(`${link.conversationId}\n${link.personId}\n${expires}`).digest('base64url');
  }
}
