import { participant, type DevelopmentConversation } from './conversation';
import { conversationKinds, kinds } from './kinds';
import { cleanText } from './text';

// OneDrive and Windows refuse these characters, names that end in a dot or space, and device names.
const ILLEGAL = /["*:<>?/\\|#%]/g;
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d|desktop\.ini|_vti_)$/i;
const MAX_SEGMENT = 120;

/** Makes one folder or file name safe for OneDrive and disk; nothing can climb out of its folder. */
export function safeSegment(name: string): string {
  let segment = cleanText(name).replace(/\n/g, ' ').replace(ILLEGAL, '-').replace(/\s+/g, ' ');
  segment = segment.replace(/^[\s.]+|[\s.]+$/g, '').slice(0, MAX_SEGMENT).trim();
  if (segment === '' || RESERVED.test(segment)) segment = `_${segment}`;
  return segment;
}

/** "MUS 2026-11-24" — the plan's file name without extension. */
export function planBaseName(kind: string, date: string): string {
  return safeSegment(`${kind} ${date}`);
}

/**
 * Where the personnel files hold an employee's plan: "Personalemapper/Søren Ærø/MUS 2026-11-24 Søren Ærø"
 * in a leader's OneDrive, "Søren Ærø/MUS 2026-11-24 Søren Ærø" in a personnel archive, which has
 * no personnel folder of its own (without extension).
 */
export function personnelFilePath(personnelFolder: string | undefined, kind: string, date: string, employeeFolder: string, employeeName: string): { folder: string[]; base: string } {
  const folder = [...(personnelFolder === undefined ? [] : [safeSegment(personnelFolder)]), safeSegment(employeeFolder)];
  return { folder, base: `${planBaseName(kind, date)} ${safeSegment(employeeName)}` };
}

/**
 * A participant's downloaded copy: the plan's name and whose it is. A group member's copy holds the
 * group's agreements and their own, so it carries their name; every other copy names everyone.
 */
export function copyFileName(c: DevelopmentConversation, readerId: string): string {
  const names = kinds[c.kind].memberAgreements ? [participant(c, readerId)?.name ?? ''] : c.participants.map((p) => p.name);
  return `${planBaseName(c.kind, c.date)} ${safeSegment(names.join(', '))}.pdf`;
}

export const PERSONNEL_FOLDER = 'Personalemapper';

const PLAN_FILE = new RegExp(`^(?:${conversationKinds.join('|')}) \\d{4}-\\d{2}-\\d{2} .+\\.pdf$`);

/** Whether a file in an employee's personnel folder is a plan the app filed ("MUS 2026-11-24 Søren Ærø (2).pdf"), not something else kept there. */
export function isPlanFileName(name: string): boolean {
  return PLAN_FILE.test(name);
}
