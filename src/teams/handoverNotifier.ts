import type { HandoverAnswer, HandoverNotifier } from '../app/handover';
import { translator } from '../i18n/catalog';
import type { Logger } from '../log';
import type { PersonalChatStore } from './deliveries';
import type { Messenger } from './messenger';
import { handoverText } from './routes/handoverRoutes';

/** Tells the person who asked for a handover, in their 1:1 chat, how it went once it was retried. */
export class TeamsHandoverNotifier implements HandoverNotifier {
  constructor(private readonly personalChats: PersonalChatStore, private readonly messenger: Messenger, private readonly log: Logger) {}

  async tell(personId: string, answer: HandoverAnswer): Promise<void> {
    // They asked in that chat, so it is known; a failed send is logged, and the record keeps what happened.
    const chat = await this.personalChats.get(personId);
    if (!chat) return;
    try {
      await this.messenger.send(chat.reference, handoverText(translator(chat.locale), answer));
    } catch (error) {
      this.log.warn('delivery failed', { what: 'handover notice', status: (error as { statusCode?: number }).statusCode });
    }
  }
}
