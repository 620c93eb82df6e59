import { LinkSignature } from './signedLinks';

export interface PlanLink {
  conversationId: string;
  personId: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Download links for a participant's copy of a plan, signed for one person and one conversation,
 * valid `validDays` (LINK_DAYS). A key shorter than 32 bytes is refused.
 */
export class PlanLinks {
  private readonly signature: LinkSignature;

  constructor(private readonly baseUrl: string, key: string | Buffer, now: () => Date, private readonly validDays = 30) {
    this.signature = new LinkSignature(key, now);
  }

  urlFor(link: PlanLink): string {
    const query = this.signature.query(link.conversationId, link.personId, this.validDays * DAY_MS);
    return `${this.baseUrl.replace(/\/$/, '')}/plans/${encodeURIComponent(link.conversationId)}.pdf?${query}`;
  }

  verify(conversationId: string, query: Record<string, unknown>): PlanLink | undefined {
    const personId = this.signature.personIn(conversationId, query);
    return personId === undefined ? undefined : { conversationId, personId };
  }
}
