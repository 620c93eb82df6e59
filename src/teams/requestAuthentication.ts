import { ConfigurationBotFrameworkAuthentication, type ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import type { Activity } from 'botbuilder';

/**
 * Checks the Bot Connector's token on an incoming request before the adapter sees it. botbuilder
 * answers some invalid tokens (a forged signature) with 500; every one of them is a 401 here.
 */
export function tokenChecker(options: ConfigurationBotFrameworkAuthenticationOptions): (activity: Partial<Activity>, authorization: string) => Promise<boolean> {
  const authentication = new ConfigurationBotFrameworkAuthentication(options);
  return async (activity, authorization) => {
    try {
      await authentication.authenticateRequest(activity as Activity, authorization);
      return true;
    } catch {
      return false;
    }
  };
}
