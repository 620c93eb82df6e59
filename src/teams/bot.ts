import './deferredModules';
import { Application, TurnState, type TeamsAdapter } from '@microsoft/teams-ai';
import { ActivityTypes, TurnContext } from 'botbuilder';
import type { ConceptCatalog } from '../app/conceptCatalog';
import type { ConversationFlow } from '../app/conversationFlow';
import type { ConversationService } from '../app/conversationService';
import type { FilingService } from '../app/filingService';
import type { FollowUps } from '../app/followUps';
import type { HrOverview } from '../app/hrOverview';
import type { PlanLinks } from '../app/planLinks';
import { noticeCard } from '../cards/views';
import type { Locale, Translator } from '../i18n/catalog';
import type { Logger } from '../log';
import { ActionFrame, invokeAnswer } from './actionFrame';
import type { CardDelivery } from './cardDelivery';
import { addressOf, type PersonalChatStore, type TeamsOrigin } from './deliveries';
import type { FilingSignIn } from './filingSignIn';
import type { Messenger } from './messenger';
import { createRoutes } from './routes/createRoutes';
import { followUpRoutes } from './routes/followUpRoutes';
import { handoverRoutes, type HandoverSetting } from './routes/handoverRoutes';
import { hrRoutes } from './routes/hrRoutes';
import { openConversationRoutes } from './routes/openConversationRoutes';
import { planRoutes } from './routes/planRoutes';
import { preparationRoutes } from './routes/preparationRoutes';
import { sessionRoutes } from './routes/sessionRoutes';
import { sharedCardRoutes } from './routes/sharedCardRoutes';
import { offeredCommands, textCommands } from './textCommands';
import { actorOf, tenantOf } from './turnHelpers';

export interface BotDependencies {
  adapter: TeamsAdapter;
  botAppId: string;
  flow: ConversationFlow<TeamsOrigin>;
  conversations: ConversationService;
  followUps: FollowUps;
  filing: FilingService;
  concepts: ConceptCatalog;
  cards: CardDelivery;
  messenger: Messenger;
  personalChats: PersonalChatStore;
  links: PlanLinks;
  log: Logger;
  /** The language to answer in, from the Teams client's locale. */
  localeOf: (teamsLocale: string | undefined) => Locale;
  /** Entra tenants whose users may use the bot; empty allows every tenant. */
  allowedTenants: string[];
  /** Filing as each leader (delegated): the sign-in they answer before their plans can be filed. */
  /** The create card offers to book the conversation as a Teams meeting (GRAPH_BOOK_MEETINGS). */
  booking: boolean;
  signIn?: FilingSignIn;
  /** Told of every message and card action that gets through (the emulator's page is open). */
  onActivity?: () => void;
  /** The HR overview across the organisation (`hr-oversigt`), and the days before the due date that count as "soon". */
  hr?: { overview: HrOverview; annualNoticeDays: number };
  /** Handing an employee's plans over to their new leader (`overdrag`), as filing is set up. */
  handover: HandoverSetting;
}

/** What the bot can do: every command it understands, with what each does (the manifest's descriptions). */
export function helpText(tr: Translator, inPersonalChat: boolean): string {
  const lines = offeredCommands.map((c) => `- **${c[tr.locale]}** – ${tr.t(`commands.${c.about}`)}`);
  return [tr.t('help.intro'), lines.join('\n'), inPersonalChat ? '' : tr.t('help.inChat')].filter(Boolean).join('\n\n');
}

/**
 * The Teams edge: text commands and Universal Actions (Action.Execute) from cards, each parsed,
 * handed to the app layer, and answered with a card. Every shared card is updated in place for
 * everyone; the acting person gets their own view back in the invoke response.
 */
export function createBot(deps: BotDependencies): Application<TurnState> {
  const { conversations, log } = deps;
  const app = new Application<TurnState>({
    adapter: deps.adapter,
    botAppId: deps.botAppId,
    removeRecipientMention: true,
    startTypingTimer: false,
    longRunningMessages: false,
    turnStateFactory: () => new TurnState()
  } as never);
  const frame = new ActionFrame(app, { cards: deps.cards, log, localeOf: deps.localeOf, conversationOf: (id) => conversations.get(id) });

  // Only the municipality's own tenant reaches the conversations; anyone else is told so, and nothing runs.
  app.turn('beforeTurn', async (context) => {
    const tenant = tenantOf(context);
    if (deps.allowedTenants.length === 0 || (tenant !== undefined && deps.allowedTenants.includes(tenant))) return true;
    log.warn('tenant refused', { tenant: String(tenant), activity: context.activity.type });
    const tr = frame.translatorOf(context);
    const text = tr.t('error.tenant_not_allowed');
    if (context.activity.type === ActivityTypes.Invoke) await context.sendActivity(invokeAnswer(noticeCard(tr, '', { kind: 'error', text })));
    else if (context.activity.type === ActivityTypes.Message) await context.sendActivity(text);
    return false;
  });

  app.turn('beforeTurn', async (context) => {
    if (context.activity.type === ActivityTypes.Message || context.activity.type === ActivityTypes.Invoke) deps.onActivity?.();
    return true;
  });

  // Remember the 1:1 chat of someone who takes part in a conversation when they write there, so
  // keyword cards and plans reach them, or whom the turn promised to write to later (a handover
  // still to be copied); written only when it changed, not on every turn, and after the turn, so
  // the leader who has just created their first conversation counts. Nothing is stored for anyone
  // else: a person the bot refuses leaves no trace. Without the message id: later messages are new
  // messages in the chat, not replies to whatever was written last.
  const promisedNotice = new WeakSet<TurnContext>();
  app.turn('afterTurn', async (context) => {
    const person = actorOf(context);
    if (person && context.activity.conversation?.conversationType === 'personal') {
      const { activityId: _lastMessage, ...reference } = TurnContext.getConversationReference(context.activity);
      const chat = { reference: addressOf(reference), locale: deps.localeOf(context.activity.locale) };
      // The person has been answered: a failure here is the next message's to retry, not this turn's.
      try {
        const known = await deps.personalChats.get(person);
        const wanted = promisedNotice.has(context) || (await conversations.takesPart(person));
        if (JSON.stringify(known) !== JSON.stringify(chat) && wanted) await deps.personalChats.put(person, chat);
      } catch (error) {
        log.warn('personal chat not remembered', { error: (error as Error).name });
      }
    }
    return true;
  });

  app.conversationUpdate('membersAdded', async (context) => {
    const botId = context.activity.recipient?.id;
    if (context.activity.conversation?.conversationType === 'personal' && context.activity.membersAdded?.some((m) => m.id === botId)) {
      await context.sendActivity(frame.translatorOf(context).t('welcome'));
    }
  });

  // A leader who signs in for delegated filing gets their waiting plans filed straight away, and
  // can take the sign-in back; plans then wait until they sign in again.
  const { signIn } = deps;
  signIn?.register(app, (personId) => deps.filing.retryFor(personId));
  frame.command(textCommands.signOut.pattern, async (context, tr) => tr.t(signIn && (await signIn.signOut(context)) ? 'signIn.signedOut' : 'signIn.notSignedIn'));

  const edge = { ...deps, today: () => conversations.today() };
  createRoutes(frame, edge);
  openConversationRoutes(frame, edge);
  preparationRoutes(frame, edge);
  sessionRoutes(frame, edge);
  planRoutes(frame, edge);
  followUpRoutes(frame, edge);
  sharedCardRoutes(frame, edge);
  handoverRoutes(frame, deps.handover, (context) => void promisedNotice.add(context));
  if (deps.hr) hrRoutes(frame, { hr: deps.hr.overview, annualNoticeDays: deps.hr.annualNoticeDays });

  frame.command(textCommands.help.pattern, async (context, tr) => helpText(tr, context.activity.conversation?.conversationType === 'personal'));
  frame.unknownActions();
  return app;
}
