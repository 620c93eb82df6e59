import { randomUUID } from 'crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http';
import type { AddressInfo } from 'net';
import type { FakeGraph } from './fakeGraph';
import type { TeamsUser } from './fakeConnector';

export interface TokenServiceRequest {
  method: string;
  path: string;
  query: Record<string, string>;
}

/**
 * A fake Bot Framework token service (the Azure Bot's OAuth connections) on 127.0.0.1, in its REST
 * wire format: sign-in resources for the OAuth card, Teams SSO token exchange, the magic code of a
 * manual sign-in, and GetToken for a user who signed in. The Graph tokens it hands out are the
 * user's own: the fake Graph accepts each only for that user's OneDrive.
 */
export class FakeTokenService {
  readonly requests: TokenServiceRequest[] = [];
  /** Users who gave consent already, so Teams' SSO token can be exchanged silently. */
  readonly consented = new Set<string>();
  private readonly tokens = new Map<string, string>();
  private readonly codes = new Map<string, string>();
  private server?: Server;

  constructor(private readonly graph: FakeGraph, private readonly users: TeamsUser[]) {}

  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  /** The SSO token Teams holds for a user and sends in `signin/tokenExchange`. */
  ssoTokenOf(user: TeamsUser): string {
    return `sso:${user.id}`;
  }

  /** The Graph token the service holds for a user, if they signed in. */
  tokenOf(user: TeamsUser): string | undefined {
    return this.tokens.get(user.id);
  }

  /** The user signs in by hand on the sign-in page; the code is what Teams then sends in `signin/verifyState`. */
  manualSignIn(user: TeamsUser): string {
    const code = String(100000 + this.codes.size);
    this.codes.set(code, user.id);
    return code;
  }

  /** The stored sign-in is gone (refresh token expired or revoked, or the user signed out): the user must sign in again. */
  forget(user: TeamsUser): void {
    this.tokens.delete(user.id);
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await new Promise<string>((resolve) => {
      let text = '';
      req.on('data', (c: Buffer) => (text += c.toString()));
      req.on('end', () => resolve(text));
    });
    const url = new URL(req.url ?? '/', 'http://x');
    const query = Object.fromEntries(url.searchParams);
    this.requests.push({ method: req.method ?? '', path: url.pathname, query });
    const json = (status: number, value?: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(value === undefined ? '' : JSON.stringify(value));
    };
    const issued = (userId: string) => {
      const token = this.issue(userId);
      if (!token) return json(404);
      json(200, { channelId: query.channelId, connectionName: query.connectionName, token, expiration: new Date(Date.now() + 3600_000).toISOString() });
    };

    if (req.method === 'GET' && url.pathname === '/api/botsignin/GetSignInResource') {
      const state = JSON.parse(Buffer.from(query.state ?? '', 'base64').toString('utf8') || '{}');
      return json(200, {
        signInLink: `${this.url}/signin?state=${encodeURIComponent(query.state ?? '')}`,
        tokenExchangeResource: { id: randomUUID(), uri: `api://botid-${state.msAppId ?? ''}`, providerId: 'aad-v2' }
      });
    }
    if (req.method === 'GET' && url.pathname === '/api/usertoken/GetToken') {
      if (query.code) {
        if (this.codes.get(query.code) !== query.userId) return json(404);
        this.codes.delete(query.code);
        return issued(query.userId);
      }
      return this.tokens.has(query.userId) ? issued(query.userId) : json(404);
    }
    if (req.method === 'POST' && url.pathname === '/api/usertoken/exchange') {
      const { token } = JSON.parse(body || '{}') as { token?: string };
      // Only the user's own SSO token, and only once they consented; else Teams must show the sign-in button.
      if (token !== `sso:${query.userId}` || !this.consented.has(query.userId)) {
        return json(400, { error: { code: 'ServiceError', message: 'The token exchange failed: consent is required' } });
      }
      return issued(query.userId);
    }
    if (req.method === 'DELETE' && url.pathname === '/api/usertoken/SignOut') {
      this.tokens.delete(query.userId);
      return json(200, {});
    }
    json(404, { error: { code: 'NotFound', message: `not served: ${req.method} ${url.pathname}` } });
  }

  /** A Graph token for the user's own OneDrive; the same one while the sign-in lasts. */
  private issue(userId: string): string | undefined {
    const user = this.users.find((u) => u.id === userId);
    if (!user) return undefined;
    const token = this.tokens.get(userId) ?? `delegated:${userId}:${randomUUID()}`;
    this.tokens.set(userId, token);
    this.graph.delegated.set(token, user.aadObjectId);
    return token;
  }
}
