import type { Client } from '@microsoft/microsoft-graph-client';
import { z } from 'zod';
import type { AppInstaller } from '../app/ports';
import type { Logger } from '../log';
import { graphStatus } from './graphClient';

const installations = z.object({ value: z.array(z.object({ id: z.string() })) });
const chat = z.object({ id: z.string().min(1) });

/** The least-privileged application permission for installing the app for a person and reading that chat. */
export const INSTALL_FOR_USER_PERMISSION = 'TeamsAppInstallation.ReadWriteSelfForUser.All';

/**
 * Installs the app in a person's personal scope through Microsoft Graph
 * (`POST /users/{id}/teamwork/installedApps`, the app's id in the organisation's catalog): Graph
 * answers 201 with no body, or 409 when it is installed already, which is just as good. The
 * installation is then found by the catalog id, and its chat (`…/installedApps/{id}/chat`) is the
 * 1:1 chat the bot writes into. Throttling and outages are retried by the Graph client (429 with
 * its Retry-After, 503, 504); what still fails is logged with the permission it lacks, if that was it.
 */
export class GraphAppInstaller implements AppInstaller {
  constructor(
    private readonly client: Client,
    /** The app's id in the organisation's app catalog (not the manifest's id). */
    private readonly catalogId: string,
    private readonly catalogBaseUrl: string,
    private readonly log: Logger
  ) {}

  async installForPerson(personId: string): Promise<string | undefined> {
    const apps = `/users/${encodeURIComponent(personId)}/teamwork/installedApps`;
    try {
      await installApp(this.client, apps, catalogBinding(this.catalogBaseUrl, this.catalogId));
      const found = installations.parse(
        await this.client.api(apps).query({ $expand: 'teamsApp', $filter: `teamsApp/id eq '${this.catalogId.replace(/'/g, "''")}'` }).get()
      ).value[0];
      if (!found) throw Object.assign(new Error('installed, but not listed'), { statusCode: 404 });
      return chat.parse(await this.client.api(`${apps}/${encodeURIComponent(found.id)}/chat`).get()).id;
    } catch (error) {
      const status = graphStatus(error);
      this.log.warn('app installation failed', { status, ...(status === 401 || status === 403 ? { permission: INSTALL_FOR_USER_PERMISSION } : {}), reason: (error as Error).name });
      return undefined;
    }
  }
}

/** The org catalog's app, as Graph binds an installation to it. */
export const catalogBinding = (graphBaseUrl: string, catalogId: string) => `${graphBaseUrl}/v1.0/appCatalogs/teamsApps/${encodeURIComponent(catalogId)}`;

/** Installs the app into a scope's installedApps (a person's, a chat's): 201, or 409 when it is there already, both fine. */
export async function installApp(client: Client, installedApps: string, binding: string): Promise<void> {
  try {
    await client.api(installedApps).post({ 'teamsApp@odata.bind': binding });
  } catch (error) {
    if (graphStatus(error) !== 409) throw error;
  }
}
