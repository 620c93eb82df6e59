import { TeamsAdapter, type Application, type TurnState } from '@microsoft/teams-ai';
import { CallerIdConstants, ConfigurationBotFrameworkAuthentication, type ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import { AuthenticationConstants } from 'botframework-connector';
import type { Response } from 'restify';
import type { MessagesEndpoint } from '../http/server';
import type { Config } from '../config';
import type { Logger } from '../log';
import { tokenChecker } from './requestAuthentication';

/** The Bot Framework side of Teams: the adapter that runs turns, and the authentication its calls are made with. */
export function botFramework(config: Config, log: Logger) {
  const options = botAuthentication(config);
  const adapter = new TeamsAdapter(options);
  adapter.onTurnError = async (context, error) => {
    log.error('turn failed', { activity: context.activity.type, error: error.message });
  };
  return {
    adapter,
    authentication: new ConfigurationBotFrameworkAuthentication(options),
    validToken: config.mode === 'local' ? undefined : tokenChecker(options)
  };
}

/**
 * `/api/messages`: every request outside local mode carries a valid Bot Connector token. It is
 * checked from the header before the body is read (signature, issuer, audience, lifetime), and
 * again with the activity (the service URL it names, the channel's endorsement) before the adapter
 * sees it; then the bot runs the turn.
 */
export function messagesEndpoint(framework: ReturnType<typeof botFramework>, bot: Application<TurnState>, log: Logger): MessagesEndpoint {
  const { validToken } = framework;
  const refused = (res: Response) => {
    log.warn('request refused: invalid token');
    res.send(401, { error: 'Unauthorized' });
  };
  return {
    admits: async (authorization) => {
      // Without an activity yet: an empty channel and service URL skip the two checks that need one.
      if (!validToken || (await validToken({ channelId: '', serviceUrl: '' }, authorization))) return true;
      log.warn('request refused: invalid token');
      return false;
    },
    handle: async (req, res) => {
      if (validToken && !(await validToken(req.body ?? {}, req.header('authorization') ?? ''))) return refused(res);
      await framework.adapter.process(req, res, (context) => bot.run(context).then(() => undefined));
    }
  };
}

/**
 * The adapter's authentication settings. Overriding one Bot Framework endpoint makes botbuilder
 * expect all of them, so an override is completed with the public cloud's values.
 */
function botAuthentication(config: Config): ConfigurationBotFrameworkAuthenticationOptions {
  if (!config.botOpenIdMetadataUrl && !config.botOAuthUrl) return config.auth;
  return {
    ...config.auth,
    ValidateAuthority: true,
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
    OAuthUrl: config.botOAuthUrl ?? AuthenticationConstants.OAuthUrl,
    ToBotFromChannelOpenIdMetadataUrl: config.botOpenIdMetadataUrl ?? AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    CallerId: CallerIdConstants.PublicAzureChannel
  };
}
