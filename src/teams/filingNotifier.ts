import type { FilingNow } from '../app/conversationFlow';
import type { FilingError, FilingNotifier } from '../app/ports';
import type { CardMessage } from '../cards/render';
import { leaderOf, type DevelopmentConversation } from '../domain/conversation';
import { translator, type Translator } from '../i18n/catalog';
import type { Logger } from '../log';
import type { CardDelivery } from './cardDelivery';
import type { DeliveryStore, Placement } from './deliveries';
import type { FilingSignIn } from './filingSignIn';
import type { Outgoing } from './messenger';

/** Why the plan waits, as the leader reads it: with the answer's status, and the permission that is missing. */
export function filingNotice(tr: Translator, failure: FilingError): string {
  return tr.t(`${failure.place === 'archive' ? 'filingArchive' : 'filing'}.${failure.kind}`, { status: failure.status ?? '–', permission: failure.permission ?? '' });
}

/** What the leader reads on the card after a filing attempt. */
export function filingMessage(tr: Translator, outcome: FilingNow): CardMessage {
  if ('filed' in outcome) return { kind: 'info', text: tr.t('finished.nowFiled') };
  if ('inProgress' in outcome) return { kind: 'info', text: tr.t('finished.filingInProgress') };
  return { kind: 'error', text: filingNotice(tr, outcome.waiting) };
}

/** Tells the leader in their 1:1 chat (or the meeting chat) how filing went: a receipt, or why it waits. */
export class TeamsFilingNotifier implements FilingNotifier {
  constructor(
    private readonly cards: CardDelivery,
    private readonly deliveries: DeliveryStore,
    private readonly log: Logger,
    /** Filing as the leader: when they must sign in, they get the sign-in card with the notice. */
    private readonly signIn?: FilingSignIn
  ) {}

  async filed(c: DevelopmentConversation): Promise<void> {
    this.cards.refreshShared(c);
    await this.tell(c, 'filing receipt', (placement) => {
      const tr = translator(placement.locale);
      return this.cards.finishedCardFor(c, leaderOf(c).id, tr, { message: { kind: 'info', text: tr.t('finished.nowFiled') } });
    });
  }

  async failed(c: DevelopmentConversation, failure: FilingError, changed: boolean): Promise<void> {
    if (!changed) return;
    const placement = await this.tell(c, 'filing notice', (where) => filingNotice(translator(where.locale), failure));
    if (failure.kind !== 'signIn' || !this.signIn || !placement) return;
    try {
      await this.signIn.prompt(placement.reference, translator(placement.locale));
    } catch (error) {
      this.log.warn('delivery failed', { what: 'sign-in card', status: (error as { statusCode?: number }).statusCode });
    }
  }

  /** Sends to the leader's 1:1 chat, else the conversation's chat; the placement used, if any. */
  private async tell(c: DevelopmentConversation, what: string, message: (placement: Placement) => Outgoing): Promise<Placement | undefined> {
    const delivery = await this.deliveries.get(c.id);
    const placement = delivery?.personal[leaderOf(c).id] ?? delivery?.home;
    if (placement) await this.cards.send(placement, message(placement), what);
    return placement;
  }
}
