import { TeamsAdapter, type Application, type TurnState } from '@microsoft/teams-ai';
import { CallerIdConstants, ConfigurationBotFrameworkAuthentication, type ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import { AuthenticationConstants } from 'botframework-connector';
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
 * checked from the header before the body is read (signature, issuer, audience, lifetime: a forged
 * or foreign token is a 401 here, where botbuilder would answer some with 500); the adapter checks
 * it with the activity (the service URL it names, the channel's endorsement: an AuthenticationError,
 * 401) before the bot runs the turn. Two checks per request, not three.
 */
export function messagesEndpoint(framework: ReturnType<typeof botFramework>, bot: Application<TurnState>, log: Logger): MessagesEndpoint {
  const { validToken } = framework;
  return {
    admits: async (authorization) => {
      if (!validToken || (await validToken(authorization))) return true;
      log.warn('request refused: invalid token');
      return false;
    },
    handle: async (req, res) => {
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
