import { randomUUID } from 'crypto';
import { readFileSync } from 'fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'http';
import { createServer as createHttpsServer } from 'https';
import type { AddressInfo } from 'net';

export interface GraphRequestRecord {
  method: string;
  /** The path exactly as it arrived, still percent-encoded. */
  rawPath: string;
  query: Record<string, string>;
  authorization?: string;
  body: Buffer;
}

export type Fault = '429' | '503' | '401' | '403' | 'hang';

/** An authenticated request to Graph, for an extension to serve. */
export interface GraphRequest {
  method: string;
  rawPath: string;
  url: URL;
  headers: IncomingMessage['headers'];
  body: Buffer;
  /** The fake's own address, for `@odata.nextLink`s. */
  baseUrl: string;
}

/** Serves the requests it knows (true), answering with `json`; leaves the rest (false). */
export interface GraphExtension {
  serve(request: GraphRequest, json: (status: number, value: unknown, headers?: Record<string, string>) => void): boolean;
}

interface StoredFile {
  item: { id: string; name: string; size: number; webUrl: string; file: { mimeType: string } };
  bytes: Buffer;
}

// A user's OneDrive (/users/{id}/drive) or a document library (/drives/{id}), by path below its root.
const DRIVE_PATH = /^\/v1\.0\/(?:users\/([^/]+)\/drive|drives\/([^/]+))\/root:\/(.+?)(:\/content|:\/createUploadSession|:\/children)?$/;

/**
 * A fake Microsoft Graph (and the Entra ID token endpoints MSAL calls) on 127.0.0.1, speaking
 * Graph's wire format for OneDrive and document-library uploads: simple upload, upload sessions,
 * conflict behaviour, driveItems, folder listings and content. It records every request and can be
 * told to fail the next ones.
 */
export class FakeGraph {
  readonly requests: GraphRequestRecord[] = [];
  /** Files by owner and decoded path, e.g. "aad-lene/Personalemapper/Søren Ærø/MUS ….pdf", or "drives/{id}/Søren Ærø/MUS ….pdf" in a library. */
  readonly files = new Map<string, StoredFile>();
  private readonly faults: Fault[] = [];
  private persistent?: { fault: Fault; only?: RegExp };
  private readonly sessions = new Map<string, { key: string; name: string; chunks: Buffer[] }>();
  private server?: Server;
  private readonly hanging: ServerResponse[] = [];
  /** Who reports to whom (leader's id → users), for `/users/{id}/directReports` and `/users/{id}/manager`. */
  readonly directReports = new Map<string, { id: string; displayName: string }[]>();
  /** Leaders' display names, for `/users/{id}/manager`. */
  readonly displayNames = new Map<string, string>();
  /** Delegated tokens (from the fake token service) and whose they are: each writes only its user's own OneDrive. */
  readonly delegated = new Map<string, string>();
  /**
   * Document libraries by drive id, and whether the app was granted its site (Sites.Selected with
   * the write role): a library not granted answers 403, as Graph does; one not listed, 404.
   */
  readonly libraries = new Map<string, boolean>();
  /** Answer directory requests 403, as Graph does without User.Read.All. */
  directoryForbidden = false;
  /** More of Graph, each in a file of its own (`fakeGraphOrganisation.ts`): the first to answer a request serves it. */
  readonly extensions: GraphExtension[] = [];

  constructor(private readonly tls?: { key: string; cert: string }) {}

  get url(): string {
    return `${this.tls ? 'https' : 'http'}://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  /** The next requests to Graph fail like this, one fault each. */
  failNext(...faults: Fault[]): void {
    this.faults.push(...faults);
  }

  /** Every request to Graph (or those whose path matches `only`) fails like this until `recover()`. */
  failAlways(fault: Fault, only?: RegExp): void {
    this.persistent = { fault, only };
  }

  recover(): void {
    this.persistent = undefined;
    this.faults.length = 0;
  }

  /** Requests held without an answer ('hang'), as a Graph that stopped answering. */
  get hung(): number {
    return this.hanging.length;
  }

  /** The uploads of file content that Graph accepted or refused (not reads). */
  uploads(): GraphRequestRecord[] {
    return this.requests.filter((r) => (r.method === 'PUT' && r.rawPath.endsWith(':/content')) || r.rawPath.endsWith(':/createUploadSession'));
  }

  async start(): Promise<void> {
    const handler = (req: IncomingMessage, res: ServerResponse) => void this.handle(req, res);
    this.server = this.tls ? createHttpsServer(this.tls, handler) : createHttpServer(handler);
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server?.closeAllConnections?.();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://x');
    const rawPath = (req.url ?? '/').split('?')[0];
    const json = (status: number, value: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
      res.end(JSON.stringify(value));
    };

    // Entra ID, as MSAL asks it: instance discovery, OpenID configuration, client-credentials token.
    if (rawPath === '/common/discovery/instance') {
      return json(200, { tenant_discovery_endpoint: `${this.url}/tenant/v2.0/.well-known/openid-configuration`, 'api-version': '1.1', metadata: [{ preferred_network: '127.0.0.1', preferred_cache: '127.0.0.1', aliases: ['127.0.0.1'] }] });
    }
    const wellKnown = /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/.exec(rawPath);
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
    if (req.method === 'POST' && /^\/[^/]+\/oauth2\/v2\.0\/token$/.test(rawPath)) {
      return json(200, { token_type: 'Bearer', expires_in: 3600, ext_expires_in: 3600, access_token: 'fake-graph-token' });
    }

    const uploadSession = /^\/upload\/([^/]+)$/.exec(rawPath);
    if (!uploadSession) {
      this.requests.push({ method: req.method ?? '', rawPath, query: Object.fromEntries(url.searchParams), authorization: req.headers.authorization, body });
    }
    const fault = this.faults.shift() ?? (this.persistent && (this.persistent.only?.test(rawPath) ?? true) ? this.persistent.fault : undefined);
    if (fault && !uploadSession) {
      if (fault === 'hang') return void this.hanging.push(res);
      if (fault === '429') return json(429, { error: { code: 'TooManyRequests', message: 'Throttled' } }, { 'Retry-After': '1' });
      if (fault === '503') return json(503, { error: { code: 'serviceNotAvailable', message: 'Service unavailable' } });
      return json(Number(fault), { error: { code: fault === '401' ? 'InvalidAuthenticationToken' : 'accessDenied', message: 'Access denied' } });
    }

    if (uploadSession) {
      this.requests.push({ method: req.method ?? '', rawPath, query: {}, authorization: req.headers.authorization, body });
      const session = this.sessions.get(uploadSession[1]);
      if (!session) return json(404, { error: { code: 'itemNotFound', message: 'no session' } });
      const range = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(String(req.headers['content-range']));
      if (!range || Number(range[1]) !== Buffer.concat(session.chunks).length) return json(416, { error: { code: 'invalidRange', message: 'bad Content-Range' } });
      session.chunks.push(body);
      const received = Buffer.concat(session.chunks);
      if (received.length < Number(range[3])) return json(202, { nextExpectedRanges: [`${received.length}-`] });
      if (this.files.has(session.key)) return json(409, { error: { code: 'nameAlreadyExists', message: 'exists' } });
      return json(201, this.store(session.key, session.name, received));
    }

    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
    const delegatedUser = this.delegated.get(bearer);
    if (bearer !== 'fake-graph-token' && !delegatedUser) return json(401, { error: { code: 'InvalidAuthenticationToken', message: 'no token' } });
    if (this.extensions.some((extension) => extension.serve({ method: req.method ?? '', rawPath, url, headers: req.headers, body, baseUrl: this.url }, json))) return;
    const reports = /^\/v1\.0\/users\/([^/]+)\/directReports\/microsoft\.graph\.user$/.exec(rawPath);
    if (req.method === 'GET' && reports) {
      if (this.directoryForbidden) return json(403, { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } });
      // Two users a page, so paging through @odata.nextLink is exercised.
      const all = this.directReports.get(decodeURIComponent(reports[1])) ?? [];
      const skip = Number(url.searchParams.get('$skiptoken') ?? 0);
      const next = skip + 2 < all.length ? { '@odata.nextLink': `${this.url}${rawPath}?$select=id,displayName&$skiptoken=${skip + 2}` } : {};
      return json(200, { '@odata.context': `${this.url}/v1.0/$metadata#users(id,displayName)`, value: all.slice(skip, skip + 2), ...next });
    }
    const manager = /^\/v1\.0\/users\/([^/]+)\/manager$/.exec(rawPath);
    if (req.method === 'GET' && manager) {
      if (this.directoryForbidden) return json(403, { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } });
      const id = decodeURIComponent(manager[1]);
      const leader = [...this.directReports].find(([, people]) => people.some((p) => p.id === id));
      if (!leader) return json(404, { error: { code: 'Request_ResourceNotFound', message: `Resource 'manager' does not exist or one of its queried reference-property objects are not present.` } });
      return json(200, { '@odata.type': '#microsoft.graph.user', id: leader[0], displayName: this.displayNames.get(leader[0]) ?? leader[0] });
    }
    const drive = DRIVE_PATH.exec(rawPath);
    if (!drive) return json(400, { error: { code: 'invalidRequest', message: `not served: ${req.method} ${rawPath}` } });
    const [, userId, driveId, itemPath, operation] = drive;
    if (driveId !== undefined) {
      const granted = this.libraries.get(decodeURIComponent(driveId));
      if (granted === undefined) return json(404, { error: { code: 'itemNotFound', message: 'The provided drive id appears to be malformed, or does not represent a valid drive.' } });
      if (!granted || delegatedUser) return json(403, { error: { code: 'accessDenied', message: 'Either scp or roles claim need to be present in the token.' } });
    } else if (delegatedUser && decodeURIComponent(userId) !== delegatedUser) return json(403, { error: { code: 'accessDenied', message: 'Access denied' } });
    const segments = itemPath.split('/').map(decodeURIComponent);
    const key = [driveId !== undefined ? `drives/${decodeURIComponent(driveId)}` : decodeURIComponent(userId), ...segments].join('/');
    const name = segments[segments.length - 1];
    const existing = this.files.get(key);

    if (req.method === 'GET' && operation === ':/children') {
      // Two items a page, so paging through @odata.nextLink is exercised.
      const inFolder = [...this.files].filter(([k]) => k.startsWith(`${key}/`) && !k.slice(key.length + 1).includes('/')).map(([, f]) => f.item);
      if (inFolder.length === 0) return json(404, { error: { code: 'itemNotFound', message: 'The resource could not be found.' } });
      const skip = Number(url.searchParams.get('$skiptoken') ?? 0);
      const next = skip + 2 < inFolder.length ? { '@odata.nextLink': `${this.url}${rawPath}?$skiptoken=${skip + 2}` } : {};
      return json(200, { value: inFolder.slice(skip, skip + 2), ...next });
    }
    if (req.method === 'PUT' && operation === ':/content') {
      if (existing && url.searchParams.get('@microsoft.graph.conflictBehavior') === 'fail') {
        return json(409, { error: { code: 'nameAlreadyExists', message: 'The specified item name already exists.' } });
      }
      return json(existing ? 200 : 201, this.store(key, name, body));
    }
    if (req.method === 'POST' && operation === ':/createUploadSession') {
      const id = randomUUID();
      this.sessions.set(id, { key, name, chunks: [] });
      return json(200, { uploadUrl: `${this.url}/upload/${id}`, expirationDateTime: new Date(Date.now() + 3600_000).toISOString() });
    }
    if (req.method === 'GET' && operation === ':/content') {
      if (!existing) return json(404, { error: { code: 'itemNotFound', message: 'not found' } });
      res.writeHead(200, { 'Content-Type': 'application/pdf' });
      return void res.end(existing.bytes);
    }
    if (req.method === 'GET' && !operation) return existing ? json(200, existing.item) : json(404, { error: { code: 'itemNotFound', message: 'not found' } });
    json(400, { error: { code: 'invalidRequest', message: `not served: ${req.method} ${rawPath}` } });
  }

  private store(key: string, name: string, bytes: Buffer) {
    const webUrl = key.startsWith('drives/') ? `https://kommune.sharepoint.example/sites/personale/${encodeURIComponent(key)}` : `https://kommune-my.sharepoint.example/personal/${encodeURIComponent(key)}`;
    const item = { id: randomUUID(), name, size: bytes.length, webUrl, file: { mimeType: 'application/pdf' } };
    this.files.set(key, { item, bytes });
    return item;
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

/** The test certificate for 127.0.0.1 that `npm test` makes and tells Node to trust. */
export function testTls(): { key: string; cert: string } {
  const folder = process.env.TEST_TLS_DIR;
  if (!folder) throw new Error('TEST_TLS_DIR is not set: run the tests with `npm test`, which makes and trusts a certificate for 127.0.0.1');
  return { key: readFileSync(`${folder}/key.pem`, 'utf8'), cert: readFileSync(`${folder}/cert.pem`, 'utf8') };
}

/** The app's settings for filing through Microsoft Graph with its own client secret, against this fake. */
export function graphFilingEnv(graph: FakeGraph, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    FILING_TARGET: 'graph',
    GRAPH_BASE_URL: graph.url,
    AZURE_AUTHORITY_HOST: graph.url,
    AZURE_DISABLE_INSTANCE_DISCOVERY: 'true',
    GRAPH_TENANT_ID: 'tenant-albertslund',
    GRAPH_CLIENT_ID: '6f1c1c9e-3333-4000-8000-000000000003',
    GRAPH_CLIENT_SECRET: 'test-secret',
    OUTBOX_INTERVAL_MS: '200',
    NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS ?? '',
    ...overrides
  };
}
