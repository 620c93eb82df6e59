import type { FilingNotifier } from '../app/filingService';
import type { PlanLinks } from '../app/planLinks';
import { finishedCard } from '../cards/views';
import { leaderOf, type DevelopmentConversation } from '../domain/conversation';
import type { FilingError } from '../filing/filingTarget';
import { translator } from '../i18n/catalog';
import type { Logger } from '../log';
import type { DeliveryStore, Placement } from './deliveries';
import type { Messenger, Outgoing } from './messenger';

/** Tells the leader in their 1:1 chat (or the meeting chat) how filing went: a receipt, or why it waits. */
export class TeamsFilingNotifier implements FilingNotifier {
  constructor(
    private readonly messenger: Messenger,
    private readonly deliveries: DeliveryStore,
    private readonly links: PlanLinks,
    private readonly log: Logger
  ) {}

  async filed(c: DevelopmentConversation, _receipt: unknown): Promise<void> {
    const leader = leaderOf(c);
    await this.tell(c, (placement) => {
      const tr = translator(placement.locale);
      return finishedCard(c, leader.id, tr, {
        downloadUrl: this.links.urlFor({ conversationId: c.id, personId: leader.id }),
        message: { kind: 'info', text: tr.t('finished.nowFiled') }
      });
    });
  }

  async failed(c: DevelopmentConversation, failure: FilingError, changed: boolean): Promise<void> {
    if (!changed) return;
    await this.tell(c, (placement) => translator(placement.locale).t(`filing.${failure.kind}`, { status: failure.status ?? '–' }));
  }

  private async tell(c: DevelopmentConversation, message: (placement: Placement) => Outgoing): Promise<void> {
    const delivery = await this.deliveries.get(c.id);
    const placement = delivery?.personal[leaderOf(c).id] ?? delivery?.home;
    if (!placement) return;
    try {
      await this.messenger.send(placement.reference, message(placement));
    } catch (error) {
      this.log.warn('delivery failed', { what: 'filing notice', status: (error as { statusCode?: number }).statusCode });
    }
  }
}
