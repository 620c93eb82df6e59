import { createHash } from 'crypto';
import type { Client } from '@microsoft/microsoft-graph-client';
import type { Person } from '../domain/conversation';
import type { FilingReceipt, FilingRequest, FilingTarget } from '../app/ports';
import { personnelFilePath } from '../domain/fileNames';
import { DriveFiles, type DriveFolder, type DriveUploadOptions } from './driveFiles';

/**
 * Where the personnel files are: each leader's own OneDrive, with the personnel folder at its root
 * (e.g. "Personalemapper"), or one SharePoint document library the municipality keeps them in,
 * with a folder per employee at its root.
 */
export type PersonnelDrive = { kind: 'oneDrive'; rootFolder: string } | { kind: 'library'; driveId: string };

export interface GraphFilingOptions extends Omit<DriveUploadOptions, 'place'> {
  /** A client that may write there: the app's own (app-only), or one acting as the owner (delegated, OneDrive only). */
  clientFor(owner: Person): Promise<Client>;
  drive: PersonnelDrive;
}

/**
 * Files a plan into the personnel files through Microsoft Graph, in the folder the app decided for
 * the employee (the request's `folder`): /users/{owner}/drive/root:/{root}/{folder}/{file} in the
 * owner's OneDrive, or /drives/{id}/root:/{folder}/{file} in the personnel archive. It never
 * overwrites and never files twice (see DriveFiles).
 */
export class GraphFilingTarget implements FilingTarget {
  private readonly files: DriveFiles;

  constructor(private readonly options: GraphFilingOptions) {
    this.files = new DriveFiles({ ...options, place: options.drive.kind === 'library' ? 'archive' : 'oneDrive' });
  }

  /** The archive is one set of personnel files for every leader; each OneDrive holds its owner's. */
  filesOf(owner: Person): string {
    const { drive } = this.options;
    return drive.kind === 'library' ? archiveFiles(drive.driveId) : owner.id;
  }

  async file(request: FilingRequest): Promise<FilingReceipt> {
    const { drive } = this.options;
    const { folder, base } = personnelFilePath(drive.kind === 'oneDrive' ? drive.rootFolder : undefined, request.kind, request.date, request.folder, request.employee.name);
    const at: DriveFolder = { root: drive.kind === 'oneDrive' ? `/users/${encodeURIComponent(request.owner.id)}/drive/root:` : `/drives/${encodeURIComponent(drive.driveId)}/root:`, folder };
    const { item, fileName } = await this.files.putNew(await this.options.clientFor(request.owner), at, base, request.pdf);
    return { location: [...folder, fileName].join('/'), fileName, webUrl: item.webUrl };
  }
}

/** The personnel archive's key for its folder choices, shared by every leader who files there: one per library. */
function archiveFiles(driveId: string): string {
  return `archive-${createHash('sha256').update(driveId).digest('hex').slice(0, 16)}`;
}
