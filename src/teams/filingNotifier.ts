import type { FilingNotifier } from '../app/filingService';
import { leaderOf, type DevelopmentConversation } from '../domain/conversation';
import type { FilingError } from '../filing/filingTarget';
import { translator } from '../i18n/catalog';
import type { CardDelivery } from './cardDelivery';
import type { DeliveryStore, Placement } from './deliveries';
import type { Outgoing } from './messenger';

/** Tells the leader in their 1:1 chat (or the meeting chat) how filing went: a receipt, or why it waits. */
export class TeamsFilingNotifier implements FilingNotifier {
  constructor(private readonly cards: CardDelivery, private readonly deliveries: DeliveryStore) {}

  async filed(c: DevelopmentConversation): Promise<void> {
    await this.tell(c, 'filing receipt', (placement) => {
      const tr = translator(placement.locale);
      return this.cards.finishedCardFor(c, leaderOf(c).id, tr, { kind: 'info', text: tr.t('finished.nowFiled') });
    });
  }

  async failed(c: DevelopmentConversation, failure: FilingError, changed: boolean): Promise<void> {
    if (!changed) return;
    await this.tell(c, 'filing notice', (placement) => translator(placement.locale).t(`filing.${failure.kind}`, { status: failure.status ?? '–' }));
  }

  private async tell(c: DevelopmentConversation, what: string, message: (placement: Placement) => Outgoing): Promise<void> {
    const delivery = await this.deliveries.get(c.id);
    const placement = delivery?.personal[leaderOf(c).id] ?? delivery?.home;
    if (placement) await this.cards.send(placement, message(placement), what);
  }
}
