import type { ConversationService } from '../app/conversationService';
import type { PlanLinks } from '../app/planLinks';
import type { CardChange, CardPublisher } from '../app/ports';
import type { AdaptiveCardJson, CardMessage } from '../cards/render';
import { finishedCard, keywordCard, noticeCard, preparationCard, sessionCard, type PictureUrl, type ViewOptions } from '../cards/views';
import type { DevelopmentConversation } from '../domain/conversation';
import { translator, type Translator } from '../i18n/catalog';
import type { Logger } from '../log';
import type { Delivery, DeliveryStore, PersonalChatStore, Placement, TeamsOrigin } from './deliveries';
import { inParallel, PARTICIPANT_REQUESTS } from './inParallel';
import type { Messenger, Outgoing } from './messenger';

export interface CardDeliveryDependencies {
  conversations: ConversationService;
  deliveries: DeliveryStore;
  personalChats: PersonalChatStore;
  messenger: Messenger;
  links: PlanLinks;
  /** Where the concepts' picture tiles are served (PUBLIC_URL). */
  pictureUrl: PictureUrl;
  log: Logger;
}

/**
 * Keeps a conversation's cards where people see them: the shared card in the meeting chat,
 * updated in place for everyone, and each participant's own cards in their 1:1 chat.
 */
export class CardDelivery implements CardPublisher<TeamsOrigin> {
  private readonly sharedUpdates = new Map<string, Promise<void>>();
  private readonly recentSessionCards = new Map<string, AdaptiveCardJson>();

  constructor(private readonly deps: CardDeliveryDependencies) {}

  /** The shared card for the conversation's current phase; `unreached` names who picks in the shared chat. */
  homeCard(c: DevelopmentConversation, unreached: string[], tr: Translator, options: ViewOptions = {}): AdaptiveCardJson {
    if (c.phase === 'preparing') return preparationCard(c, unreached.map((id) => c.participants.find((p) => p.id === id)?.name ?? ''), tr, options);
    if (c.phase === 'holding') return this.sessionCardOf(c, tr, options);
    return finishedCard(c, undefined, tr, {});
  }

  /** The shared card as its chat sees it now: before the conversation it names who could not be reached privately. */
  async homeView(c: DevelopmentConversation, tr: Translator, options: ViewOptions = {}): Promise<AdaptiveCardJson> {
    const unreached = c.phase === 'preparing' ? ((await this.deps.deliveries.get(c.id))?.unreached ?? []) : [];
    return this.homeCard(c, unreached, tr, options);
  }

  /**
   * A turn shows the same plain session card twice, to the chat and in the actor's answer; it is
   * rendered once per revision and language (expanding the template is most of a turn's own work).
   */
  private sessionCardOf(c: DevelopmentConversation, tr: Translator, options: ViewOptions): AdaptiveCardJson {
    const plain = !options.message && !options.draft && !options.editingId;
    if (!plain) return sessionCard(c, tr, { ...options, pictureUrl: this.deps.pictureUrl });
    const key = `${c.id}:${c.revision}:${tr.locale}`;
    let card = this.recentSessionCards.get(key);
    if (!card) {
      card = sessionCard(c, tr, { pictureUrl: this.deps.pictureUrl });
      this.recentSessionCards.set(key, card);
      if (this.recentSessionCards.size > 100) this.recentSessionCards.delete(this.recentSessionCards.keys().next().value!);
    }
    return card;
  }

  /** A participant's own keyword card, with the concept's picture tiles. */
  keywordCardFor(c: DevelopmentConversation, personId: string, tr: Translator, options: ViewOptions = {}): AdaptiveCardJson {
    return keywordCard(c, personId, tr, { ...options, pictureUrl: this.deps.pictureUrl });
  }

  /** The finished plan as one participant sees it, with a download link signed for them alone. */
  finishedCardFor(c: DevelopmentConversation, viewerId: string, tr: Translator, message?: CardMessage, waiting = false): AdaptiveCardJson {
    return finishedCard(c, viewerId, tr, {
      downloadUrl: this.deps.links.urlFor({ conversationId: c.id, personId: viewerId }),
      message,
      waiting
    });
  }

  async deliverNew(c: DevelopmentConversation, origin: TeamsOrigin): Promise<{ unreached: string[] }> {
    const delivery = await this.sendKeywordCards(c, origin);
    await Promise.all([this.deps.deliveries.put(c.id, delivery), this.updateShared(c, delivery)]);
    return { unreached: delivery.unreached };
  }

  async publish(c: DevelopmentConversation, change: CardChange): Promise<void> {
    const delivery = await this.delivery(c);
    if (!delivery) return;
    await this.updateShared(c, delivery);
    if (change.personal) await this.updatePersonal(c, delivery, change.revealed);
  }

  async sendCopies(c: DevelopmentConversation): Promise<void> {
    const delivery = await this.delivery(c);
    if (!delivery) return;
    await inParallel(c.participants, PARTICIPANT_REQUESTS, async (person) => {
      const placement = delivery.personal[person.id];
      if (placement) await this.send(placement, this.finishedCardFor(c, person.id, translator(placement.locale)), 'plan copy');
    });
  }

  /**
   * Posts the shared card again as a new message in its chat (Teams lost it, or it is far up the
   * chat) and keeps that one up to date from now on; the old one says where it went. False when
   * it could not be posted.
   */
  async repostHome(c: DevelopmentConversation): Promise<boolean> {
    const delivery = await this.delivery(c);
    if (!delivery) return false;
    const tr = translator(delivery.home.locale);
    const activityId = await this.send(delivery.home, this.homeCard(c, delivery.unreached, tr), 'shared card again');
    if (!activityId) return false;
    await this.deps.deliveries.update(c.id, (current) => (current ? { write: { ...current, home: { ...current.home, activityId } }, result: undefined } : { result: undefined }));
    const old = delivery.home.activityId;
    if (old) await this.attempt('retire shared card', () => this.deps.messenger.update(delivery.home.reference, old, noticeCard(tr, tr.t('conversations.moved'))));
    return true;
  }

  /** Sends a message; a failed delivery is logged and reported as undefined, never thrown. */
  send(placement: Placement, message: Outgoing, what: string): Promise<string | undefined> {
    return this.attempt(what, () => this.deps.messenger.send(placement.reference, message));
  }

  /** Where the conversation's cards are; undefined (and logged) when it cannot be read. */
  private delivery(c: DevelopmentConversation): Promise<Delivery | undefined> {
    return this.attempt('read delivery record', () => this.deps.deliveries.get(c.id));
  }

  /**
   * Updates the shared card for everyone. Updates for one conversation run one after another and
   * each renders the freshest stored state, so two quick actions never leave the card a step behind.
   */
  private updateShared(c: DevelopmentConversation, delivery: Delivery): Promise<unknown> {
    const { home } = delivery;
    if (!home.activityId) return Promise.resolve();
    const update = () =>
      this.attempt('update shared card', async () => {
        const latest = (await this.deps.conversations.get(c.id)) ?? c;
        await this.deps.messenger.update(home.reference, home.activityId!, this.homeCard(latest, delivery.unreached, translator(home.locale)));
      });
    // `attempt` never rejects, so neither does the queue.
    const queued = (this.sharedUpdates.get(c.id) ?? Promise.resolve()).then(update);
    this.sharedUpdates.set(c.id, queued);
    void queued.then(() => {
      if (this.sharedUpdates.get(c.id) === queued) this.sharedUpdates.delete(c.id);
    });
    return queued;
  }

  /** Brings every participant's keyword card up to date; on the reveal, tells them too. */
  private async updatePersonal(c: DevelopmentConversation, delivery: Delivery, revealed: boolean): Promise<void> {
    await inParallel(Object.entries(delivery.personal), PARTICIPANT_REQUESTS, async ([personId, placement]) => {
      const tr = translator(placement.locale, c.kind);
      if (placement.activityId) {
        await this.attempt('update keyword card', () => this.deps.messenger.update(placement.reference, placement.activityId!, this.keywordCardFor(c, personId, tr)));
      }
      if (revealed) await this.send(placement, tr.t('keywords.revealed', { kind: c.kind, date: tr.date(c.date) }), 'reveal');
    });
  }

  /** Sends each participant their keyword card in their 1:1 chat; the origin's Teams ids open chats not yet known. */
  private async sendKeywordCards(c: DevelopmentConversation, { home, teamsIds }: TeamsOrigin): Promise<Delivery> {
    const delivery: Delivery = { home, personal: {}, unreached: [] };
    const placed = await inParallel(c.participants, PARTICIPANT_REQUESTS, async (person) => {
      const placement = await this.personalPlacement(teamsIds[person.id] ?? person.id, person.id, home, c.tenantId);
      const activityId = placement && (await this.send(placement, this.keywordCardFor(c, person.id, translator(placement.locale)), 'keyword card'));
      return placement && activityId ? { ...placement, activityId } : undefined;
    });
    c.participants.forEach((person, i) => {
      const placement = placed[i];
      if (placement) delivery.personal[person.id] = placement;
      else delivery.unreached.push(person.id);
    });
    return delivery;
  }

  private async personalPlacement(teamsId: string, personId: string, home: Placement, tenantId: string | undefined): Promise<Placement | undefined> {
    const known = await this.deps.personalChats.get(personId);
    if (known) return { reference: known.reference, locale: known.locale };
    try {
      const reference = await this.deps.messenger.openPersonalChat(home.reference, tenantId, teamsId);
      // Kept, so the next conversation and the reminders reach the person without opening it again;
      // the locale is corrected when the person writes in the chat.
      await this.deps.personalChats.put(personId, { reference, locale: home.locale });
      return { reference, locale: home.locale };
    } catch (error) {
      this.deps.log.info('personal chat could not be opened', { status: (error as { statusCode?: number }).statusCode });
      return undefined;
    }
  }

  private async attempt<T>(what: string, deliver: () => Promise<T>): Promise<T | undefined> {
    try {
      return await deliver();
    } catch (error) {
      this.deps.log.warn('delivery failed', { what, status: (error as { statusCode?: number }).statusCode });
      return undefined;
    }
  }
}
