import { LinkSignature } from './signedLinks';

/** An HR export link is valid this long: it is made when the overview is shown, and used at once. */
export const EXPORT_LINK_VALID_MS = 60 * 60 * 1000;

/** Its own purpose in the signed text (a conversation id is a UUID), so a plan link's signature never passes for an export's. */
const PURPOSE = 'hr-export';

/**
 * Signed, expiring download links for the HR overview's export, like the plan copies' links: signed
 * for one person, so a forwarded or guessed URL opens nothing (and the person's HR membership is
 * asked again when the file is fetched).
 */
export class ExportLinks {
  private readonly signature: LinkSignature;

  constructor(private readonly baseUrl: string, key: string | Buffer, now: () => Date) {
    this.signature = new LinkSignature(key, now);
  }

  urlFor(personId: string): string {
    return `${this.baseUrl.replace(/\/$/, '')}/hr/udviklingssamtaler.csv?${this.signature.query(PURPOSE, personId, EXPORT_LINK_VALID_MS)}`;
  }

  /** The person the link was signed for, if it is genuine and has not expired. */
  verify(query: Record<string, unknown>): string | undefined {
    return this.signature.personIn(PURPOSE, query);
  }
}
