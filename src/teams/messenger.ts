import {
  CardFactory,
  MessageFactory,
  TeamsInfo,
  type CloudAdapter,
  type ConversationReference,
  TurnContext,
  type TeamsChannelAccount
} from 'botbuilder';
import type { BotFrameworkAuthentication, ConnectorClient, ConnectorFactory } from 'botframework-connector';
import type { AdaptiveCardJson } from '../cards/render';
import { botIdentity } from './botIdentity';

/** What the bot sends: an Adaptive Card, or a line of text. */
export type Outgoing = AdaptiveCardJson | string;

export function activityOf(message: Outgoing) {
  return typeof message === 'string' ? MessageFactory.text(message) : MessageFactory.attachment(CardFactory.adaptiveCard(message));
}

/**
 * Proactive messaging over the Bot Connector: sending into a stored conversation, updating a
 * card in place, and opening a 1:1 chat with a person.
 */
export class Messenger {
  private readonly connectorFactory: ConnectorFactory;
  private readonly connectors = new Map<string, Promise<ConnectorClient>>();

  constructor(private readonly adapter: CloudAdapter, private readonly botAppId: string, authentication: BotFrameworkAuthentication) {
    this.connectorFactory = authentication.createConnectorFactory(botIdentity(botAppId));
  }

  /**
   * Sends into a stored conversation. Sends and updates — a turn's most frequent calls — go straight
   * through one kept Bot Connector client per service URL: continuing the conversation through the
   * adapter would build a new client and token client, each with its HTTP pipeline, for every one.
   */
  async send(reference: Partial<ConversationReference>, message: Outgoing): Promise<string | undefined> {
    const activity = TurnContext.applyConversationReference(activityOf(message), reference);
    const conversationId = reference.conversation!.id;
    const connector = await this.connectorFor(reference.serviceUrl!);
    const sent = activity.replyToId
      ? await connector.conversations.replyToActivity(conversationId, activity.replyToId, activity)
      : await connector.conversations.sendToConversation(conversationId, activity);
    return sent?.id;
  }

  async update(reference: Partial<ConversationReference>, activityId: string, card: AdaptiveCardJson): Promise<void> {
    const activity = { ...TurnContext.applyConversationReference(activityOf(card), reference), id: activityId };
    await (await this.connectorFor(reference.serviceUrl!)).conversations.updateActivity(reference.conversation!.id, activityId, activity);
  }

  private connectorFor(serviceUrl: string): Promise<ConnectorClient> {
    let connector = this.connectors.get(serviceUrl);
    if (!connector) {
      connector = this.connectorFactory.create(serviceUrl);
      // A client that could not be made (credentials) is not kept: the next send tries again.
      connector.catch(() => this.connectors.delete(serviceUrl));
      this.connectors.set(serviceUrl, connector);
    }
    return connector;
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

  /** Opens (or finds) the 1:1 chat between the bot and a person; fails when the app is not installed for them. */
  async openPersonalChat(from: Partial<ConversationReference>, tenantId: string | undefined, userId: string): Promise<Partial<ConversationReference>> {
    let reference: Partial<ConversationReference> | undefined;
    await this.adapter.createConversationAsync(
      this.botAppId,
      'msteams',
      from.serviceUrl ?? '',
      '',
      {
        isGroup: false,
        bot: from.bot!,
        members: [{ id: userId, name: '' }],
        tenantId,
        channelData: { tenant: { id: tenantId } }
      } as never,
      async (context) => {
        // The chat's user is the person, not whoever acted where the chat was opened from.
        reference = context.activity.conversation ? { ...from, user: { id: userId, name: '' }, conversation: { ...context.activity.conversation, conversationType: 'personal', tenantId } } : undefined;
      }
    );
    if (!reference) throw new Error('no conversation was created');
    return reference;
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
}
