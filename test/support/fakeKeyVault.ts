import { ClientSecretCredential } from '@azure/identity';
import { constants, generateKeyPair, privateDecrypt, publicEncrypt, randomBytes, randomUUID, type KeyObject } from 'crypto';
import { createServer, type Server } from 'https';
import type { IncomingMessage, ServerResponse } from 'http';
import type { AddressInfo } from 'net';
import { testTls } from './fakeGraph';

export type KeyOperation = 'get' | 'wrapKey' | 'unwrapKey';

export interface KeyVaultRequest {
  method: string;
  path: string;
  /** What was asked: a key operation, or a token from the Entra endpoint. */
  op: KeyOperation | 'token' | 'other';
  status: number;
  /** The key version the request named ('' for the newest). */
  version?: string;
}

interface KeyVersion {
  version: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  jwk: { n: string; e: string };
  created: number;
  enabled: boolean;
  /** Unix seconds: wrapping is refused from then on; unwrapping is not (as Key Vault does). */
  expires?: number;
}

const PADDING: Record<string, { padding: number; oaepHash?: string }> = {
  'RSA-OAEP': { padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' },
  'RSA-OAEP-256': { padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
  RSA1_5: { padding: constants.RSA_PKCS1_PADDING }
};

const KEY_OPS = ['encrypt', 'decrypt', 'sign', 'verify', 'wrapKey', 'unwrapKey'];

/**
 * A fake Azure Key Vault (keys only) and the Entra ID token endpoint its clients sign in at, on
 * 127.0.0.1 over TLS, speaking Key Vault's REST wire format as @azure/keyvault-keys uses it:
 * challenge-based authentication (a request without a bearer token gets 401 and a
 * `WWW-Authenticate: Bearer authorization="<authority>/<tenant>", resource="<vault>"` challenge;
 * tokens are accepted only when issued for that resource), `GET /keys/{name}/{version}` with the
 * public JWK, and `POST …/wrapkey` and `…/unwrapkey` with RSA-OAEP, RSA-OAEP-256 and RSA1_5 on
 * real RSA key pairs, several versions per key (rotation). It can withhold a permission (403, worded
 * as Key Vault words it), throttle (429 with Retry-After), disable or expire a version, and add
 * latency to every key request. Every request is recorded.
 */
export class FakeKeyVault {
  readonly tenant = 'tenant-albertslund';
  readonly clientId = '6f1c1c9e-7777-4000-8000-000000000007';
  readonly clientSecret = 'key-vault-test-secret';
  readonly requests: KeyVaultRequest[] = [];
  /** Permissions the app's identity does not have. */
  readonly withheld = new Set<KeyOperation>();
  /** Added before every answer to a key request, as the network and the service take time. */
  latencyMs = 0;
  private readonly keys = new Map<string, KeyVersion[]>();
  private readonly tokens = new Map<string, string>();
  private throttle = { remaining: 0, retryAfterSeconds: 1 };
  private server?: Server;

  constructor(private readonly tls = testTls()) {}

  get url(): string {
    return `https://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async start(): Promise<void> {
    this.server = createServer(this.tls, (req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  /** A new RSA key, or a new version of an existing one (a rotation); returns the version's id. */
  async createKey(name: string): Promise<string> {
    const pair = await new Promise<{ publicKey: KeyObject; privateKey: KeyObject }>((resolve, reject) =>
      generateKeyPair('rsa', { modulusLength: 2048 }, (error, publicKey, privateKey) => (error ? reject(error) : resolve({ publicKey, privateKey })))
    );
    const jwk = pair.publicKey.export({ format: 'jwk' }) as { n: string; e: string };
    const version = randomBytes(16).toString('hex');
    const versions = this.keys.get(name) ?? [];
    versions.push({ version, ...pair, jwk: { n: jwk.n, e: jwk.e }, created: Math.floor(Date.now() / 1000), enabled: true });
    this.keys.set(name, versions);
    return this.keyId(name, version);
  }

  rotate(name: string): Promise<string> {
    return this.createKey(name);
  }

  /** `https://<vault>/keys/<name>[/<version>]`. */
  keyId(name: string, version?: string): string {
    return `${this.url}/keys/${name}${version ? `/${version}` : ''}`;
  }

  /** The newest version's id. */
  currentKeyId(name: string): string {
    const versions = this.keys.get(name)!;
    return this.keyId(name, versions[versions.length - 1].version);
  }

  disable(keyId: string): void {
    this.versionOf(keyId).enabled = false;
  }

  expire(keyId: string): void {
    this.versionOf(keyId).expires = Math.floor(Date.now() / 1000) - 60;
  }

  /** The next `count` authorised key requests are answered 429 with Retry-After. */
  throttleNext(count: number, retryAfterSeconds = 1): void {
    this.throttle = { remaining: count, retryAfterSeconds };
  }

  /** Key requests of an operation answered with this status (200 by default). */
  count(op: KeyVaultRequest['op'], status = 200): number {
    return this.requests.filter((r) => r.op === op && r.status === status).length;
  }

  /** The credential the app's identity signs in with (for tests that use the adapter in-process). */
  credential(): ClientSecretCredential {
    return new ClientSecretCredential(this.tenant, this.clientId, this.clientSecret, { authorityHost: this.url, disableInstanceDiscovery: true });
  }

  /** The app's settings for this vault's key `name`, signing in as the app with a client secret. */
  env(name: string, overrides: Record<string, string> = {}): Record<string, string> {
    return {
      STORAGE_KEY_ID: this.keyId(name),
      AZURE_TENANT_ID: this.tenant,
      AZURE_CLIENT_ID: this.clientId,
      AZURE_CLIENT_SECRET: this.clientSecret,
      AZURE_AUTHORITY_HOST: this.url,
      AZURE_DISABLE_INSTANCE_DISCOVERY: 'true',
      // 127.0.0.1 has no parent domain a challenge could name (the SDK checks <vault host> ends with ".<resource host>").
      KEY_VAULT_DISABLE_CHALLENGE_RESOURCE_VERIFICATION: 'true',
      NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS ?? '',
      ...overrides
    };
  }

  private versionOf(keyId: string): KeyVersion {
    const [, name, version] = /\/keys\/([^/]+)\/([^/]+)$/.exec(keyId)!;
    return this.keys.get(name)!.find((v) => v.version === version)!;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', this.url);
    const path = url.pathname;
    const record: KeyVaultRequest = { method: req.method ?? '', path, op: 'other', status: 0 };
    this.requests.push(record);
    const json = (status: number, value: unknown, headers: Record<string, string> = {}) => {
      record.status = status;
      res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
      res.end(JSON.stringify(value));
    };
    const error = (status: number, code: string, message: string, headers: Record<string, string> = {}, inner?: string) =>
      json(status, { error: { code, message, ...(inner ? { innererror: { code: inner } } : {}) } }, headers);

    // Entra ID, as MSAL asks it for a client-credentials token.
    if (path === '/common/discovery/instance') {
      return json(200, { tenant_discovery_endpoint: `${this.url}/${this.tenant}/v2.0/.well-known/openid-configuration`, 'api-version': '1.1', metadata: [] });
    }
    const wellKnown = /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/.exec(path);
    if (wellKnown) {
      const tenant = wellKnown[1];
      return json(200, {
        token_endpoint: `${this.url}/${tenant}/oauth2/v2.0/token`,
        authorization_endpoint: `${this.url}/${tenant}/oauth2/v2.0/authorize`,
        issuer: `${this.url}/${tenant}/v2.0`,
        jwks_uri: `${this.url}/${tenant}/discovery/v2.0/keys`,
        response_modes_supported: ['query'],
        end_session_endpoint: `${this.url}/${tenant}/oauth2/v2.0/logout`
      });
    }
    const tokenRequest = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(path);
    if (req.method === 'POST' && tokenRequest) {
      record.op = 'token';
      const form = new URLSearchParams(body.toString('utf8'));
      if (tokenRequest[1] !== this.tenant || form.get('client_id') !== this.clientId || form.get('client_secret') !== this.clientSecret) {
        return json(401, { error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided.' });
      }
      const audience = (form.get('scope') ?? '').split(' ').find((s) => s.endsWith('/.default'))?.slice(0, -'/.default'.length);
      if (!audience) return json(400, { error: 'invalid_scope', error_description: 'AADSTS1002012: The provided value for scope is not valid.' });
      const token = `kv-${randomUUID()}`;
      this.tokens.set(token, audience);
      return json(200, { token_type: 'Bearer', expires_in: 3600, ext_expires_in: 3600, access_token: token });
    }

    // Key Vault.
    const route = /^\/keys\/([^/]+)(?:\/([^/]*))?(?:\/(wrapkey|unwrapkey))?\/?$/.exec(path);
    if (!route) return error(404, 'NotFound', `not served: ${req.method} ${path}`);
    const [, name, version = '', action] = route;
    record.version = version;
    record.op = action === 'wrapkey' ? 'wrapKey' : action === 'unwrapkey' ? 'unwrapKey' : req.method === 'GET' ? 'get' : 'other';
    if (this.latencyMs) await new Promise((r) => setTimeout(r, this.latencyMs));
    if (!url.searchParams.get('api-version')) return error(400, 'BadParameter', 'The api-version query parameter is required.');

    const challenge = { 'WWW-Authenticate': `Bearer authorization="${this.url}/${this.tenant}", resource="${this.url}"` };
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!bearer) return error(401, 'Unauthorized', 'AKV10000: Request is missing a Bearer or PoP token.', challenge);
    if (this.tokens.get(bearer) !== this.url) return error(401, 'Unauthorized', `AKV10022: Invalid audience. Expected ${this.url}.`, challenge);

    if (this.throttle.remaining > 0) {
      this.throttle.remaining--;
      return error(429, 'Throttled', 'Request was not processed because too many requests were received. Reason: A generic throttling reason', {
        'Retry-After': String(this.throttle.retryAfterSeconds)
      });
    }
    if (record.op === 'other') return error(405, 'BadParameter', `${req.method} is not allowed here`);
    if (this.withheld.has(record.op)) {
      return error(
        403,
        'Forbidden',
        `The user, group or application 'appid=${this.clientId};oid=00000000-0000-0000-0000-00000000c0de;iss=${this.url}/${this.tenant}/v2.0' does not have keys ${record.op} permission on key vault 'kv-test;location=westeurope'. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125287`,
        {},
        'AccessDenied'
      );
    }
    const versions = this.keys.get(name) ?? [];
    const key = version ? versions.find((v) => v.version === version) : versions[versions.length - 1];
    if (!key) {
      return error(404, 'KeyNotFound', `A key with (name/id) ${version ? `${name}/${version}` : name} was not found in this key vault. If you recently deleted this key you may be able to recover it using the correct recovery command. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125182`);
    }
    const kid = this.keyId(name, key.version);

    if (record.op === 'get') {
      return json(200, {
        key: { kid, kty: 'RSA', key_ops: KEY_OPS, n: key.jwk.n, e: key.jwk.e },
        attributes: { enabled: key.enabled, created: key.created, updated: key.created, recoveryLevel: 'Recoverable+Purgeable', recoverableDays: 90, exportable: false, ...(key.expires ? { exp: key.expires } : {}) }
      });
    }
    if (!key.enabled) return error(403, 'Forbidden', `Operation ${record.op} is not allowed on a disabled key.`, {}, 'KeyDisabled');
    let parameters: { alg?: string; value?: string };
    try {
      parameters = JSON.parse(body.toString('utf8'));
    } catch {
      return error(400, 'BadParameter', 'The request body is not valid JSON.');
    }
    const padding = PADDING[parameters.alg ?? ''];
    if (!padding || typeof parameters.value !== 'string') return error(400, 'BadParameter', `Invalid algorithm or value: ${parameters.alg}`);
    const value = Buffer.from(parameters.value, 'base64url');
    if (record.op === 'wrapKey') {
      if (key.expires && Date.now() / 1000 >= key.expires) return error(403, 'Forbidden', 'Operation wrapKey is not allowed on an expired key.', {}, 'KeyExpired');
      return json(200, { kid, value: publicEncrypt({ key: key.publicKey, ...padding }, value).toString('base64url') });
    }
    try {
      return json(200, { kid, value: privateDecrypt({ key: key.privateKey, ...padding }, value).toString('base64url') });
    } catch {
      return error(400, 'BadParameter', 'The value could not be unwrapped with this key.');
    }
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
  });
}
