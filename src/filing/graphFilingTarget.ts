import { ResponseType, type Client } from '@microsoft/microsoft-graph-client';
import { graphStatus } from '../graph/graphClient';
import type { Person } from '../domain/conversation';
import { FilingError, type FilingReceipt, type FilingRequest, type FilingTarget } from '../app/ports';
import { personnelFilePath } from '../domain/fileNames';

export interface GraphFilingOptions {
  /** A client that may write into this owner's OneDrive: the app's own (app-only), or one acting as the owner (delegated). */
  clientFor(owner: Person): Promise<Client>;
  /** The personnel folder at the root of each leader's OneDrive, e.g. "Personalemapper". */
  rootFolder: string;
  /** Larger files go through an upload session; Graph's simple upload takes up to 250 MB, sessions any size. */
  simpleUploadLimit: number;
  /** Upload-session chunk size: a multiple of 320 KiB, as Graph requires. */
  chunkSize: number;
  timeoutMs: number;
  /** The Graph permission filing relies on, named to the leader when Graph refuses: Files.ReadWrite.All app-only, Files.ReadWrite delegated. */
  permission: string;
}

interface DriveItem {
  id: string;
  name: string;
  webUrl?: string;
}

const MAX_SAME_NAME = 20;

/**
 * Files a plan into the owner's OneDrive: /users/{owner}/drive/root:/{root}/{employee's folder}/{file},
 * in the folder the app decided for the employee (the request's `folder`).
 * It never overwrites and never files twice: a name that exists already is accepted when it holds
 * exactly these bytes (an earlier attempt that succeeded unseen), otherwise the next free
 * "name (2).pdf" is used.
 */
export class GraphFilingTarget implements FilingTarget {
  constructor(private readonly options: GraphFilingOptions) {}

  async file(request: FilingRequest): Promise<FilingReceipt> {
    const { folder, base } = personnelFilePath(this.options.rootFolder, request.kind, request.date, request.folder, request.employee.name);
    const client = await this.options.clientFor(request.owner);
    for (let n = 1; n <= MAX_SAME_NAME; n++) {
      const fileName = n === 1 ? `${base}.pdf` : `${base} (${n}).pdf`;
      const itemPath = `/users/${encodeURIComponent(request.owner.id)}/drive/root:/${[...folder, fileName].map(encodeURIComponent).join('/')}`;
      const item = await this.uploadOnce(client, itemPath, request.pdf);
      if (item) return { location: [...folder, fileName].join('/'), fileName, webUrl: item.webUrl };
    }
    throw new FilingError('refused', 409, `more than ${MAX_SAME_NAME} plans with the same name`);
  }

  /** The stored item, or undefined when the name is taken by a different file. */
  private async uploadOnce(client: Client, itemPath: string, pdf: Buffer): Promise<DriveItem | undefined> {
    try {
      return pdf.length <= this.options.simpleUploadLimit ? await this.simpleUpload(client, itemPath, pdf) : await this.sessionUpload(client, itemPath, pdf);
    } catch (error) {
      if (graphStatus(error) !== 409) throw classify(error, this.options.permission);
      return this.sameFile(client, itemPath, pdf);
    }
  }

  private simpleUpload(client: Client, itemPath: string, pdf: Buffer): Promise<DriveItem> {
    // application/pdf, not octet-stream: the retry handler only retries bodies it can send again.
    return client
      .api(`${itemPath}:/content`)
      .query({ '@microsoft.graph.conflictBehavior': 'fail' })
      .header('Content-Type', 'application/pdf')
      .put(pdf);
  }

  private async sessionUpload(client: Client, itemPath: string, pdf: Buffer): Promise<DriveItem> {
    const session = await client
      .api(`${itemPath}:/createUploadSession`)
      .post({ item: { '@microsoft.graph.conflictBehavior': 'fail', fileSize: pdf.length } });
    let response: Response | undefined;
    for (let start = 0; start < pdf.length; start += this.options.chunkSize) {
      const end = Math.min(start + this.options.chunkSize, pdf.length);
      // The upload URL is pre-authorised: Graph documents that it must not get the bearer token.
      response = await fetch(session.uploadUrl, {
        method: 'PUT',
        headers: { 'Content-Length': String(end - start), 'Content-Range': `bytes ${start}-${end - 1}/${pdf.length}` },
        body: new Uint8Array(pdf.subarray(start, end)),
        signal: AbortSignal.timeout(this.options.timeoutMs)
      });
      if (!response.ok) throw Object.assign(new Error(`upload session chunk: ${response.status}`), { statusCode: response.status });
    }
    return (await response!.json()) as DriveItem;
  }

  private async sameFile(client: Client, itemPath: string, pdf: Buffer): Promise<DriveItem | undefined> {
    try {
      const stored: ArrayBuffer = await client.api(`${itemPath}:/content`).responseType(ResponseType.ARRAYBUFFER).get();
      if (!Buffer.from(stored).equals(pdf)) return undefined;
      return await client.api(itemPath).get();
    } catch (error) {
      throw classify(error, this.options.permission);
    }
  }
}

function classify(error: unknown, permission: string): FilingError {
  const status = graphStatus(error);
  const message = `Microsoft Graph: ${status ?? 'no answer'} ${(error as Error).message ?? ''}`.trim();
  if (status === 401 || status === 403) return new FilingError('permission', status, `${message} (needs ${permission})`, permission);
  if (status === undefined || status === 408 || status === 429 || status >= 500) return new FilingError('unavailable', status, message);
  return new FilingError('refused', status, message);
}
