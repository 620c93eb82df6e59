import type { ConversationService } from '../app/conversationService';
import type { PlanLinks } from '../app/planLinks';
import { meetingWhen } from '../app/bookingService';
import type { AppInstaller, BookingNotice, CardPublisher, MeetingChatPublisher, Records } from '../app/ports';
import { utf16Bytes } from '../cards/budget';
import type { AdaptiveCardJson } from '../cards/render';
import { cancelledCard, finishedCard, keywordCard, type FinishedView, noticeCard, preparationCard, refreshOf, sessionCard, sharedCard, withRefresh, type PictureUrl, type ViewOptions } from '../cards/views';
import { leaderOf, notPicked, participant, type DevelopmentConversation } from '../domain/conversation';
import { translator, type Translator } from '../i18n/catalog';
import type { Logger } from '../log';
import type { Delivery, DeliveryStore, PersonalChatStore, Placement, TeamsOrigin } from './deliveries';
import { inParallel } from '../app/inParallel';
import { PARTICIPANT_REQUESTS } from './teamsLimits';
import type { Messenger, Outgoing } from './messenger';

/** A card sent to one person for a conversation (their keyword card, the reveal, their copy): created before it goes out. */
export interface SentCard {
  at: string;
  activityId?: string;
}

/**
 * A participant's own view of the shared card in the meeting chat, where it is not the
 * conversation's card for its phase: picking their keywords there, or on a later page of a list.
 */
export interface SharedView {
  view?: 'keywords';
  /** The page of the list on the card they are on, and which card's list (`listOf`). */
  page?: { of: string; page: number };
}

/** Which list a conversation's card shows now: a page kept for another step's list does not apply. */
const listOf = (c: DevelopmentConversation) => `${c.phase}/${c.step}`;

export interface CardDeliveryDependencies {
  conversations: ConversationService;
  deliveries: DeliveryStore;
  personalChats: PersonalChatStore;
  /** One entry per conversation, kind of card and person: each card goes out once, however often a job runs. */
  sent: Records<SentCard>;
  sharedViews: Records<SharedView>;
  messenger: Messenger;
  links: PlanLinks;
  /** Where the concepts' picture tiles are served (PUBLIC_URL). */
  pictureUrl: PictureUrl;
  log: Logger;
  now: () => Date;
  /** Installs the app for a person the bot cannot write to yet (GRAPH_INSTALL_APP); without it they pick on the shared card. */
  installer?: AppInstaller;
  /** Whether a meeting chat's shared card is refreshed into each participant's view, or shows the chat the leader's (the local emulator). */
  sharedCard: 'private' | 'open';
}

/**
 * Keeps a conversation's cards where people see them. The shared card in a meeting chat shows
 * nothing of the conversation to the chat; Teams refreshes it for each participant into their own
 * view (Universal Actions' user-specific views), so a colleague in the chat sees nothing personal.
 * Each participant's own cards go to their 1:1 chat with the bot.
 */
export class CardDelivery implements CardPublisher<TeamsOrigin>, MeetingChatPublisher<TeamsOrigin> {
  private readonly recentSessionCards = new Map<string, AdaptiveCardJson>();
  /** Shared-card updates per conversation: one at a time, and a change during one is sent once after it. */
  private readonly updating = new Map<string, { latest: DevelopmentConversation; again: boolean; ended: Promise<void> }>();
  /** Conversations whose shared card Teams last refused to update: the leader has been told. */
  private readonly refused = new Set<string>();

  constructor(private readonly deps: CardDeliveryDependencies) {}

  /** The conversation's card for its phase, as one participant sees it. */
  viewFor(c: DevelopmentConversation, viewerId: string, unreached: string[], tr: Translator, options: ViewOptions = {}): AdaptiveCardJson {
    if (c.phase === 'preparing') return preparationCard(c, viewerId, unreached.map((id) => participant(c, id)?.name ?? ''), tr, options);
    if (c.phase === 'holding') return this.sessionCardOf(c, tr, options);
    if (c.phase === 'cancelled') return cancelledCard(c, tr, options.message);
    return this.finishedCardFor(c, viewerId, tr, { message: options.message, waiting: options.waiting, page: options.page, reserved: options.reserved });
  }

  /**
   * What a person sees on the shared card: a participant their own view (their keyword card while
   * they pick in the chat), anyone else the card that shows nothing. In a meeting chat the view
   * carries the refresh that keeps it theirs.
   */
  async sharedViewFor(c: DevelopmentConversation, viewerId: string, tr: Translator, options: ViewOptions = {}): Promise<AdaptiveCardJson> {
    return this.sharedView(c, await this.deps.deliveries.get(c.id), viewerId, tr, options);
  }

  /**
   * The person's view of the shared card when the action came from it (the chat and activity the
   * delivery record names), else undefined: one read of the delivery record for both questions.
   */
  async sharedViewIfFrom(c: DevelopmentConversation, conversationId: string | undefined, activityId: string | undefined, viewerId: string, tr: Translator, options: ViewOptions = {}): Promise<AdaptiveCardJson | undefined> {
    const delivery = await this.deps.deliveries.get(c.id);
    const fromShared = delivery !== undefined && delivery.home.activityId === activityId && delivery.home.reference.conversation?.id === conversationId;
    return fromShared ? this.sharedView(c, delivery, viewerId, tr, options) : undefined;
  }

  private async sharedView(c: DevelopmentConversation, delivery: Delivery | undefined, viewerId: string, tr: Translator, options: ViewOptions): Promise<AdaptiveCardJson> {
    const viewers = delivery?.home.viewers ?? [];
    const refreshed = (card: AdaptiveCardJson) => (viewers.length ? withRefresh(card, c, viewers, tr) : card);
    const reserved = viewers.length ? utf16Bytes(refreshOf(c, viewers, tr)) : 0;
    if (!participant(c, viewerId)) return refreshed(sharedCard(c, tr, { kind: 'error', text: tr.t('shared.notParticipant') }));
    const own = await this.deps.sharedViews.get(`${c.id}/${viewerId}`);
    if (c.phase === 'preparing' && own?.view === 'keywords') return refreshed(this.keywordCardFor(c, viewerId, tr, { ...options, inSharedChat: true }));
    const page = options.page ?? (own?.page?.of === listOf(c) ? own.page.page : undefined);
    return refreshed(this.viewFor(c, viewerId, delivery?.unreached ?? [], tr, { ...options, page, reserved }));
  }

  /** The card for the conversation's phase as one participant sees it where no shared card is involved. */
  async homeViewFor(c: DevelopmentConversation, viewerId: string, tr: Translator, options: ViewOptions = {}): Promise<AdaptiveCardJson> {
    const unreached = c.phase === 'preparing' ? ((await this.deps.deliveries.get(c.id))?.unreached ?? []) : [];
    return this.viewFor(c, viewerId, unreached, tr, options);
  }

  /** A participant starts or stops picking their keywords on the shared card in the meeting chat. */
  async pickInSharedChat(c: DevelopmentConversation, personId: string, picking: boolean): Promise<void> {
    if (picking) await this.deps.sharedViews.put(`${c.id}/${personId}`, { view: 'keywords' });
    else await this.deps.sharedViews.delete(`${c.id}/${personId}`);
  }

  /** A participant turned to a page of the list on the shared card: it stays theirs until the card shows another list. */
  async keepPage(c: DevelopmentConversation, personId: string, page: number): Promise<void> {
    await this.deps.sharedViews.update(`${c.id}/${personId}`, (own) => ({ write: { ...own, page: { of: listOf(c), page } }, result: undefined }));
  }

  /**
   * A turn shows the same plain session card to several people; it is rendered once per revision and
   * language (expanding the template is most of a turn's own work).
   */
  private sessionCardOf(c: DevelopmentConversation, tr: Translator, options: ViewOptions): AdaptiveCardJson {
    const plain = !options.message && !options.draft && !options.editingId && !options.page;
    if (!plain) return sessionCard(c, tr, { ...options, pictureUrl: this.deps.pictureUrl });
    const key = `${c.id}:${c.revision}:${tr.locale}:${options.reserved ?? 0}`;
    let card = this.recentSessionCards.get(key);
    if (!card) {
      card = sessionCard(c, tr, { pictureUrl: this.deps.pictureUrl, reserved: options.reserved });
      this.recentSessionCards.set(key, card);
      if (this.recentSessionCards.size > 100) this.recentSessionCards.delete(this.recentSessionCards.keys().next().value!);
    }
    return card;
  }

  /** A participant's own keyword card, with the concept's picture tiles. */
  keywordCardFor(c: DevelopmentConversation, personId: string, tr: Translator, options: ViewOptions = {}): AdaptiveCardJson {
    if (c.phase === 'cancelled') return cancelledCard(c, tr, options.message);
    return keywordCard(c, personId, tr, { ...options, pictureUrl: this.deps.pictureUrl });
  }

  /** The finished plan as one participant sees it, with a download link signed for them alone. */
  finishedCardFor(c: DevelopmentConversation, viewerId: string, tr: Translator, view: Omit<FinishedView, 'downloadUrl'> = {}): AdaptiveCardJson {
    return finishedCard(c, viewerId, tr, { ...view, downloadUrl: this.deps.links.urlFor({ conversationId: c.id, personId: viewerId }) });
  }

  async place(c: DevelopmentConversation, { home, teamsIds }: TeamsOrigin): Promise<void> {
    // In a meeting chat Teams refreshes the shared card into each participant's own view; a 1:1 chat has only the leader in it.
    const refreshed = this.deps.sharedCard === 'private' && home.reference.conversation?.conversationType !== 'personal';
    const viewers = refreshed ? c.participants.map((p) => teamsIds[p.id]).filter(Boolean) : [];
    await this.deps.deliveries.put(c.id, { home: { ...home, viewers }, personal: {}, unreached: [] });
  }

  async deliverNew(c: DevelopmentConversation, { home, teamsIds }: TeamsOrigin): Promise<void> {
    const placed = await inParallel(c.participants, PARTICIPANT_REQUESTS, async (person) => {
      const placement = await this.reachPersonally(teamsIds[person.id] ?? person.id, person.id, home, c.tenantId);
      const activityId = placement && (await this.sendOnce(c, 'keywords', person.id, placement, () => this.keywordCardFor(c, person.id, translator(placement.locale))));
      return placement && activityId ? { ...placement, activityId } : undefined;
    });
    await this.deps.deliveries.update(c.id, (delivery) => {
      if (!delivery) return { result: undefined };
      const personal = { ...delivery.personal };
      c.participants.forEach((person, i) => {
        if (placed[i]) personal[person.id] = placed[i]!;
      });
      return { write: { ...delivery, personal, unreached: c.participants.filter((p) => !personal[p.id]).map((p) => p.id) }, result: undefined };
    });
    this.refreshShared(c);
  }

  refreshShared(c: DevelopmentConversation): void {
    const pending = this.updating.get(c.id);
    if (pending) {
      if (c.revision >= pending.latest.revision) pending.latest = c;
      pending.again = true;
      return;
    }
    const state = { latest: c, again: false, ended: Promise.resolve() };
    this.updating.set(c.id, state);
    // Never left to reject unnoticed: a failure is logged, and the next change starts the loop again.
    state.ended = (async () => {
      try {
        do {
          state.again = false;
          await this.updateShared(state.latest);
        } while (state.again);
      } finally {
        this.updating.delete(c.id);
      }
    })().catch((error: Error) => this.deps.log.error('shared card update failed', { error: error.name }));
  }

  /** The shared card brought up to date, after any update of it still under way: one that was behind cannot overwrite this one. */
  private async updateSharedNow(c: DevelopmentConversation): Promise<void> {
    this.refreshShared(c);
    await this.updating.get(c.id)?.ended;
  }

  async updatePersonal(c: DevelopmentConversation, revealed: boolean): Promise<void> {
    const delivery = await this.deps.deliveries.get(c.id);
    if (!delivery) return;
    await inParallel(Object.entries(delivery.personal), PARTICIPANT_REQUESTS, async ([personId, placement]) => {
      const tr = translator(placement.locale, c.kind);
      if (placement.activityId) {
        await this.attempt('update keyword card', () => this.deps.messenger.update(placement.reference, placement.activityId!, this.keywordCardFor(c, personId, tr)));
      }
      if (revealed) await this.sendOnce(c, 'reveal', personId, placement, () => tr.t('keywords.revealed', { kind: c.kind, date: tr.date(c.date) }));
    });
  }

  /** The leader's copy is the filing's receipt (or its notice), which says where the plan went. */
  async sendCopies(c: DevelopmentConversation): Promise<void> {
    const delivery = await this.deps.deliveries.get(c.id);
    if (!delivery) return;
    const others = c.participants.filter((p) => p.id !== leaderOf(c).id);
    await inParallel(others, PARTICIPANT_REQUESTS, async (person) => {
      const placement = delivery.personal[person.id];
      if (placement) await this.sendOnce(c, 'copy', person.id, placement, () => this.finishedCardFor(c, person.id, translator(placement.locale)));
    });
  }

  async retire(c: DevelopmentConversation): Promise<void> {
    const delivery = await this.deps.deliveries.get(c.id);
    if (!delivery) return;
    const leader = leaderOf(c);
    await this.updateSharedNow(c);
    await inParallel(Object.entries(delivery.personal), PARTICIPANT_REQUESTS, async ([personId, placement]) => {
      const tr = translator(placement.locale, c.kind);
      if (placement.activityId) await this.attempt('retire keyword card', () => this.deps.messenger.update(placement.reference, placement.activityId!, cancelledCard(c, tr)));
      if (personId === leader.id) return;
      const said = { kind: c.kind, date: tr.date(c.date), leader: leader.name };
      const message = c.cancellation?.message;
      await this.sendOnce(c, 'cancelled', personId, placement, () => [tr.t('cancelled.notice', said), message ? tr.t('cancelled.message', { ...said, message }) : ''].filter(Boolean).join('\n\n'));
    });
  }

  /**
   * Posts the shared card again as a new message in its chat (Teams lost it, or it is far up the
   * chat) and keeps that one up to date from now on; the old one says where it went. False when
   * it could not be posted.
   */
  async repostHome(c: DevelopmentConversation): Promise<boolean> {
    const delivery = await this.deps.deliveries.get(c.id);
    if (!delivery) return false;
    const tr = translator(delivery.home.locale);
    const activityId = await this.send(delivery.home, this.baseCard(c, delivery, tr), 'shared card again');
    if (!activityId) return false;
    await this.deps.deliveries.update(c.id, (current) => (current ? { write: { ...current, home: { ...current.home, activityId } }, result: undefined } : { result: undefined }));
    const old = delivery.home.activityId;
    if (old) await this.attempt('retire shared card', () => this.deps.messenger.update(delivery.home.reference, old, noticeCard(tr, tr.t('conversations.moved'))));
    return true;
  }

  /**
   * A booked conversation's shared card goes into its meeting chat (the app was installed there),
   * refreshed for each participant into their own view, and is kept up to date there from now on;
   * the card it was created from says where it went. Throws when it could not be posted (the
   * booking job tries again); posted once however often it runs.
   */
  async moveToMeetingChat(c: DevelopmentConversation, chatId: string, { teamsIds }: TeamsOrigin): Promise<void> {
    const delivery = await this.deps.deliveries.get(c.id);
    if (!delivery || delivery.home.reference.conversation?.id === chatId) return;
    const { activityId: _ofAnotherChat, ...reference } = delivery.home.reference;
    const viewers = this.deps.sharedCard === 'private' ? c.participants.map((p) => teamsIds[p.id]).filter(Boolean) : [];
    const home: Delivery['home'] = {
      reference: { ...reference, conversation: { id: chatId, isGroup: true, conversationType: 'groupChat', name: '', tenantId: c.tenantId } },
      locale: delivery.home.locale,
      viewers
    };
    const tr = translator(home.locale, c.kind);
    const activityId = await this.sendOnce(c, 'meeting-chat', leaderOf(c).id, home, () => this.baseCard(c, { ...delivery, home }, tr));
    if (!activityId) throw new Error('the shared card could not be posted into the meeting chat');
    await this.deps.deliveries.update(c.id, (current) => (current ? { write: { ...current, home: { ...home, activityId } }, result: undefined } : { result: undefined }));
    const old = delivery.home.activityId;
    if (old) await this.attempt('retire shared card', () => this.deps.messenger.update(delivery.home.reference, old, noticeCard(tr, tr.t('booking.inMeetingChat'))));
  }

  /**
   * The leader's nudge: everyone else who has not picked gets their keyword card again in their 1:1 chat,
   * with a line saying so; once a day at most, however often it is pressed. Returns who was reached.
   */
  async nudge(c: DevelopmentConversation, today: string): Promise<string[]> {
    const delivery = await this.deps.deliveries.get(c.id);
    const waiting = notPicked(c).filter((p) => p.id !== leaderOf(c).id && delivery?.personal[p.id]);
    const reached = await inParallel(waiting, PARTICIPANT_REQUESTS, async (person) => {
      const placement = delivery!.personal[person.id];
      const tr = translator(placement.locale, c.kind);
      const others = c.participants.filter((p) => p.id !== person.id).map((p) => p.name);
      const text = tr.t('followUp.prepare', { kind: c.kind, with: tr.list(others), date: tr.date(c.date), count: c.concept.picksPerParticipant });
      return (await this.sendOnce(c, `nudge-${today}`, person.id, placement, () => this.keywordCardFor(c, person.id, tr, { message: { kind: 'info', text } }))) ? person.name : undefined;
    });
    return reached.filter((name): name is string => name !== undefined);
  }

  /** How the booking stands, in the leader's 1:1 chat. */
  async tellLeaderAbout(c: DevelopmentConversation, notice: BookingNotice): Promise<void> {
    await this.tellLeader(c, (tr) => {
      switch (notice.kind) {
        case 'cancelledInOutlook':
          return tr.t('booking.cancelledInOutlook', { kind: c.kind, date: tr.date(c.date) });
        case 'failed':
          return tr.t(`booking.${notice.failure.kind}`, { permission: notice.failure.permission ?? '', status: notice.failure.status ?? '–' });
        case 'cancelFailed': {
          const { permission, status } = notice.failure;
          return tr.t('booking.cancelFailed', { status: status ?? '–', permission: permission ? `; ${permission}` : '' });
        }
        default:
          return tr.t(`booking.${notice.kind}`, meetingWhen(tr, notice.start, notice.end, notice.timeZone));
      }
    });
  }

  /** Sends a message; a failed delivery is logged and reported as undefined, never thrown. */
  send(placement: Placement, message: Outgoing, what: string): Promise<string | undefined> {
    return this.attempt(what, () => this.deps.messenger.send(placement.reference, message));
  }

  /**
   * Sends one person one card of a conversation once, however often the job runs: what went out is
   * recorded with its id, and is not sent again. A send that failed takes its entry back, so the next
   * run tries again; an entry left without an id is a run that stopped while sending, and is sent
   * again (nothing is lost; a second copy only if Teams had taken it in the moment the process died).
   */
  private async sendOnce(c: DevelopmentConversation, what: string, personId: string, placement: Placement, message: () => Outgoing): Promise<string | undefined> {
    const key = `${c.id}/${what}/${personId}`;
    const { sent } = this.deps;
    const done = await sent.update(key, (entry) => (entry?.activityId ? { result: entry.activityId } : { write: { at: this.deps.now().toISOString() }, result: undefined }));
    if (done) return done;
    const activityId = await this.send(placement, message(), what);
    if (!activityId) {
      await sent.delete(key);
      return undefined;
    }
    await sent.put(key, { at: this.deps.now().toISOString(), activityId });
    return activityId;
  }

  /** One update of the shared card; Teams refusing it (too large, or still failing after retries) is told to the leader once. */
  private async updateShared(c: DevelopmentConversation): Promise<void> {
    try {
      const delivery = await this.deps.deliveries.get(c.id);
      const activityId = delivery?.home.activityId;
      if (!delivery || !activityId) return;
      const { home } = delivery;
      await this.deps.messenger.update(home.reference, activityId, this.baseCard(c, delivery, translator(home.locale, c.kind)));
      this.refused.delete(c.id);
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode;
      this.deps.log.warn('delivery failed', { what: 'update shared card', status });
      if (!this.refused.has(c.id)) {
        this.refused.add(c.id);
        await this.tellLeader(c, (tr) => tr.t('shared.updateRefused', { status: status ?? '–' }));
      }
    }
  }

  /** The shared card as its chat sees it: nothing of the conversation where Teams refreshes it for each participant, else the leader's view. */
  private baseCard(c: DevelopmentConversation, delivery: Delivery, tr: Translator): AdaptiveCardJson {
    const { viewers } = delivery.home;
    // Called off: the same notice for everyone, with nothing left to refresh into anyone's own view.
    if (c.phase === 'cancelled') return cancelledCard(c, tr);
    return viewers?.length ? withRefresh(sharedCard(c, tr), c, viewers, tr) : this.viewFor(c, leaderOf(c).id, delivery.unreached, tr);
  }

  /** A line to the leader in their 1:1 chat: the one the conversation reached them in, or the one they write to the bot in. */
  private async tellLeader(c: DevelopmentConversation, text: (tr: Translator) => string): Promise<void> {
    const leaderId = leaderOf(c).id;
    const placement =
      (await this.attempt('read delivery record', () => this.deps.deliveries.get(c.id)))?.personal[leaderId] ??
      (await this.attempt('read personal chat', () => this.deps.personalChats.get(leaderId)));
    if (placement) await this.send(placement, text(translator(placement.locale, c.kind)), 'notice to the leader');
  }

  /**
   * A person's 1:1 chat with the bot: the one kept, or one opened from `home`, or — for someone who
   * never installed the app, where that is enabled — the chat of the app installed for them. Kept
   * once found. Undefined when they cannot be reached privately.
   */
  async reachPersonally(teamsId: string, personId: string, home: Placement, tenantId: string | undefined): Promise<Placement | undefined> {
    const known = await this.deps.personalChats.get(personId);
    if (known) return { reference: known.reference, locale: known.locale };
    const reference = (await this.openPersonalChat(home, tenantId, teamsId)) ?? (await this.installFor(personId, home, tenantId, teamsId));
    if (!reference) return undefined;
    // Kept, so the next conversation and the reminders reach the person without opening it again;
    // the locale is corrected when the person writes in the chat.
    await this.deps.personalChats.put(personId, { reference, locale: home.locale });
    return { reference, locale: home.locale };
  }

  private async openPersonalChat(home: Placement, tenantId: string | undefined, teamsId: string): Promise<Placement['reference'] | undefined> {
    try {
      return await this.deps.messenger.openPersonalChat(home.reference, tenantId, teamsId);
    } catch (error) {
      this.deps.log.info('personal chat could not be opened', { status: (error as { statusCode?: number }).statusCode });
      return undefined;
    }
  }

  /** The app installed for a person who never installed it; the 1:1 chat Graph names for that installation is where the bot writes. */
  private async installFor(personId: string, home: Placement, tenantId: string | undefined, teamsId: string): Promise<Placement['reference'] | undefined> {
    const chatId = await this.deps.installer?.installForPerson(personId);
    if (!chatId) return undefined;
    this.deps.log.info('app installed for a participant');
    const { activityId: _ofAnotherChat, ...reference } = home.reference;
    return { ...reference, user: { id: teamsId, name: '' }, conversation: { id: chatId, isGroup: false, conversationType: 'personal', name: '', tenantId } };
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

