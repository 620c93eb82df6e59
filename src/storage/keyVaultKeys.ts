import type { TokenCredential } from '@azure/identity';
import { CryptographyClient, KeyClient, parseKeyVaultKeyIdentifier, type CryptographyClientOptions, type KeyVaultKey } from '@azure/keyvault-keys';
import { constants, createPublicKey, publicEncrypt, randomBytes, type KeyObject } from 'crypto';
import type { Logger } from '../log';
import { DATA_KEY_BYTES, type KeyWrapping, type WrappedKey } from './keyWrapping';

export interface KeyVaultKeysOptions {
  /** https://<vault>.vault.azure.net/keys/<name>, or with /<version> to pin one version. */
  keyId: string;
  credential: TokenCredential;
  /** Only for a vault outside Microsoft's domains (the tests' fake on 127.0.0.1): the SDK then accepts any challenge resource. */
  disableChallengeResourceVerification?: boolean;
  /** Without a pinned version: how often the newest version is looked up, so a rotation is picked up while running. */
  refreshMs?: number;
  /** How long one Key Vault operation may take, retries included. */
  timeoutMs?: number;
  log: Logger;
}

/** Key Vault's name for RSAES-OAEP with SHA-256 and MGF1 with SHA-256. */
const ALGORITHM = 'RSA-OAEP-256';

interface KeyVersion {
  id: string;
  publicKey: KeyObject;
  usableFrom?: Date;
  usableUntil?: Date;
}

/**
 * Data keys wrapped by an RSA key in Azure Key Vault (RSA-OAEP-256); the private key never leaves
 * the vault. Wrapping needs only the public key, so it is done here with node:crypto (as the SDK
 * itself does for RSA-OAEP; it has no local RSA-OAEP-256): writing a new record costs no Key Vault
 * call and keeps working while Key Vault is briefly unreachable. Unwrapping is Key Vault's
 * `unwrapKey`, with the version the data key names, so records wrapped before a rotation stay
 * readable as long as that version exists and is enabled. The app needs `keys/read`, `unwrapKey`
 * (and `wrapKey` for the SDK's own use): the role Key Vault Crypto User.
 */
export class KeyVaultKeys implements KeyWrapping {
  private current!: KeyVersion;
  private readonly clients = new Map<string, Promise<CryptographyClient>>();
  private readonly keys: KeyClient;
  private readonly vaultUrl: string;
  private readonly name: string;
  private readonly pinnedVersion?: string;
  private readonly clientOptions: CryptographyClientOptions;
  private refresher?: NodeJS.Timeout;

  private constructor(private readonly options: KeyVaultKeysOptions) {
    const id = parseKeyVaultKeyIdentifier(options.keyId);
    this.vaultUrl = id.vaultUrl.replace(/\/$/, '');
    this.name = id.name;
    this.pinnedVersion = id.version || undefined;
    this.clientOptions = {
      disableChallengeResourceVerification: options.disableChallengeResourceVerification,
      // 429 and 5xx are retried, honouring Retry-After.
      retryOptions: { maxRetries: 4, maxRetryDelayInMs: 10_000 }
    };
    this.keys = new KeyClient(this.vaultUrl, options.credential, this.clientOptions);
  }

  /**
   * Looks the key up and proves it works: a random data key is wrapped and unwrapped again, so a
   * missing permission, a wrong key or an unreachable vault stops start-up instead of a turn.
   */
  static async open(options: KeyVaultKeysOptions): Promise<KeyVaultKeys> {
    const keys = new KeyVaultKeys(options);
    keys.current = await keys.version(keys.pinnedVersion);
    const probe = randomBytes(DATA_KEY_BYTES);
    const back = await keys.unwrap(await keys.wrap(probe));
    if (!back.equals(probe)) throw new Error(`Key Vault unwrapped a probe to other bytes with ${keys.current.id}`);
    if (!keys.pinnedVersion && options.refreshMs) {
      keys.refresher = setInterval(() => void keys.refresh(), options.refreshMs);
      keys.refresher.unref();
    }
    return keys;
  }

  get currentKeyId(): string {
    return this.current.id;
  }

  async wrap(dataKey: Buffer): Promise<WrappedKey> {
    const key = this.current;
    const now = new Date();
    // What Key Vault itself refuses for wrapKey: a version not yet valid or expired.
    if ((key.usableFrom && now < key.usableFrom) || (key.usableUntil && now >= key.usableUntil)) {
      throw new Error(`storage key ${key.id} may not wrap keys now (valid ${key.usableFrom?.toISOString() ?? '–'} to ${key.usableUntil?.toISOString() ?? '–'})`);
    }
    const wrapped = publicEncrypt({ key: key.publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, dataKey);
    return { keyId: key.id, wrapped };
  }

  async unwrap({ keyId, wrapped }: WrappedKey): Promise<Buffer> {
    const client = await this.clientFor(keyId);
    const result = await client.unwrapKey(ALGORITHM, wrapped, { abortSignal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000) });
    return Buffer.from(result.result);
  }

  close(): void {
    clearInterval(this.refresher);
  }

  /** The newest version, looked up again; a failure keeps the one known (wrapping needs only its public key). */
  private async refresh(): Promise<void> {
    try {
      const newest = await this.version(undefined);
      if (newest.id !== this.current.id) this.options.log.info('storage key version changed', { keyId: newest.id });
      this.current = newest;
    } catch (error) {
      this.options.log.warn('storage key lookup failed', { error: (error as Error).message });
    }
  }

  private async version(version: string | undefined): Promise<KeyVersion> {
    const key = await this.keys.getKey(this.name, { version, abortSignal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000) });
    const jwk = key.key;
    if (!key.id || !jwk?.n || !jwk.e || (key.keyType !== 'RSA' && key.keyType !== 'RSA-HSM')) throw new Error(`${key.id} is not an RSA key`);
    for (const operation of ['wrapKey', 'unwrapKey'] as const) {
      if (key.keyOperations && !key.keyOperations.includes(operation)) throw new Error(`${key.id} does not permit ${operation}`);
    }
    if (key.properties.enabled === false) throw new Error(`${key.id} is disabled`);
    const id = key.id;
    this.clients.set(id, Promise.resolve(this.cryptographyClient(key)));
    return {
      id,
      publicKey: createPublicKey({ key: { kty: 'RSA', n: Buffer.from(jwk.n).toString('base64url'), e: Buffer.from(jwk.e).toString('base64url') }, format: 'jwk' }),
      usableFrom: key.properties.notBefore,
      usableUntil: key.properties.expiresOn
    };
  }

  /**
   * A client for exactly the version a data key names, which must be a version of the configured
   * key: the id comes from storage, and the app sends its Key Vault token nowhere else.
   */
  private clientFor(keyId: string): Promise<CryptographyClient> {
    let client = this.clients.get(keyId);
    if (!client) {
      const id = parseKeyVaultKeyIdentifier(keyId);
      if (id.vaultUrl.replace(/\/$/, '') !== this.vaultUrl || id.name !== this.name || !id.version) {
        return Promise.reject(new Error(`data key wrapped with ${keyId}, which is not a version of ${this.vaultUrl}/keys/${this.name}`));
      }
      const pending = this.keys.getKey(this.name, { version: id.version }).then((key) => this.cryptographyClient(key));
      this.clients.set(keyId, pending);
      pending.catch(() => this.clients.get(keyId) === pending && this.clients.delete(keyId));
      client = pending;
    }
    return client;
  }

  /**
   * The SDK's client for one version. It is given the key without its validity dates: the SDK
   * refuses any operation outside them on its side, while Key Vault unwraps with an expired version
   * (only new wraps are refused), and old records must stay readable.
   */
  private cryptographyClient(key: KeyVaultKey): CryptographyClient {
    const undated: KeyVaultKey = { ...key, properties: { ...key.properties, notBefore: undefined, expiresOn: undefined } };
    return new CryptographyClient(undated, this.options.credential, this.clientOptions);
  }
}
