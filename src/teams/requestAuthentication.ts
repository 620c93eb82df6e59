import { ConfigurationBotFrameworkAuthentication, type ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import type { Activity } from 'botbuilder';

/**
 * Checks the Bot Connector's token from a request's header alone, before its body is read:
 * signature, issuer, audience, lifetime. (An empty channel and service URL skip the two checks that
 * need the activity; the adapter makes them.) botbuilder answers some invalid tokens (a forged
 * signature) with 500; every one of them is a 401 here.
 */
export function tokenChecker(options: ConfigurationBotFrameworkAuthenticationOptions): (authorization: string) => Promise<boolean> {
  const authentication = new ConfigurationBotFrameworkAuthentication(options);
  return async (authorization) => {
    try {
      await authentication.authenticateRequest({ channelId: '', serviceUrl: '' } as Activity, authorization);
      return true;
    } catch {
      return false;
    }
  };
}
