import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'fs';
import { dirname } from 'path';

/** A data key as stored beside the record it encrypts: wrapped by a key-encryption key (KEK), and which one. */
export interface WrappedKey {
  /** The KEK's id including its version, e.g. https://<vault>.vault.azure.net/keys/<name>/<version>. */
  keyId: string;
  wrapped: Buffer;
}

/**
 * The key-wrapping port: wraps a record's 32-byte data key with the current key-encryption key
 * and unwraps one wrapped by this KEK or an earlier version of it. The KEK itself never leaves
 * its keeper (Azure Key Vault in production, a key file in local mode).
 */
export interface KeyWrapping {
  /** The id (with version) new data keys are wrapped with now; a data key wrapped with another is re-wrapped on its next write. */
  readonly currentKeyId: string;
  wrap(dataKey: Buffer): Promise<WrappedKey>;
  unwrap(key: WrappedKey): Promise<Buffer>;
}

export const DATA_KEY_BYTES = 32;

/** RFC 3394's default initial value: the unwrap checks it, so a wrong KEK or a changed wrapped key is detected. */
const KEY_WRAP_IV = Buffer.from('A6A6A6A6A6A6A6A6', 'hex');

export class KeyFileError extends Error {}

/**
 * Local mode's KEK: 32 random bytes in a file of their own (DATA_DIR/storage-key, mode 0600),
 * made once, wrapping data keys with AES-256 key wrap (RFC 3394). It sits beside the data, so it
 * keeps out only someone who gets the records without that file (a copied `state` folder, a
 * backup of it); the point is that local mode runs the same sealed format as production.
 */
export class LocalKeyFile implements KeyWrapping {
  readonly currentKeyId: string;

  private constructor(private readonly key: Buffer) {
    // The id names the key without revealing it: a hash of a 256-bit random key says nothing about it.
    this.currentKeyId = `local:storage-key:${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
  }

  /** The key in `file`; with `create`, made first if there is none (two instances sharing the folder get one key). */
  static open(file: string, options: { create: boolean }): LocalKeyFile {
    if (options.create) createOnce(file);
    let key: Buffer;
    try {
      key = readFileSync(file);
    } catch (error) {
      throw new KeyFileError(`${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    if (key.length !== DATA_KEY_BYTES) {
      throw new KeyFileError(`${file} holds ${key.length} bytes; a storage key is exactly ${DATA_KEY_BYTES} random bytes`);
    }
    return new LocalKeyFile(key);
  }

  async wrap(dataKey: Buffer): Promise<WrappedKey> {
    const cipher = createCipheriv('id-aes256-wrap', this.key, KEY_WRAP_IV);
    return { keyId: this.currentKeyId, wrapped: Buffer.concat([cipher.update(dataKey), cipher.final()]) };
  }

  async unwrap({ keyId, wrapped }: WrappedKey): Promise<Buffer> {
    if (keyId !== this.currentKeyId) throw new Error(`data key wrapped with ${keyId}, not with this storage key (${this.currentKeyId})`);
    const decipher = createDecipheriv('id-aes256-wrap', this.key, KEY_WRAP_IV);
    return Buffer.concat([decipher.update(wrapped), decipher.final()]);
  }
}

/** Written whole with mode 0600, then linked into place: a second instance sees all of it or none, and the first one wins. */
function createOnce(file: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temp, randomBytes(DATA_KEY_BYTES), { mode: 0o600 });
  chmodSync(temp, 0o600); // whatever the umask
  try {
    linkSync(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(temp);
  }
}
