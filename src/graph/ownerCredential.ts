import type { AccessToken, TokenCredential } from '@azure/identity';

/** The owner's own (delegated) Graph token; rejects with a FilingError 'signIn' when the owner must sign in. */
export type OwnerTokens = (ownerId: string) => Promise<AccessToken>;

/** Fetched again this long before it expires, so a request never leaves with a token about to lapse. */
const EARLY_MS = 2 * 60 * 1000;

/**
 * The owner's delegated token as a credential for the Graph client: the first token is fetched before
 * filing starts (so "sign in first" is known up front), and again when it nears expiry during a long
 * GRUS filing.
 */
export async function ownerCredential(ownerId: string, tokens: OwnerTokens, now: () => number = Date.now): Promise<TokenCredential> {
  let current = await tokens(ownerId);
  return {
    getToken: async () => {
      if (current.expiresOnTimestamp - EARLY_MS <= now()) current = await tokens(ownerId);
      return current;
    }
  };
}
