import { createHash } from 'crypto';
import type { Person } from '../domain/conversation';
import { safeSegment } from '../domain/fileNames';
import type { RecordSource, Records } from './ports';
import { recordKinds } from './recordKinds';

/** The folder chosen for one employee in one owner's personnel files. */
export interface ChosenFolder {
  folder: string;
}

/** Which employee a folder name in an owner's personnel files belongs to. */
export interface FolderClaim {
  employeeId: string;
}

export interface PersonnelFolderRecords {
  /** `<files>/<employee id>`: the folder once chosen, kept when the employee's display name changes. */
  chosen: Records<ChosenFolder>;
  /** `<files>/<hash of the folder name>`: created once, so two instances never give one name to two people. */
  claims: Records<FolderClaim>;
}

export function personnelFolderRecords(source: RecordSource): PersonnelFolderRecords {
  return { chosen: source(recordKinds.personnelFolder.prefix), claims: source(recordKinds.personnelFolderName.prefix) };
}

const MAX_SAME_NAME = 50;

/**
 * Decides the employee's folder in a set of personnel files: `files` is a leader's id (their own
 * personnel files) or the personnel archive's key (one set for every leader, so two leaders'
 * "Søren Ærø" never share a folder there). Folders carry the employee's name, as
 * a personnel folder does, but two people never share one: a second "Søren Ærø" in the same
 * leader's files gets "Søren Ærø (2)". The choice is remembered per employee id, so a person keeps
 * their folder when their display name changes. Each name is claimed with a create-only write, so
 * two app instances filing at the same moment agree on who has which folder.
 */
export class PersonnelFolders {
  constructor(private readonly records: PersonnelFolderRecords) {}

  static in(source: RecordSource): PersonnelFolders {
    return new PersonnelFolders(personnelFolderRecords(source));
  }

  /** The folder chosen for the employee there before, if any; nothing is claimed. */
  async chosen(files: string, employeeId: string): Promise<string | undefined> {
    return (await this.records.chosen.get(`${files}/${employeeId}`))?.folder;
  }

  async folderFor(files: string, employee: Person): Promise<string> {
    const key = `${files}/${employee.id}`;
    const chosen = await this.records.chosen.get(key);
    if (chosen) return chosen.folder;
    const name = safeSegment(employee.name);
    for (let n = 1; n <= MAX_SAME_NAME; n++) {
      const folder = n === 1 ? name : `${name} (${n})`;
      const holder = await this.records.claims.update<string>(`${files}/${nameKey(folder)}`, (claim) =>
        claim ? { result: claim.employeeId } : { write: { employeeId: employee.id }, result: employee.id }
      );
      if (holder !== employee.id) continue;
      // Another instance may have chosen for this employee meanwhile: its choice stands.
      return this.records.chosen.update<string>(key, (current) => (current ? { result: current.folder } : { write: { folder }, result: folder }));
    }
    throw new Error(`more than ${MAX_SAME_NAME} people with the same name in one personnel folder`);
  }
}

/** OneDrive's folder names are case-insensitive; the key is a hash, so no name stands in a record key (or a log line naming one). */
function nameKey(folder: string): string {
  return createHash('sha256').update(folder.normalize('NFC').toLocaleLowerCase('da')).digest('hex').slice(0, 32);
}
