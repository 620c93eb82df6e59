import { randomBytes } from 'crypto';
import type { Records } from './ports';

/** The key that signs plan download links, as stored (in the app's encrypted storage, like every record). */
export interface LinkSecretRecord {
  /** base64 */
  key: string;
  createdAt: string;
}

export const MIN_LINK_SECRET_BYTES = 32;

/** A stored link secret too short to keep links from being forged. */
export class WeakLinkSecretError extends Error {
  constructor(readonly bytes: number) {
    super(`the stored link secret has ${bytes} bytes, fewer than ${MIN_LINK_SECRET_BYTES}`);
  }
}

/**
 * The link-signing key every instance shares: kept as a record in the app's storage (encrypted
 * like the rest, so whoever administers storage cannot sign links), made by the first instance
 * that finds none — a create-only write, so two instances starting at once agree on the winner's.
 * `initial` is the key to store when there is none (a new random one, or one kept from before).
 */
export async function linkSecret(records: Records<LinkSecretRecord>, now: () => Date, initial: () => Buffer = () => randomBytes(MIN_LINK_SECRET_BYTES)): Promise<Buffer> {
  const stored = await records.update('plan-links', (current) => {
    if (current) return { result: current };
    const fresh = { key: initial().toString('base64'), createdAt: now().toISOString() };
    return { write: fresh, result: fresh };
  });
  const key = Buffer.from(stored.key, 'base64');
  if (key.length < MIN_LINK_SECRET_BYTES) throw new WeakLinkSecretError(key.length);
  return key;
}
