import type { AccessToken } from '@azure/identity';
import type { Application, TurnState } from '@microsoft/teams-ai';
import {
  ActivityTypes,
  CardFactory,
  tokenExchangeOperationName,
  TurnContext,
  verifyStateOperationName,
  type Activity,
  type ConversationReference
} from 'botbuilder';
import type { BotFrameworkAuthentication, UserTokenClient } from 'botframework-connector';
import { z } from 'zod';
import { FilingError, type Records } from '../app/ports';
import type { Translator } from '../i18n/catalog';
import type { Logger } from '../log';
import { botIdentity } from './botIdentity';
import type { Messenger } from './messenger';
import { actorOf } from './turnHelpers';

/** A person who signed in for delegated filing: the token service keeps their token under their Teams user id. */
export interface SignedIn {
  teamsUserId: string;
  at: string;
}

export interface FilingSignInDependencies {
  authentication: BotFrameworkAuthentication;
  botAppId: string;
  /** The Azure Bot's OAuth connection that yields a Graph token with Files.ReadWrite for the signed-in person. */
  connectionName: string;
  signIns: Records<SignedIn>;
  messenger: Messenger;
  now: () => Date;
  log: Logger;
}

const tokenExchange = z.object({ id: z.string().optional(), connectionName: z.string(), token: z.string().min(1) });
const verifyState = z.object({ state: z.string().min(1) });

/**
 * Delegated filing through Teams SSO. A leader signs in once (Teams exchanges its SSO token through
 * the Azure Bot's OAuth connection; the sign-in button is the fallback when consent is missing), and
 * the Bot Framework token service keeps their Graph token fresh from then on: plans waiting in the
 * outbox are filed as the leader later too, without the leader present.
 */
export class FilingSignIn {
  constructor(private readonly deps: FilingSignInDependencies) {}

  /** The owner's own Graph token; a FilingError 'signIn' when they have not signed in, or their sign-in has lapsed. */
  readonly tokenFor = async (ownerId: string): Promise<AccessToken> => {
    const signedIn = await this.deps.signIns.get(ownerId);
    if (!signedIn) throw new FilingError('signIn', undefined, 'the owner of the personnel folder has not signed in');
    let response;
    try {
      response = await (await this.client()).getUserToken(signedIn.teamsUserId, this.deps.connectionName, 'msteams', '');
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode;
      throw new FilingError('unavailable', status, `Bot Framework token service: ${status ?? (error as Error).message}`);
    }
    if (!response?.token) throw new FilingError('signIn', undefined, 'the token service holds no token for the owner: sign in again');
    return { token: response.token, expiresOnTimestamp: Date.parse(response.expiration ?? '') || this.deps.now().getTime() + 5 * 60_000 };
  };

  /** Sends the sign-in card into a chat: Teams signs in silently where it can, else the person presses the button. */
  async prompt(reference: Partial<ConversationReference>, tr: Translator): Promise<void> {
    const { connectionName } = this.deps;
    // The sign-in state names the chat it was asked in, as if the person had written there.
    const asked = TurnContext.applyConversationReference({ type: ActivityTypes.Message }, reference, true) as Activity;
    const resource = await (await this.client()).getSignInResource(connectionName, asked, '');
    await this.deps.messenger.send(reference, CardFactory.oauthCard(connectionName, tr.t('signIn.button'), tr.t('signIn.text'), resource.signInLink, resource.tokenExchangeResource));
  }

  /**
   * Teams' two answers to the sign-in card: an SSO token to exchange, or the code a manual sign-in
   * gave. Either way the token is the acting person's own, so it can only file that person's plans.
   */
  register(app: Application<TurnState>, signedIn: (personId: string) => Promise<void>): void {
    const isInvoke = (name: string) => async (context: TurnContext) => context.activity.type === ActivityTypes.Invoke && context.activity.name === name;
    app.addRoute(
      isInvoke(tokenExchangeOperationName),
      async (context) => {
        const request = tokenExchange.safeParse(context.activity.value);
        const exchanged = request.success ? await this.attempt(context, (client, userId) => client.exchangeToken(userId, this.deps.connectionName, context.activity.channelId, { token: request.data.token })) : undefined;
        const body = { id: request.data?.id, connectionName: this.deps.connectionName };
        if (!exchanged) {
          // 412 tells Teams to fall back to the sign-in button (consent not given yet, or a token from elsewhere).
          await respond(context, 412, { ...body, failureDetail: 'The bot is unable to exchange token. Proceed with regular login.' });
          return;
        }
        await respond(context, 200, body);
        await this.remember(context, signedIn);
      },
      true
    );
    app.addRoute(
      isInvoke(verifyStateOperationName),
      async (context) => {
        const request = verifyState.safeParse(context.activity.value);
        const token = request.success ? await this.attempt(context, (client, userId) => client.getUserToken(userId, this.deps.connectionName, context.activity.channelId, request.data.state)) : undefined;
        await respond(context, token ? 200 : 404);
        if (token) await this.remember(context, signedIn);
      },
      true
    );
  }

  /** Ends the acting person's sign-in: the token service forgets their token; true if they were signed in. */
  async signOut(context: TurnContext): Promise<boolean> {
    const personId = actorOf(context);
    const signedIn = personId ? await this.deps.signIns.get(personId) : undefined;
    await (await this.client()).signOutUser(context.activity.from.id, this.deps.connectionName, context.activity.channelId);
    if (signedIn) await this.deps.signIns.delete(personId);
    this.deps.log.info('signed out from filing');
    return signedIn !== undefined;
  }

  /** Asks the token service on the acting person's behalf; a refusal or failure is logged and counts as no token. */
  private async attempt(context: TurnContext, ask: (client: UserTokenClient, teamsUserId: string) => Promise<{ token?: string } | undefined>): Promise<string | undefined> {
    try {
      return (await ask(await this.client(), context.activity.from.id))?.token || undefined;
    } catch (error) {
      this.deps.log.warn('sign-in not completed', { activity: context.activity.name, status: (error as { statusCode?: number }).statusCode });
      return undefined;
    }
  }

  private async remember(context: TurnContext, signedIn: (personId: string) => Promise<void>): Promise<void> {
    const personId = actorOf(context);
    if (!personId) return;
    await this.deps.signIns.put(personId, { teamsUserId: context.activity.from.id, at: this.deps.now().toISOString() });
    this.deps.log.info('signed in for filing');
    // Not awaited: Teams wants its answer within seconds, and filing a large GRUS takes longer.
    void signedIn(personId).catch((error: Error) => this.deps.log.error('filing after sign-in failed', { error: error.message }));
  }

  /** The token service client, as the bot itself: it works outside a turn too (the outbox retries in the background). */
  private client(): Promise<UserTokenClient> {
    return this.deps.authentication.createUserTokenClient(botIdentity(this.deps.botAppId));
  }
}

function respond(context: TurnContext, status: number, body?: unknown): Promise<unknown> {
  return context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status, body } });
}
