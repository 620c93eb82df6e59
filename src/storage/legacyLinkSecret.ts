import { readFileSync, rmSync } from 'fs';
import { join } from 'path';

/**
 * The link-signing key earlier versions kept as a file beside the data (DATA_DIR/link-secret, 64
 * hex digits, used as that text). It is taken into storage once, so links sent before keep
 * working, and the file is then removed; a file that is not such a key (empty, short) is not taken
 * over, and a new random key is made instead.
 */
export function legacyLinkSecretFile(dataDir: string): { key(): Buffer | undefined; remove(): void } {
  const file = join(dataDir, 'link-secret');
  return {
    key() {
      let text: string;
      try {
        text = readFileSync(file, 'utf8').trim();
      } catch {
        return undefined;
      }
      return /^[0-9a-f]{64,}$/i.test(text) ? Buffer.from(text, 'utf8') : undefined;
    },
    remove: () => rmSync(file, { force: true })
  };
}
