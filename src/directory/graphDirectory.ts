import type { Client } from '@microsoft/microsoft-graph-client';
import { z } from 'zod';
import type { Person } from '../domain/conversation';
import type { Logger } from '../log';
import type { Directory } from '../app/ports';

const page = z.object({
  value: z.array(z.object({ id: z.string(), displayName: z.string().nullable().optional() })),
  '@odata.nextLink': z.string().optional()
});

/**
 * Direct reports from Microsoft Graph (`GET /users/{id}/directReports`, application permission
 * User.Read.All). Without the permission, or while Graph is down, the overview falls back to the
 * people the leader has held conversations with; nothing fails because of it.
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
}
