import { createHmac, timingSafeEqual } from 'crypto';

/** An HR export link is valid this long: it is made when the overview is shown, and used at once. */
export const EXPORT_LINK_VALID_MS = 60 * 60 * 1000;

/**
 * Signed, expiring download links for the HR overview's export, like the plan copies' links: signed
 * for one person, so a forwarded or guessed URL opens nothing (and the person's HR membership is
 * asked again when the file is fetched).
 */
export class ExportLinks {
  constructor(private readonly baseUrl: string, private readonly secret: string, private readonly now: () => Date) {}

  urlFor(personId: string): string {
    const expires = String(this.now().getTime() + EXPORT_LINK_VALID_MS);
    const query = new URLSearchParams({ p: personId, e: expires, s: this.signature(personId, expires) });
    return `${this.baseUrl.replace(/\/$/, '')}/hr/udviklingssamtaler.csv?${query}`;
  }

  /** The person the link was signed for, if it is genuine and has not expired. */
  verify(query: Record<string, unknown>): string | undefined {
    const { p, e, s } = query;
    if (typeof p !== 'string' || typeof e !== 'string' || typeof s !== 'string') return undefined;
    if (!/^\d+$/.test(e) || Number(e) < this.now().getTime()) return undefined;
    const expected = Buffer.from(this.signature(p, e));
    const given = Buffer.from(s);
    return expected.length === given.length && timingSafeEqual(expected, given) ? p : undefined;
  }

  private signature(personId: string, expires: string): string {
    // Its own purpose in the signed text, so a plan link's signature never passes for an export's.
    return createHmac('sha256', this.secret).update(`hr-export\n${personId}\n${expires}`).digest('base64url');
  }
}
