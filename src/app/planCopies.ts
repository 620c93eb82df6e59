import { copyFileName } from '../domain/fileNames';
import { mayDownloadCopy } from '../domain/plan';
import type { Locale } from '../i18n/catalog';
import { planPdf } from './archive';
import type { ConversationService } from './conversationService';
import type { PlanLinks } from './planLinks';
import type { PlanRenderer } from './ports';

export interface PlanCopy {
  pdf: Buffer;
  fileName: string;
}

/**
 * A participant's own copy of a finished plan, through the link signed for them: a GRUS member's
 * copy holds the group's agreements and their own, the leader's the whole plan.
 */
export class PlanCopies {
  constructor(private readonly deps: { conversations: ConversationService; links: PlanLinks; renderer: PlanRenderer }) {}

  /** Undefined when the link is not valid, or its person may not have this copy. */
  async copy(conversationId: string, link: Record<string, unknown>, locale: Locale): Promise<PlanCopy | undefined> {
    const signed = this.deps.links.verify(conversationId, link);
    const conversation = signed && (await this.deps.conversations.get(signed.conversationId));
    if (!signed || !conversation || !mayDownloadCopy(conversation, signed.personId).ok) return undefined;
    return {
      pdf: await planPdf(conversation, this.deps.renderer, locale, signed.personId),
      fileName: copyFileName(conversation, signed.personId)
    };
  }
}
