import { ResponseType, type Client } from '@microsoft/microsoft-graph-client';
import { z } from 'zod';
import { FilingError, type FilingPlace } from '../app/ports';
import { graphStatus } from '../graph/graphClient';

export interface DriveItem {
  id: string;
  name: string;
  webUrl?: string;
}

export interface DriveUploadOptions {
  /** Larger files go through an upload session; Graph's simple upload takes up to 250 MB, sessions any size. */
  simpleUploadLimit: number;
  /** Upload-session chunk size: a multiple of 320 KiB, as Graph requires. */
  chunkSize: number;
  timeoutMs: number;
  /** The Graph permission this relies on, named to the leader when Graph refuses. */
  permission: string;
  /** Where the files are, as the leader hears it when Graph refuses. */
  place: FilingPlace;
}

/** A folder in a drive: `/users/{id}/drive/root:` or `/drives/{id}/root:`, and the folder's segments below it. */
export interface DriveFolder {
  root: string;
  folder: string[];
}

const MAX_SAME_NAME = 20;

const children = z.object({
  value: z.array(z.object({ id: z.string(), name: z.string(), file: z.object({}).passthrough().optional() })),
  '@odata.nextLink': z.string().optional()
});

/**
 * Files in a OneDrive or a SharePoint document library through Graph. A file is put in as new: it
 * never overwrites and never lands twice. A name that exists already is accepted when it holds
 * exactly these bytes (an earlier attempt that succeeded unseen), otherwise the next free
 * "name (2).pdf" is used.
 */
export class DriveFiles {
  constructor(private readonly options: DriveUploadOptions) {}

  /** Puts `bytes` into the folder as `<base>.pdf` (or the next free name); the stored item and its name. */
  async putNew(client: Client, at: DriveFolder, base: string, bytes: Buffer): Promise<{ item: DriveItem; fileName: string }> {
    for (let n = 1; n <= MAX_SAME_NAME; n++) {
      const fileName = n === 1 ? `${base}.pdf` : `${base} (${n}).pdf`;
      const item = await this.uploadOnce(client, itemPath(at, fileName), bytes);
      if (item) return { item, fileName };
    }
    throw new FilingError('refused', 409, `more than ${MAX_SAME_NAME} files with the same name`, undefined, this.options.place);
  }

  /** The names of the files in the folder; none when the folder does not exist. */
  async fileNames(client: Client, at: DriveFolder): Promise<string[]> {
    const names: string[] = [];
    try {
      let next: string | undefined = `${at.root}/${at.folder.map(encodeURIComponent).join('/')}:/children?$select=id,name,file&$top=200`;
      while (next) {
        const page = children.parse(await client.api(next).get());
        names.push(...page.value.filter((item) => item.file).map((item) => item.name));
        next = page['@odata.nextLink'];
      }
    } catch (error) {
      if (graphStatus(error) === 404) return [];
      throw this.classify(error);
    }
    return names;
  }

  /** The content of a file in the folder. */
  async read(client: Client, at: DriveFolder, fileName: string): Promise<Buffer> {
    try {
      return Buffer.from(await client.api(`${itemPath(at, fileName)}:/content`).responseType(ResponseType.ARRAYBUFFER).get());
    } catch (error) {
      throw this.classify(error);
    }
  }

  /** The stored item, or undefined when the name is taken by a different file. */
  private async uploadOnce(client: Client, path: string, bytes: Buffer): Promise<DriveItem | undefined> {
    try {
      return bytes.length <= this.options.simpleUploadLimit ? await this.simpleUpload(client, path, bytes) : await this.sessionUpload(client, path, bytes);
    } catch (error) {
      if (graphStatus(error) !== 409) throw this.classify(error);
      return this.sameFile(client, path, bytes);
    }
  }

  private simpleUpload(client: Client, path: string, bytes: Buffer): Promise<DriveItem> {
    // application/pdf, not octet-stream: the retry handler only retries bodies it can send again.
    return client
      .api(`${path}:/content`)
      .query({ '@microsoft.graph.conflictBehavior': 'fail' })
      .header('Content-Type', 'application/pdf')
      .put(bytes);
  }

  private async sessionUpload(client: Client, path: string, bytes: Buffer): Promise<DriveItem> {
    const session = await client
      .api(`${path}:/createUploadSession`)
      .post({ item: { '@microsoft.graph.conflictBehavior': 'fail', fileSize: bytes.length } });
    let response: Response | undefined;
    for (let start = 0; start < bytes.length; start += this.options.chunkSize) {
      const end = Math.min(start + this.options.chunkSize, bytes.length);
      // The upload URL is pre-authorised: Graph documents that it must not get the bearer token.
      response = await fetch(session.uploadUrl, {
        method: 'PUT',
        headers: { 'Content-Length': String(end - start), 'Content-Range': `bytes ${start}-${end - 1}/${bytes.length}` },
        body: new Uint8Array(bytes.subarray(start, end)),
        signal: AbortSignal.timeout(this.options.timeoutMs)
      });
      if (!response.ok) throw Object.assign(new Error(`upload session chunk: ${response.status}`), { statusCode: response.status });
    }
    return (await response!.json()) as DriveItem;
  }

  private async sameFile(client: Client, path: string, bytes: Buffer): Promise<DriveItem | undefined> {
    try {
      const stored: ArrayBuffer = await client.api(`${path}:/content`).responseType(ResponseType.ARRAYBUFFER).get();
      if (!Buffer.from(stored).equals(bytes)) return undefined;
      return await client.api(path).get();
    } catch (error) {
      throw this.classify(error);
    }
  }

  private classify(error: unknown): FilingError {
    const status = graphStatus(error);
    const { permission, place } = this.options;
    const message = `Microsoft Graph: ${status ?? 'no answer'} ${(error as Error).message ?? ''}`.trim();
    if (status === 401 || status === 403) return new FilingError('permission', status, `${message} (needs ${permission})`, permission, place);
    if (status === undefined || status === 408 || status === 429 || status >= 500) return new FilingError('unavailable', status, message, undefined, place);
    return new FilingError('refused', status, message, undefined, place);
  }
}

function itemPath(at: DriveFolder, fileName: string): string {
  return `${at.root}/${[...at.folder, fileName].map(encodeURIComponent).join('/')}`;
}
