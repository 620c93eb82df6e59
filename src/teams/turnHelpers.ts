import type { TurnContext } from 'botbuilder';
import type { CardMessage } from '../cards/render';
import type { DomainError } from '../domain/errors';
import type { Translator } from '../i18n/catalog';

/** The person acting, as Teams vouches for them: never taken from card data. */
export const actorOf = (context: TurnContext): string => context.activity.from?.aadObjectId ?? '';

/** A refusal as the person reads it on the card. */
export function errorMessage(tr: Translator, error: DomainError): CardMessage {
  const params = { ...error.params };
  if (typeof params.field === 'string') params.field = fieldName(tr, params.field);
  return { kind: 'error', text: tr.t(`error.${error.code}`, params) };
}

export function fieldName(tr: Translator, field: string): string {
  try {
    return tr.t(`field.${field}`);
  } catch {
    return field;
  }
}

/** The activity comes from a chat others see (a meeting or group chat), not the person's 1:1 chat with the bot. */

/** The Entra tenant the activity comes from. */
export function tenantOf(context: TurnContext): string | undefined {
  return context.activity.conversation?.tenantId ?? context.activity.channelData?.tenant?.id;
}
