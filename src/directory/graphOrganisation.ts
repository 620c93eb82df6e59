import type { Client } from '@microsoft/microsoft-graph-client';
import { z } from 'zod';
import { DirectoryError, type HrMembership, type Organisation } from '../app/ports';
import type { OrganisationMember } from '../domain/organisation';
import type { Logger } from '../log';

/**
 * The organisation from Microsoft Graph (application permission User.Read.All):
 * `GET /users?$select=id,displayName,department,accountEnabled,userType&$expand=manager($select=id)&$top=999`,
 * following `@odata.nextLink` to the last page.
 *
 * Why this query: one listing gives every user's department and manager, so the units (by
 * department or by the manager chain) cost a number of requests that grows with the organisation
 * only, not one request per leader (`/users/{id}/directReports`, 500 leaders: 500+ requests) or per
 * person (`/users/{id}/manager`). Graph returns at most 100 objects a page when `$expand` is used on
 * directory objects, whatever `$top` says (a documented known issue; `$top` alone goes to 999), so
 * 10,000 people are 100 pages. No `$filter` and no `$count`: those would make it an advanced query
 * (`ConsistencyLevel: eventual`), which does not support `$expand=manager`; disabled accounts and
 * guests are left out here instead. 429 and 503 are retried by the client honouring Retry-After.
 *
 * The snapshot is kept for `maxAgeMs` so drilling down through the units does not read the whole
 * directory again on every click; concurrent requests share one read.
 */
const usersPage = z.object({
  value: z.array(z.object({
    id: z.string(),
    displayName: z.string().nullable().optional(),
    department: z.string().nullable().optional(),
    accountEnabled: z.boolean().nullable().optional(),
    userType: z.string().nullable().optional(),
    manager: z.object({ id: z.string() }).nullable().optional()
  })),
  '@odata.nextLink': z.string().optional()
});

export const USERS_QUERY = '/users?$select=id,displayName,department,accountEnabled,userType&$expand=manager($select=id)&$top=999';

export class GraphOrganisation implements Organisation {
  private snapshot?: { members: Promise<OrganisationMember[]>; at: number };

  constructor(private readonly client: Client, private readonly log: Logger, private readonly options: { maxAgeMs: number; now: () => Date }) {}

  members(): Promise<OrganisationMember[]> {
    const now = this.options.now().getTime();
    if (!this.snapshot || now - this.snapshot.at > this.options.maxAgeMs) {
      const members = this.read();
      this.snapshot = { members, at: now };
      // A failed read is not kept: the next request asks again.
      members.catch(() => this.snapshot?.members === members && (this.snapshot = undefined));
    }
    return this.snapshot.members;
  }

  private async read(): Promise<OrganisationMember[]> {
    const members: OrganisationMember[] = [];
    let pages = 0;
    try {
      for (let next: string | undefined = USERS_QUERY; next; pages++) {
        const page = usersPage.parse(await this.client.api(next).get());
        for (const u of page.value) {
          if (u.accountEnabled === false || u.userType === 'Guest') continue;
          members.push({
            id: u.id,
            name: u.displayName ?? '',
            ...(u.department?.trim() ? { department: u.department.trim() } : {}),
            ...(u.manager?.id ? { managerId: u.manager.id } : {})
          });
        }
        next = page['@odata.nextLink'];
      }
    } catch (error) {
      throw directoryError(error, 'User.Read.All', this.log, 'organisation');
    }
    this.log.info('organisation read', { members: members.length, pages });
    return members;
  }
}

const memberGroups = z.object({ value: z.array(z.string()) });

/**
 * HR group membership from Microsoft Graph: `POST /users/{id}/checkMemberGroups` with
 * `{ "groupIds": [HR_GROUP_ID] }`, answered `{ "value": [the ids of those the user is in] }`
 * (application permissions User.Read.All and GroupMember.Read.All).
 *
 * Why checkMemberGroups and not `GET /users/{id}/transitiveMemberOf/microsoft.graph.group`: it
 * answers exactly the question, transitively (members of a nested group count), in one request;
 * transitiveMemberOf lists every group the person is in, a page at a time, to find one.
 */
export class GraphHrMembership implements HrMembership {
  constructor(private readonly client: Client, private readonly groupId: string, private readonly log: Logger) {}

  async isHr(personId: string): Promise<boolean> {
    if (!personId) return false;
    try {
      const answer = memberGroups.parse(await this.client.api(`/users/${encodeURIComponent(personId)}/checkMemberGroups`).post({ groupIds: [this.groupId] }));
      return answer.value.includes(this.groupId);
    } catch (error) {
      // A person the directory does not know is no member.
      if ((error as { statusCode?: number }).statusCode === 404) return false;
      throw directoryError(error, 'GroupMember.Read.All', this.log, 'hr membership');
    }
  }
}

/** A Graph failure as the app hears it: a 401/403 names the permission the request needs. */
function directoryError(error: unknown, permission: string, log: Logger, what: string): DirectoryError {
  const status = (error as { statusCode?: number }).statusCode;
  const denied = status === 401 || status === 403;
  log.warn(`${what} unavailable`, { status, reason: (error as Error).name, ...(denied ? { permission } : {}) });
  return denied
    ? new DirectoryError('permission', status, `${what}: ${permission} is missing`, permission)
    : new DirectoryError('unavailable', status, `${what}: ${(error as Error).message}`);
}
