import type { GraphExtension, GraphRequest } from './fakeGraph';

export interface FakeUser {
  id: string;
  displayName: string;
  department?: string;
  managerId?: string;
  accountEnabled?: boolean;
  userType?: 'Member' | 'Guest';
}

/** The properties Graph returns for a user without `$select` (v1.0): no department, no manager, no accountEnabled. */
const DEFAULT_PROPERTIES = ['businessPhones', 'displayName', 'givenName', 'jobTitle', 'mail', 'mobilePhone', 'officeLocation', 'preferredLanguage', 'surname', 'userPrincipalName', 'id'];

const denied = { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } };

/**
 * The part of Microsoft Graph the HR overview uses, with Graph's wire format and its limits:
 * - `GET /users` with `$select`, `$expand=manager($select=…)`, `$top` (1–999, else 400; 100 when
 *   absent) and paging through an opaque `$skiptoken` in `@odata.nextLink`, which repeats the
 *   query's options. With `$expand` a page holds at most 100 objects whatever `$top` says, as on
 *   Graph. Without `$select` only the default properties come back (no department), and without
 *   `$expand` no manager. `$count` needs `ConsistencyLevel: eventual`; `$filter` is not served.
 * - `POST /users/{id}/checkMemberGroups` with `{ groupIds }` (at most 20): the ids of the groups the
 *   user is in, transitively through nested groups; 404 for an unknown user.
 * - 403 `Authorization_RequestDenied` for a permission the app was not granted
 *   (`usersForbidden`: User.Read.All, `groupsForbidden`: GroupMember.Read.All), and 429 with
 *   Retry-After on the page asked for in `throttlePage` (once).
 */
export class FakeOrganisation implements GraphExtension {
  readonly users: FakeUser[] = [];
  /** Group id → member ids: users, or groups (nested). */
  readonly groups = new Map<string, string[]>();
  usersForbidden = false;
  groupsForbidden = false;
  /** The page (0-based) of a user listing to answer 429 once. */
  throttlePage?: number;
  /** The pages served, and the page sizes asked for. */
  readonly served: { page: number; size: number; top?: string }[] = [];

  serve(request: GraphRequest, json: (status: number, value: unknown, headers?: Record<string, string>) => void): boolean {
    if (request.method === 'GET' && request.rawPath === '/v1.0/users') {
      this.listUsers(request, json);
      return true;
    }
    const check = /^\/v1\.0\/users\/([^/]+)\/checkMemberGroups$/.exec(request.rawPath);
    if (request.method === 'POST' && check) {
      this.checkMemberGroups(decodeURIComponent(check[1]), request, json);
      return true;
    }
    return false;
  }

  private listUsers({ url, headers, baseUrl }: GraphRequest, json: (status: number, value: unknown, headers?: Record<string, string>) => void): void {
    if (this.usersForbidden) return json(403, denied);
    const q = url.searchParams;
    if (q.has('$filter')) return json(400, { error: { code: 'Request_UnsupportedQuery', message: 'Unsupported query (not served by the fake).' } });
    if (q.has('$count') && headers['consistencylevel'] !== 'eventual') {
      return json(400, { error: { code: 'Request_BadRequest', message: '$count is not currently supported.' } });
    }
    const top = q.get('$top');
    if (top !== null && !(/^\d+$/.test(top) && Number(top) >= 1 && Number(top) <= 999)) {
      return json(400, { error: { code: 'Request_UnsupportedQuery', message: `Invalid page size specified: '${top}'. Must be between 1 and 999 inclusive.` } });
    }
    const expand = q.get('$expand');
    if (expand !== null && !/^manager(\(\$select=[\w,]+\))?$/.test(expand)) return json(400, { error: { code: 'Request_BadRequest', message: `Unsupported $expand: ${expand}` } });
    const size = Math.min(top === null ? 100 : Number(top), expand ? 100 : 999);
    const token = q.get('$skiptoken');
    const offset = token === null ? 0 : Number(Buffer.from(token, 'base64url').toString().replace(/^RFNwdA:/, ''));
    if (!Number.isInteger(offset)) return json(400, { error: { code: 'Directory_ExpiredPageToken', message: 'The specified page token value has expired and can no longer be included in your request.' } });
    const page = offset / size;
    if (this.throttlePage === page) {
      this.throttlePage = undefined;
      return json(429, { error: { code: 'TooManyRequests', message: 'Too many requests.' } }, { 'Retry-After': '1' });
    }
    this.served.push({ page, size, ...(top !== null ? { top } : {}) });
    const selected = q.get('$select')?.split(',') ?? DEFAULT_PROPERTIES;
    const managerFields = expand ? (/\$select=([\w,]+)/.exec(expand)?.[1].split(',') ?? ['id', 'displayName']) : [];
    const byId = new Map(this.users.map((u) => [u.id, u]));
    const value = this.users.slice(offset, offset + size).map((u) => {
      const full: Record<string, unknown> = { accountEnabled: true, userType: 'Member', ...u, department: u.department ?? null, businessPhones: [], givenName: null, jobTitle: null, mail: null, mobilePhone: null, officeLocation: null, preferredLanguage: null, surname: null, userPrincipalName: `${u.id}@kommune.example` };
      const shown: Record<string, unknown> = Object.fromEntries(selected.filter((k) => k in full).map((k) => [k, full[k]]));
      shown.id = u.id;
      const manager = u.managerId ? byId.get(u.managerId) : undefined;
      if (expand && manager) shown.manager = { '@odata.type': '#microsoft.graph.user', ...Object.fromEntries(managerFields.map((k) => [k, (manager as unknown as Record<string, unknown>)[k] ?? null])) };
      return shown;
    });
    const rest = offset + size < this.users.length;
    const nextQuery = new URLSearchParams([...q].filter(([k]) => k !== '$skiptoken'));
    nextQuery.set('$skiptoken', Buffer.from(`RFNwdA:${offset + size}`).toString('base64url'));
    json(200, {
      '@odata.context': `${baseUrl}/v1.0/$metadata#users(${selected.join(',')})`,
      value,
      ...(rest ? { '@odata.nextLink': `${baseUrl}/v1.0/users?${nextQuery.toString().replace(/%24/g, '$').replace(/%2C/g, ',').replace(/%28/g, '(').replace(/%29/g, ')').replace(/%3D/g, '=')}` } : {})
    });
  }

  private checkMemberGroups(userId: string, { body }: GraphRequest, json: (status: number, value: unknown) => void): void {
    if (this.groupsForbidden) return json(403, denied);
    let groupIds: unknown;
    try {
      groupIds = (JSON.parse(body.toString('utf8')) as { groupIds?: unknown }).groupIds;
    } catch {
      return json(400, { error: { code: 'BadRequest', message: 'Unable to read JSON request payload.' } });
    }
    if (!Array.isArray(groupIds) || groupIds.length === 0 || groupIds.length > 20 || !groupIds.every((g) => typeof g === 'string')) {
      return json(400, { error: { code: 'Request_BadRequest', message: 'Invalid value specified for property \'groupIds\'.' } });
    }
    if (!this.users.some((u) => u.id === userId)) {
      return json(404, { error: { code: 'Request_ResourceNotFound', message: `Resource '${userId}' does not exist or one of its queried reference-property objects are not present.` } });
    }
    json(200, { '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#Collection(Edm.String)', value: (groupIds as string[]).filter((g) => this.isMember(userId, g, new Set())) });
  }

  private isMember(memberId: string, groupId: string, seen: Set<string>): boolean {
    if (seen.has(groupId)) return false;
    seen.add(groupId);
    return (this.groups.get(groupId) ?? []).some((m) => m === memberId || (this.groups.has(m) && this.isMember(memberId, m, seen)));
  }
}
