import { AuthenticationConstants, ClaimsIdentity } from 'botframework-connector';

/** The bot itself, as botbuilder's claims: what calls made outside a turn (Bot Connector, token service) are made as. */
export function botIdentity(botAppId: string): ClaimsIdentity {
  return new ClaimsIdentity(
    [
      { type: AuthenticationConstants.AudienceClaim, value: botAppId },
      { type: AuthenticationConstants.AppIdClaim, value: botAppId }
    ],
    true
  );
}
