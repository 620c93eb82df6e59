import './deferredModules';
import { Application, TurnState, type TeamsAdapter } from '@microsoft/teams-ai';
import { ActivityTypes, TurnContext, type TeamsChannelAccount } from 'botbuilder';
import type { ActOutcome, ConversationService } from '../app/conversationService';
import type { FilingOutcome, FilingService } from '../app/filingService';
import type { PlanLinks } from '../app/planLinks';
import type { ReminderService } from '../app/reminderService';
import type { Directory } from '../directory/directory';
import type { AdaptiveCardJson, CardMessage } from '../cards/render';
import {
  createCard,
  noticeCard,
  sessionCard,
  type Draft,
  type ViewOptions
} from '../cards/views';
import type { ConversationKind } from '../domain/concept';
import type { ConceptCatalog } from '../app/conceptCatalog';
import { currentStep, hasEveryonePicked, type DevelopmentConversation } from '../domain/conversation';
import { mayFile, mayHoldWith, mayTakePart } from '../domain/plan';
import type { Result } from '../domain/errors';
import type { Command } from '../domain/operations';
import { translator, type Locale, type Translator } from '../i18n/catalog';
import type { Logger } from '../log';
import { StorageUnavailableError } from '../storage/versionedStore';
import { conversationIdOf, extraFieldsOf, outcomesOf, parseCardData, questionTextsOf, type CardData, type Verb } from './cardData';
import type { Delivery, DeliveryStore, PersonalChatStore, Placement } from './deliveries';
import type { CardDelivery } from './cardDelivery';
import { activityOf, type Messenger } from './messenger';
import { followUpActions } from './followUpActions';
import type { FilingSignIn } from './filingSignIn';
import { filingNotice } from './filingNotifier';
import { actorOf, errorMessage, fieldName } from './turnHelpers';
import { inParallel, PARTICIPANT_REQUESTS } from './inParallel';

/** "ny mus", "ny grus", "ny lus" (or "new …"): the create card, opened at that kind. */
const NEW_CONVERSATION = /^\s*(ny|new)\s+(mus|lus|grus)\s*$/i;

export interface BotDependencies {
  adapter: TeamsAdapter;
  botAppId: string;
  conversations: ConversationService;
  deliveries: DeliveryStore;
  personalChats: PersonalChatStore;
  concepts: ConceptCatalog;
  messenger: Messenger;
  filing: FilingService;
  cards: CardDelivery;
  log: Logger;
  /** The language to answer in, from the Teams client's locale. */
  localeOf: (teamsLocale: string | undefined) => Locale;
  /** Entra tenants whose users may use the bot; empty allows every tenant. */
  allowedTenants: string[];
  reminders: ReminderService;
  links: PlanLinks;
  directory: Directory;
  /** Filing as each leader (delegated): the sign-in they answer before their plans can be filed. */
  signIn?: FilingSignIn;
  annualNoticeDays: number;
}

/** A participant as Teams knows them: Entra object id, name, and the Teams user id that opens a 1:1 chat. */
interface TeamsPerson {
  id: string;
  name: string;
  teamsId: string;
}


/**
 * The Teams edge: commands typed in chat and Universal Actions (Action.Execute) from cards, turned
 * into domain commands. Every shared card is updated in place for everyone; the acting person gets
 * their own view back in the invoke response.
 */
export function createBot(deps: BotDependencies): Application<TurnState> {
  const { conversations, deliveries, personalChats, messenger, cards, log, localeOf } = deps;
  const translatorOf = (context: TurnContext): Translator => translator(localeOf(context.activity.locale));
  const app = new Application<TurnState>({
    adapter: deps.adapter,
    botAppId: deps.botAppId,
    removeRecipientMention: true,
    startTypingTimer: false,
    longRunningMessages: false,
    turnStateFactory: () => new TurnState()
  } as never);

  // Only the municipality's own tenant reaches the conversations; anyone else is told so, and nothing runs.
  app.turn('beforeTurn', async (context) => {
    const tenant = context.activity.conversation?.tenantId ?? context.activity.channelData?.tenant?.id;
    if (deps.allowedTenants.length === 0 || deps.allowedTenants.includes(tenant)) return true;
    log.warn('tenant refused', { tenant: String(tenant), activity: context.activity.type });
    const text = translatorOf(context).t('error.tenant_not_allowed');
    if (context.activity.type === ActivityTypes.Invoke) {
      const card = noticeCard(translatorOf(context), '', { kind: 'error', text });
      await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card } } });
    } else if (context.activity.type === ActivityTypes.Message) {
      await context.sendActivity(text);
    }
    return false;
  });

  // Remember each person's 1:1 chat when they write there, so keyword cards and plans reach them;
  // written only when it changed, not on every turn. Without the message id: later messages are
  // new messages in the chat, not replies to whatever was written last.
  app.turn('beforeTurn', async (context) => {
    const person = actorOf(context);
    if (person && context.activity.conversation?.conversationType === 'personal') {
      const { activityId: _lastMessage, ...reference } = TurnContext.getConversationReference(context.activity);
      const chat = { reference, locale: localeOf(context.activity.locale) };
      const known = await personalChats.get(person);
      if (JSON.stringify(known) !== JSON.stringify(chat)) await personalChats.put(person, chat);
    }
    return true;
  });

  // A leader who signs in for delegated filing gets their waiting plans filed straight away,
  // and can take the sign-in back; plans then wait until they sign in again.
  const { signIn } = deps;
  if (signIn) {
    signIn.register(app, (personId) => deps.filing.retryFor(personId));
    app.message(/^\s*(log ud|sign out)\s*$/i, async (context) => {
      const wasSignedIn = await signIn.signOut(context);
      await context.sendActivity(translatorOf(context).t(wasSignedIn ? 'signIn.signedOut' : 'signIn.notSignedIn'));
    });
  }

  app.conversationUpdate('membersAdded', async (context) => {
    const botId = context.activity.recipient?.id;
    if (context.activity.conversation?.conversationType === 'personal' && context.activity.membersAdded?.some((m) => m.id === botId)) {
      await context.sendActivity(translatorOf(context).t('welcome'));
    }
  });

  app.message(NEW_CONVERSATION, async (context) => {
    const tr = translatorOf(context);
    const kind = (NEW_CONVERSATION.exec(context.activity.text ?? '')?.[2].toUpperCase() ?? 'MUS') as ConversationKind;
    await context.sendActivity(activityOf(await newConversationCard(context, tr, {}, kind)));
  });

  const followUps = followUpActions(deps);
  app.message(/^\s*(opfølgning|opfoelgning|follow-?up)\s*$/i, async (context) => {
    await context.sendActivity(activityOf(await followUps.list(context, '', translatorOf(context))));
  });

  app.message(/^\s*(oversigt|overview)\s*$/i, async (context) => {
    await context.sendActivity(activityOf(await followUps.yearly(context, translatorOf(context))));
  });

  app.message(/.*/, async (context) => {
    await context.sendActivity(translatorOf(context).t('help'));
  });

  async function newConversationCard(context: TurnContext, tr: Translator, options?: ViewOptions, kind: ConversationKind = 'MUS'): Promise<AdaptiveCardJson> {
    const personal = context.activity.conversation?.conversationType === 'personal';
    const members = personal ? [] : (await messenger.members(context))
      .filter((m) => m.aadObjectId && m.aadObjectId !== actorOf(context))
      .map((m) => ({ id: m.aadObjectId!, name: m.name }));
    const concept = deps.concepts.forTenant(tenantOf(context));
    return createCard(tr, { members, concept, concepts: deps.concepts.all(), kind, today: conversations.today(), homeKind: personal ? 'personal' : 'group' }, options);
  }

  // ---- Card actions -------------------------------------------------------------------------

  /** `data` is the validated card data; `raw` is what the card sent, to show typed text again on a refusal. */
  type Handler<V extends Verb> = (context: TurnContext, data: CardData<V>, tr: Translator, raw: Record<string, unknown>) => Promise<AdaptiveCardJson>;

  /** Registers a verb: parse and validate its data, run it, and turn every failure into a Danish card. */
  function on<V extends Verb>(verb: V, handler: Handler<V>, routes: string[] = [verb]): void {
    app.adaptiveCards.actionExecute(routes, async (context, _state, raw) => {
      const tr = translatorOf(context);
      try {
        const parsed = parseCardData(verb, raw);
        if (!parsed.ok) return await refusalCard(context, raw, tr, { code: 'invalid_input', field: parsed.field });
        return await handler(context, parsed.data, tr, raw);
      } catch (error) {
        if (!(error instanceof StorageUnavailableError)) throw error;
        log.error('storage unavailable', { verb });
        return noticeCard(tr, '', { kind: 'error', text: tr.t('error.storage_unavailable') });
      }
    });
  }

  async function refusalCard(context: TurnContext, raw: Record<string, unknown>, tr: Translator, reason: { code: string; field: string }) {
    const message: CardMessage = { kind: 'error', text: tr.t(`error.${reason.code}`, { field: fieldName(tr, reason.field) }) };
    const draft = draftOf(raw);
    if (context.activity.value?.action?.verb === 'mus.create') return newConversationCard(context, tr, { message, draft });
    const cid = conversationIdOf(raw);
    const conversation = cid ? await conversations.get(cid) : undefined;
    if (!conversation) return noticeCard(tr, '', message);
    return viewFor(context, conversation, tr, { message, draft });
  }

  on('mus.create', async (context, data, tr, raw) => {
    const from = context.activity.from;
    const leader: TeamsPerson = { id: actorOf(context), name: from.name ?? '', teamsId: from.id };
    const employees = await resolvePeople(context, data.employeeId);
    const draft = draftOf(raw);
    if (!leader.id || !employees) {
      return newConversationCard(context, tr, { draft, message: { kind: 'error', text: tr.t('error.member_unknown') } });
    }
    const allowed = mayHoldWith(employees, await deps.directory.directReports(leader.id));
    if (!allowed.ok) {
      log.info('action refused', { verb: 'mus.create', reason: allowed.error.code });
      return newConversationCard(context, tr, { draft, message: errorMessage(tr, allowed.error) });
    }
    const concept = data.concept ? deps.concepts.get(data.concept) : deps.concepts.forTenant(tenantOf(context));
    if (!concept) return refusalCard(context, raw, tr, { code: 'invalid_input', field: 'concept' });
    const created = await conversations.create({
      kind: data.kind,
      concept,
      tenantId: tenantOf(context),
      leader: { id: leader.id, name: leader.name },
      employees: employees.map((p) => ({ id: p.id, name: p.name })),
      replacesMus: data.replacesMus,
      date: data.date,
      format: data.format,
      // The card's rewordings are of the concept it showed; when the leader chose another, they are not this one's.
      questionTexts: raw.questionsOf === undefined || raw.questionsOf === concept.id ? questionTextsOf(raw) : {}
    }, `${context.activity.conversation?.id}|${context.activity.replyToId}`);
    if (!created.ok) return newConversationCard(context, tr, { draft, message: errorMessage(tr.forKind(data.kind), created.error) });
    const { conversation, isNew } = created.value;
    if (!isNew) return cards.homeCard(conversation, await deliveries.get(conversation.id), tr);
    const home: Placement = {
      reference: TurnContext.getConversationReference(context.activity),
      activityId: context.activity.replyToId,
      locale: tr.locale
    };
    const teamsIds = Object.fromEntries([leader, ...employees].map((p) => [p.id, p.teamsId]));
    const delivery = await cards.sendKeywordCards(conversation, home, teamsIds);
    await Promise.all([deliveries.put(conversation.id, delivery), cards.updateShared(conversation, delivery)]);
    log.info('conversation created', { conversation: conversation.id, unreached: delivery.unreached.length });
    const createdText = tr.forKind(conversation.kind).t('create.created', { kind: conversation.kind, employee: tr.list(employees.map((p) => p.name)), count: employees.length, date: tr.date(conversation.date) });
    return cards.homeCard(conversation, delivery, tr, { message: { kind: 'info', text: createdText } });
  });

  on('keywords.pick', async (context, data, tr) => {
    const outcome = await conversations.act(data.cid, actorOf(context), { type: 'pickKeywords', keywords: data.keywords });
    return respond(context, outcome, tr, (c) => cards.keywordCardFor(c, actorOf(context), tr, {
      message: { kind: 'info', text: tr.t('keywords.saved', { keywords: tr.list(c.picks[actorOf(context)] ?? []) }) }
    }), { draft: { keywords: data.keywords.join(',') } });
  });

  on('keywords.open', async (context, data, tr) => guarded(context, data.cid, tr, mayTakePart, (c) => cards.keywordCardFor(c, actorOf(context), tr)));

  on('session.start', async (context, data, tr) =>
    respond(context, await conversations.act(data.cid, actorOf(context), { type: 'start' }), tr)
  );

  on('questions.rephrase', async (context, data, tr, raw) => {
    const outcome = await conversations.act(data.cid, actorOf(context), { type: 'rephrase', questionTexts: questionTextsOf(raw) });
    return respond(context, outcome, tr, undefined, { draft: draftOf(raw), info: tr.t('preparation.questionsSaved') });
  });

  on('session.goto', async (context, data, tr) =>
    respond(context, await conversations.act(data.cid, actorOf(context), { type: 'goToStep', step: data.step }), tr)
  );

  on('session.navigate', async (context, data, tr, raw) => {
    const verb = context.activity.value.action.verb as string;
    const move = verb === 'session.next' ? 'next' : verb === 'session.back' ? 'back' : 'stay';
    const conversation = await conversations.get(data.cid);
    // Moving on from an agreements form that has text in it saves that agreement first: nothing typed is lost.
    if (conversation?.phase === 'holding' && currentStep(conversation).kind === 'agreements' && typeof raw.what === 'string' && raw.what.trim()) {
      const agreement = parseCardData('agreement.save', raw);
      if (!agreement.ok) return refusalCard(context, raw, tr, { code: 'invalid_input', field: agreement.field });
      const saved = await conversations.act(data.cid, actorOf(context), agreementCommand(agreement.data));
      if (saved.kind !== 'applied') return respond(context, saved, tr, undefined, { draft: draftOf(raw) });
    }
    const outcomes = Object.entries(outcomesOf(raw)).map(([id, text]) => [id, { text, base: data.outcomeBase[id] ?? '' }]);
    const command: Command = {
      type: 'saveStep',
      atStep: data.atStep,
      move,
      ...(data.note !== undefined ? { note: { text: data.note, base: data.noteBase } } : {}),
      ...(data.inPlay !== undefined ? { keywords: { selected: data.inPlay, base: data.inPlayBase } } : {}),
      ...(outcomes.length ? { outcomes: Object.fromEntries(outcomes) } : {})
    };
    const outcome = await conversations.act(data.cid, actorOf(context), command);
    const info = outcome.kind === 'applied' && outcome.stale ? tr.t('session.stale') : move === 'stay' ? tr.t('session.saved') : undefined;
    return respond(context, outcome, tr, undefined, { draft: draftOf(raw), info });
  }, ['session.next', 'session.back', 'session.save']);

  on('agreement.save', async (context, data, tr, raw) => {
    const outcome = await conversations.act(data.cid, actorOf(context), agreementCommand(data));
    return respond(context, outcome, tr, undefined, { draft: draftOf(raw), info: tr.t('agreement.saved') });
  });

  on('agreement.delete', async (context, data, tr) => {
    const outcome = await conversations.act(data.cid, actorOf(context), { type: 'deleteAgreement', agreementId: data.agreementId });
    return respond(context, outcome, tr, undefined, { info: tr.t('agreement.deleted') });
  });

  on('agreement.edit', async (context, data, tr) => guarded(context, data.cid, tr, mayTakePart, (c) =>
    sessionCard(c, tr, { editingId: data.agreementId })
  ));

  on('agreement.cancel', async (context, data, tr) => guarded(context, data.cid, tr, mayTakePart, (c) => sessionCard(c, tr)));

  on('plan.copy', async (context, data, tr) => guarded(context, data.cid, tr, mayTakePart, (c) => cards.finishedCardFor(c, actorOf(context), tr)));

  on('session.finish', async (context, data, tr) => {
    const outcome = await conversations.act(data.cid, actorOf(context), { type: 'finish' });
    if (outcome.kind !== 'applied') return respond(context, outcome, tr);
    const filing = await deps.filing.file(outcome.conversation);
    const finished = 'filed' in filing ? filing.filed : outcome.conversation;
    await deps.reminders.schedule(finished);
    const delivery = await deliveries.get(finished.id);
    if (delivery) {
      await cards.updateShared(finished, delivery);
      await cards.sendCopies(finished, delivery);
    }
    return cards.finishedCardFor(finished, actorOf(context), tr, filingMessage(tr, filing), !('filed' in filing));
  });

  on('plan.file', async (context, data, tr) =>
    guarded(context, data.cid, tr, mayFile, async (c) => {
      const filing = await deps.filing.file(c);
      const filed = 'filed' in filing ? filing.filed : c;
      const delivery = await deliveries.get(filed.id);
      if (delivery) await cards.updateShared(filed, delivery);
      return cards.finishedCardFor(filed, actorOf(context), tr, filingMessage(tr, filing), !('filed' in filing));
    })
  );

  on('followup.list', async (context, data, tr) => followUps.list(context, data.employeeId, tr));
  on('followup.done', async (context, data, tr, raw) => followUps.done(context, data, tr, raw));
  on('followup.postpone', async (context, data, tr, raw) => followUps.postpone(context, data, tr, raw));

  on('filing.cancel', async (context, data, tr) =>
    guarded(context, data.cid, tr, mayFile, async (c) => {
      await deps.filing.cancel(c.id);
      return cards.finishedCardFor(c, actorOf(context), tr, { kind: 'info', text: tr.t('finished.filingCancelled') });
    })
  );

  /** Loads the conversation a card names and runs `act` if the domain's rule lets the acting person. */
  async function guarded(
    context: TurnContext,
    cid: string,
    tr: Translator,
    rule: (c: DevelopmentConversation, actorId: string) => Result<void>,
    act: (c: DevelopmentConversation) => AdaptiveCardJson | Promise<AdaptiveCardJson>
  ): Promise<AdaptiveCardJson> {
    const conversation = await conversations.get(cid);
    if (!conversation) return notFound(tr);
    const allowed = rule(conversation, actorOf(context));
    if (!allowed.ok) return viewFor(context, conversation, tr, { message: errorMessage(tr.forKind(conversation.kind), allowed.error) });
    return act(conversation);
  }

  // Anything else a card sends: an old card, or a forged verb.
  app.adaptiveCards.actionExecute(/.*/, async (context) => {
    const tr = translatorOf(context);
    return noticeCard(tr, '', { kind: 'error', text: tr.t('error.unknown_action') });
  });

  // ---- Views and delivery --------------------------------------------------------------------

  /** Answers an action: the refusal on the card the person sees, or their new view, after updating the shared cards. */
  async function respond(
    context: TurnContext,
    outcome: ActOutcome,
    tr: Translator,
    view?: (c: DevelopmentConversation) => AdaptiveCardJson,
    options: { draft?: Draft; info?: string } = {}
  ): Promise<AdaptiveCardJson> {
    if (outcome.kind === 'not_found') return notFound(tr);
    if (outcome.kind === 'refused') {
      log.info('action refused', { conversation: outcome.conversation.id, reason: outcome.error.code });
      return viewFor(context, outcome.conversation, tr, { message: errorMessage(tr.forKind(outcome.conversation.kind), outcome.error), draft: options.draft });
    }
    const { before, conversation } = outcome;
    const delivery = await deliveries.get(conversation.id);
    if (delivery) {
      await cards.updateShared(conversation, delivery);
      // Each person's keyword card shows the picks, the questions and whether picking is still open.
      const revealed = !hasEveryonePicked(before) && hasEveryonePicked(conversation);
      if (revealed || before.phase !== conversation.phase || before.concept !== conversation.concept) {
        await cards.updatePersonal(conversation, delivery, revealed);
      }
    }
    const message: CardMessage | undefined = options.info ? { kind: 'info', text: options.info } : undefined;
    return view ? view(conversation) : viewFor(context, conversation, tr, { message }, delivery);
  }

  /** The card the acting person was looking at, in its current state; `delivery` if the caller has read it already. */
  async function viewFor(context: TurnContext, c: DevelopmentConversation, tr: Translator, options: ViewOptions, delivery?: Delivery): Promise<AdaptiveCardJson> {
    const verb = context.activity.value?.action?.verb;
    if ((verb === 'keywords.pick' || verb === 'keywords.open') && c.phase === 'preparing') return cards.keywordCardFor(c, actorOf(context), tr, options);
    if (c.phase === 'finished') return cards.finishedCardFor(c, actorOf(context), tr, options.message);
    return cards.homeCard(c, delivery ?? (await deliveries.get(c.id)), tr, options);
  }

  /**
   * The people the leader chose, by Entra object id: from this chat's member list (a meeting chat),
   * or, when chosen with the people picker in a 1:1 chat, from a 1:1 chat the bot opens with each.
   * Undefined when anyone cannot be found.
   */
  async function resolvePeople(context: TurnContext, personIds: string[]): Promise<TeamsPerson[] | undefined> {
    const asPerson = (personId: string, m: TeamsChannelAccount | undefined) => (m?.aadObjectId === personId ? { id: personId, name: m.name, teamsId: m.id } : undefined);
    const inChat = context.activity.conversation?.conversationType !== 'personal';
    const members = inChat ? await messenger.members(context) : [];
    const found = await inParallel(personIds, PARTICIPANT_REQUESTS, async (personId) => {
      if (inChat) return asPerson(personId, members.find((m) => m.aadObjectId === personId)) ?? asPerson(personId, await messenger.member(context, personId));
      try {
        const known = await personalChats.get(personId);
        const reference = known?.reference ?? (await messenger.openPersonalChat(TurnContext.getConversationReference(context.activity), context.activity.conversation?.tenantId, personId));
        return await messenger.within(reference, async (inner) => asPerson(personId, await messenger.member(inner, personId)));
      } catch {
        return undefined;
      }
    });
    return found.every((p) => p !== undefined) ? (found as TeamsPerson[]) : undefined;
  }

  return app;
}

function agreementCommand(data: CardData<'agreement.save'>): Command {
  return {
    type: 'saveAgreement',
    agreement: {
      ...(data.agreementId ? { id: data.agreementId } : {}),
      perspectiveId: data.perspectiveId,
      memberId: data.memberId || undefined,
      what: data.what ?? '',
      when: data.when ?? '',
      responsibleId: data.responsibleId || undefined,
      followUpDate: data.followUpDate || undefined,
      value: data.value,
      valueFor: data.valueFor,
      extra: extraFieldsOf(data)
    }
  };
}

/** What the leader reads on the card after a filing attempt. */
function filingMessage(tr: Translator, outcome: FilingOutcome): CardMessage {
  return 'filed' in outcome
    ? { kind: 'info', text: tr.t('finished.nowFiled') }
    : { kind: 'error', text: filingNotice(tr, outcome.waiting) };
}

function notFound(tr: Translator): AdaptiveCardJson {
  return noticeCard(tr, '', { kind: 'error', text: tr.t('error.conversation_not_found') });
}

function tenantOf(context: TurnContext): string | undefined {
  return context.activity.conversation?.tenantId ?? context.activity.channelData?.tenant?.id;
}

/** The text inputs of a submitted card, to show again on a refused card. */
function draftOf(raw: Record<string, unknown>): Draft {
  const draft: Draft = {};
  for (const [key, value] of Object.entries(raw ?? {})) if (typeof value === 'string') draft[key] = value;
  return draft;
}

