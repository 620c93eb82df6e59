import type { Client } from '@microsoft/microsoft-graph-client';
import { z } from 'zod';
import type { Person } from '../domain/conversation';
import type { Logger } from '../log';
import type { Directory } from '../app/ports';

const person = z.object({ id: z.string(), displayName: z.string().nullable().optional() });
const page = z.object({
  value: z.array(person),
  '@odata.nextLink': z.string().optional()
});

/**
 * Direct reports and managers from Microsoft Graph (`GET /users/{id}/directReports`,
 * `/users/{id}/manager`, application permission User.Read.All). Without the permission, or while
 * Graph is down, the overview falls back to the people the leader has held conversations with
 * (and warns of no handover); nothing fails because of it.
 */
export class GraphDirectory implements Directory {
  constructor(private readonly client: Client, private readonly log: Logger) {}

  async directReports(leaderId: string): Promise<Person[] | undefined> {
    const people: Person[] = [];
    try {
      let next: string | undefined = `/users/${encodeURIComponent(leaderId)}/directReports/microsoft.graph.user?$select=id,displayName&$top=100`;
      while (next) {
        const parsed = page.parse(await this.client.api(next).get());
        people.push(...parsed.value.map((u) => ({ id: u.id, name: u.displayName ?? '' })));
        next = parsed['@odata.nextLink'];
      }
    } catch (error) {
      this.log.warn('direct reports unavailable', { status: (error as { statusCode?: number }).statusCode, reason: (error as Error).name });
      return undefined;
    }
    return people;
  }

  /** `GET /users/{id}/manager` (User.Read.All): Graph answers 404 for a person without a manager. */
  async managerOf(personId: string): Promise<Person | null | undefined> {
    try {
      const manager = person.parse(await this.client.api(`/users/${encodeURIComponent(personId)}/manager`).select('id,displayName').get());
      return { id: manager.id, name: manager.displayName ?? '' };
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode;
      if (status === 404) return null;
      this.log.warn('manager unavailable', { status, reason: (error as Error).name });
      return undefined;
    }
  }
}
