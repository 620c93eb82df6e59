import {
  CardFactory,
  MessageFactory,
  TeamsInfo,
  type CloudAdapter,
  type ConversationReference,
  TurnContext,
  type Attachment,
  type TeamsChannelAccount
} from 'botbuilder';
import type { BotFrameworkAuthentication, ConnectorClient, ConnectorFactory } from 'botframework-connector';
import { ACTIVITY_BUDGET_BYTES, utf16Bytes } from '../cards/budget';
import type { AdaptiveCardJson } from '../cards/render';
import { botIdentity } from './botIdentity';
import { withRetries, type RetryPolicy } from './connectorRetries';
import { Pacer, type PacerLimits } from './pacer';

/** What the bot sends: an Adaptive Card, a line of text, or another kind of card (the sign-in card). */
export type Outgoing = AdaptiveCardJson | string | Attachment;

export function activityOf(message: Outgoing) {
  if (typeof message === 'string') return MessageFactory.text(message);
  return MessageFactory.attachment('contentType' in message ? (message as Attachment) : CardFactory.adaptiveCard(message));
}

/** The activity a message goes out as into a stored conversation: never a reply, whose id would belong to another chat. */
export function outgoingActivity(reference: Partial<ConversationReference>, message: Outgoing) {
  const { replyToId: _notAReply, ...activity } = TurnContext.applyConversationReference(activityOf(message), reference);
  return activity;
}

/** An activity the app would send is over Teams' size budget: it is not sent (Teams would refuse it). */
export class ActivityTooLargeError extends Error {
  readonly statusCode = 413;
}

export interface MessengerLimits {
  retry: RetryPolicy;
  pace: PacerLimits;
}

/**
 * Proactive messaging over the Bot Connector: sending into a stored conversation, updating a card
 * in place, and opening a 1:1 chat with a person. Every call is paced within Teams' rate limits,
 * retried on Teams' transient answers (429 after its Retry-After, 412, 502, 503, 504) within a
 * bound, and kept within the size Teams accepts.
 */
export class Messenger {
  private readonly connectorFactory: ConnectorFactory;
  private readonly connectors = new Map<string, Promise<ConnectorClient>>();
  private readonly pacer: Pacer;

  constructor(
    private readonly adapter: CloudAdapter,
    private readonly botAppId: string,
    authentication: BotFrameworkAuthentication,
    private readonly limits: MessengerLimits
  ) {
    this.connectorFactory = authentication.createConnectorFactory(botIdentity(botAppId));
    this.pacer = new Pacer(limits.pace);
  }

  /** Sends a new message into a stored conversation (never as a reply: a reply's id would belong to another chat). */
  async send(reference: Partial<ConversationReference>, message: Outgoing): Promise<string | undefined> {
    const activity = outgoingActivity(reference, message);
    const conversationId = reference.conversation!.id;
    this.withinBudget(activity);
    const sent = await this.call(reference, (connector) => connector.conversations.sendToConversation(conversationId, activity));
    return sent?.id;
  }

  async update(reference: Partial<ConversationReference>, activityId: string, card: AdaptiveCardJson): Promise<void> {
    const activity = { ...outgoingActivity(reference, card), id: activityId };
    this.withinBudget(activity);
    await this.call(reference, (connector) => connector.conversations.updateActivity(reference.conversation!.id, activityId, activity));
  }

  /** Opens (or finds) the 1:1 chat between the bot and a person; fails when the app is not installed for them. */
  async openPersonalChat(from: Partial<ConversationReference>, tenantId: string | undefined, userId: string): Promise<Partial<ConversationReference>> {
    const { activityId: _ofAnotherChat, ...reference } = from;
    const created = await this.call({ ...reference, conversation: { id: `new:${userId}`, isGroup: false, conversationType: 'personal', name: '', tenantId } }, (connector) =>
      connector.conversations.createConversation({ isGroup: false, bot: from.bot!, members: [{ id: userId, name: '' }], tenantId, channelData: { tenant: { id: tenantId } } } as never)
    );
    if (!created?.id) throw new Error('no conversation was created');
    // The chat's user is the person, not whoever acted where the chat was opened from.
    return { ...reference, user: { id: userId, name: '' }, conversation: { id: created.id, isGroup: false, conversationType: 'personal', name: '', tenantId } };
  }

  /**
   * Runs work in a stored conversation. The adapter hands a failure inside the turn to its
   * onTurnError and returns normally; here the caller gets it, with the connector's status code.
   */
  async within<T>(reference: Partial<ConversationReference>, work: (context: TurnContext) => Promise<T>): Promise<T> {
    let outcome: { value: T } | { error: unknown } | undefined;
    await this.adapter.continueConversationAsync(this.botAppId, reference, async (context) => {
      try {
        outcome = { value: await work(context) };
      } catch (error) {
        outcome = { error };
      }
    });
    if (!outcome) throw new Error('the conversation could not be continued');
    if ('error' in outcome) throw outcome.error;
    return outcome.value;
  }

  /** A member of the conversation the context is in, by Entra object id or Teams user id. */
  async member(context: TurnContext, userId: string): Promise<TeamsChannelAccount | undefined> {
    try {
      return await TeamsInfo.getMember(context, userId);
    } catch {
      return undefined;
    }
  }

  async members(context: TurnContext): Promise<TeamsChannelAccount[]> {
    const members: TeamsChannelAccount[] = [];
    let continuationToken: string | undefined;
    do {
      const page = await TeamsInfo.getPagedMembers(context, 100, continuationToken);
      members.push(...page.members);
      continuationToken = page.continuationToken;
    } while (continuationToken);
    return members;
  }

  /** One Bot Connector call: paced, retried within the bound, through the kept client for its service. */
  private async call<T>(reference: Partial<ConversationReference>, request: (connector: ConnectorClient) => Promise<T>): Promise<T> {
    const connector = await this.connectorFor(reference.serviceUrl!);
    const tenant = reference.conversation?.tenantId ?? '';
    return withRetries(this.limits.retry, async () => {
      await this.pacer.slot(tenant, reference.conversation!.id);
      return request(connector);
    });
  }

  private withinBudget(activity: object): void {
    const bytes = utf16Bytes(activity);
    if (bytes > ACTIVITY_BUDGET_BYTES) throw new ActivityTooLargeError(`activity of ${bytes} bytes is over the ${ACTIVITY_BUDGET_BYTES}-byte budget`);
  }

  /**
   * One kept Bot Connector client per service URL: continuing the conversation through the adapter
   * would build a new client and token client, each with its HTTP pipeline, for every call. Its own
   * retries are taken out: `withRetries` is the one policy, so a failure is not retried twice over.
   */
  private connectorFor(serviceUrl: string): Promise<ConnectorClient> {
    let connector = this.connectors.get(serviceUrl);
    if (!connector) {
      connector = this.connectorFactory.create(serviceUrl).then(withoutBuiltInRetries);
      // A client that could not be made (credentials) is not kept: the next send tries again.
      connector.catch(() => this.connectors.delete(serviceUrl));
      this.connectors.set(serviceUrl, connector);
    }
    return connector;
  }
}

/** botbuilder's clients retry on their own (core-rest-pipeline's default retry policy, in its "Retry" phase). */
function withoutBuiltInRetries(connector: ConnectorClient): ConnectorClient {
  (connector as unknown as { client: { pipeline: { removePolicy(options: { phase: 'Retry' }): unknown } } }).client.pipeline.removePolicy({ phase: 'Retry' });
  return connector;
}
