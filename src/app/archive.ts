import { employeesOf, leaderOf, type DevelopmentConversation } from '../domain/conversation';
import { planDocument } from '../domain/plan';
import type { Locale } from '../i18n/catalog';
import type { PersonnelFolders } from './personnelFolders';
import type { FilingReceipt, FilingTarget, PlanRenderer } from './ports';

/** The plan as a PDF; `readerId` picks a GRUS member's own copy. */
export function planPdf(conversation: DevelopmentConversation, renderer: PlanRenderer, locale: Locale, readerId?: string): Promise<Buffer> {
  return renderer.render(planDocument(conversation, readerId, locale), locale, conversation.kind);
}

/**
 * Files the leader's copy: one PDF per employee, in the employee's folder of the leader's
 * personnel files (LUS: the leader's leader's files, the leader's folder; GRUS: each member's
 * folder, with the group's agreements and the member's own). The filed copy is Danish: it is the
 * municipality's record. Each employee's folder is the one `folders` decides for them.
 */
export async function filePlan(conversation: DevelopmentConversation, target: FilingTarget, renderer: PlanRenderer, folders: PersonnelFolders): Promise<FilingReceipt[]> {
  const receipts: FilingReceipt[] = [];
  const owner = leaderOf(conversation);
  for (const employee of employeesOf(conversation)) {
    const pdf = await planPdf(conversation, renderer, 'da', employee.id);
    receipts.push(
      await target.file({
        conversationId: conversation.id,
        kind: conversation.kind,
        date: conversation.date,
        owner,
        employee,
        folder: await folders.folderFor(target.filesOf(owner), employee),
        pdf
      })
    );
  }
  return receipts;
}
