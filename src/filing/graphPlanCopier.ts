import type { Client } from '@microsoft/microsoft-graph-client';
import type { PersonnelFolderRef, PlanCopier } from '../app/ports';
import { isPlanFileName, safeSegment } from '../domain/fileNames';
import { DriveFiles, type DriveFolder, type DriveUploadOptions } from './driveFiles';

export interface GraphPlanCopierOptions extends Omit<DriveUploadOptions, 'place'> {
  /** The app's own client (app-only, Files.ReadWrite.All): it reads one leader's OneDrive and writes another's. */
  client: Client;
  /** The personnel folder at the root of each leader's OneDrive. */
  rootFolder: string;
}

/**
 * Copies filed plans from one leader's OneDrive to another's, by download and upload: Graph's own
 * copy between drives runs asynchronously behind a monitor URL and cannot tell an earlier copy of
 * the same bytes from a different file, while an upload with conflictBehavior=fail can (DriveFiles).
 */
export class GraphPlanCopier implements PlanCopier {
  private readonly files: DriveFiles;

  constructor(private readonly options: GraphPlanCopierOptions) {
    this.files = new DriveFiles({ ...options, place: 'oneDrive' });
  }

  async plansIn(at: PersonnelFolderRef): Promise<string[]> {
    return (await this.files.fileNames(this.options.client, this.folder(at))).filter(isPlanFileName).sort();
  }

  async copy(from: PersonnelFolderRef, fileName: string, to: PersonnelFolderRef): Promise<string> {
    const bytes = await this.files.read(this.options.client, this.folder(from), fileName);
    const { fileName: landed } = await this.files.putNew(this.options.client, this.folder(to), fileName.replace(/\.pdf$/, ''), bytes);
    return landed;
  }

  private folder(at: PersonnelFolderRef): DriveFolder {
    return { root: `/users/${encodeURIComponent(at.ownerId)}/drive/root:`, folder: [safeSegment(this.options.rootFolder), safeSegment(at.folder)] };
  }
}
