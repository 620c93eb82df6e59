import type { GraphExtension, GraphRequest } from './fakeGraph';

type Json = (status: number, value: unknown, headers?: Record<string, string>) => void;

/** Graph's answer for an application permission the app was not granted, naming the ones that would do. */
const missingRole = (permission: string) => ({
  error: { code: 'Forbidden', message: `Missing role permissions on the request. API requires one of '${permission}'. Roles on the request ''.` }
});

const notFound = (what: string) => ({ error: { code: 'NotFound', message: `${what} not found` } });

/**
 * The part of Microsoft Graph that puts a Teams app where a bot must write, in Graph's wire format:
 * - `POST /users/{id}/teamwork/installedApps` with `teamsApp@odata.bind` to the org catalog:
 *   201 with no body; 409 `Conflict` when the app is installed for them already; 404 for an app
 *   that is not in the catalog or an unknown user; 400 for a body without the binding.
 * - `GET /users/{id}/teamwork/installedApps?$expand=teamsApp&$filter=teamsApp/id eq '…'`: the
 *   installations (the installation id is not the catalog id), and
 *   `GET /users/{id}/teamwork/installedApps/{installationId}/chat`: the 1:1 chat with the app.
 * - 403 naming the application permission when it was not granted (`granted` holds those that are).
 * Installing tells `onInstalled`, so the fake Bot Connector lets the bot write to that person.
 */
export class FakeTeamwork implements GraphExtension {
  /** Application permissions granted to the app (admin consent). */
  readonly granted = new Set(['TeamsAppInstallation.ReadWriteSelfForUser.All']);
  /** Person → catalog ids installed in their personal scope. */
  readonly installedFor = new Map<string, Set<string>>();
  /** Installation requests answered, by outcome. */
  readonly installs: { userId: string; status: number }[] = [];

  constructor(
    /** The apps in the organisation's catalog. */
    readonly catalog: Set<string>,
    /** The people in the tenant (Entra object ids). */
    readonly users: Set<string>,
    /** The 1:1 chat between a person and the app, as Teams names it. */
    private readonly chatIdOf: (userId: string) => string,
    private readonly onInstalled: (userId: string) => void = () => undefined
  ) {}

  serve(request: GraphRequest, json: Json): boolean {
    const { method, rawPath } = request;
    const apps = /^\/v1\.0\/users\/([^/]+)\/teamwork\/installedApps(?:\/([^/]+)(\/chat)?)?$/.exec(rawPath);
    if (!apps) return false;
    const userId = decodeURIComponent(apps[1]);
    if (!this.granted.has('TeamsAppInstallation.ReadWriteSelfForUser.All')) {
      json(403, missingRole('TeamsAppInstallation.ReadWriteSelfForUser.All, TeamsAppInstallation.ReadWriteForUser.All'));
      return true;
    }
    if (!this.users.has(userId)) {
      json(404, notFound(`User ${userId}`));
      return true;
    }
    if (method === 'POST' && !apps[2]) this.install(userId, request, json);
    else if (method === 'GET' && !apps[2]) this.list(userId, request, json);
    else if (method === 'GET' && apps[3]) this.chatOf(userId, decodeURIComponent(apps[2]), request, json);
    else json(405, { error: { code: 'MethodNotAllowed', message: `${method} ${rawPath}` } });
    return true;
  }

  private install(userId: string, { body }: GraphRequest, json: Json): void {
    const bind = parse(body)?.['teamsApp@odata.bind'];
    const catalogId = typeof bind === 'string' ? /\/appCatalogs\/teamsApps\/([^/]+)$/.exec(bind)?.[1] : undefined;
    if (!catalogId) return json(400, { error: { code: 'BadRequest', message: 'teamsApp@odata.bind is required' } });
    const id = decodeURIComponent(catalogId);
    if (!this.catalog.has(id)) return this.answered(userId, 404, json, notFound(`App ${id}`));
    const installed = this.installedFor.get(userId) ?? new Set();
    if (installed.has(id)) return this.answered(userId, 409, json, { error: { code: 'Conflict', message: 'App is already installed.' } });
    installed.add(id);
    this.installedFor.set(userId, installed);
    this.onInstalled(userId);
    this.answered(userId, 201, json, '');
  }

  private answered(userId: string, status: number, json: Json, value: unknown): void {
    this.installs.push({ userId, status });
    json(status, value);
  }

  private list(userId: string, { url, baseUrl }: GraphRequest, json: Json): void {
    const filter = url.searchParams.get('$filter');
    const wanted = filter === null ? undefined : /^teamsApp\/id eq '([^']+)'$/.exec(filter)?.[1];
    if (filter !== null && !wanted) return json(400, { error: { code: 'BadRequest', message: `Unsupported $filter: ${filter}` } });
    const expand = url.searchParams.get('$expand') === 'teamsApp';
    const value = [...(this.installedFor.get(userId) ?? [])]
      .filter((appId) => !wanted || appId === wanted)
      .map((appId) => ({ id: installationId(userId, appId), ...(expand ? { teamsApp: { id: appId, externalId: null, displayName: 'Udviklingssamtale', distributionMethod: 'organization' } } : {}) }));
    json(200, { '@odata.context': `${baseUrl}/v1.0/$metadata#users('${userId}')/teamwork/installedApps`, value });
  }

  private chatOf(userId: string, installation: string, { baseUrl }: GraphRequest, json: Json): void {
    const appId = [...(this.installedFor.get(userId) ?? [])].find((a) => installationId(userId, a) === installation);
    if (!appId) return json(404, notFound(`Installation ${installation}`));
    json(200, {
      '@odata.context': `${baseUrl}/v1.0/$metadata#chats/$entity`,
      id: this.chatIdOf(userId),
      topic: null,
      createdDateTime: '2026-01-01T08:00:00Z',
      lastUpdatedDateTime: '2026-01-01T08:00:00Z',
      chatType: 'oneOnOne',
      webUrl: `https://teams.microsoft.com/l/chat/${encodeURIComponent(this.chatIdOf(userId))}/0`,
      tenantId: 'tenant-albertslund'
    });
  }
}

/** Graph's installation id: base64 of the scope and the app, not the catalog id. */
const installationId = (scopeId: string, appId: string) => Buffer.from(`${scopeId}##${appId}`).toString('base64');

function parse(body: Buffer): Record<string, unknown> | undefined {
  try {
    return JSON.parse(body.toString('utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
