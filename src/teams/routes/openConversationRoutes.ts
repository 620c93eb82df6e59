import type { ConversationFlow } from '../../app/conversationFlow';
import type { CardMessage } from '../../cards/render';
import { openConversationsCard } from '../../cards/views';
import { mayTakePart } from '../../domain/plan';
import type { Translator } from '../../i18n/catalog';
import type { ActionFrame } from '../actionFrame';
import type { CardDelivery } from '../cardDelivery';
import type { TeamsOrigin } from '../deliveries';
import { textCommands } from '../textCommands';
import { actorOf, errorMessage } from '../turnHelpers';

export interface OpenConversationRouteDependencies {
  flow: ConversationFlow<TeamsOrigin>;
  cards: CardDelivery;
}

/**
 * A person's open conversations ("mine samtaler"), and bringing one's card back into its chat: after
 * a restart, or when Teams lost the card, nothing else leads back to a conversation not yet finished.
 */
export function openConversationRoutes(frame: ActionFrame, { flow, cards }: OpenConversationRouteDependencies): void {
  const list = async (personId: string, tr: Translator, message?: CardMessage, page = 0) => openConversationsCard(await flow.openFor(personId), tr, message, page);

  frame.command(textCommands.myConversations.pattern, (context, tr) => list(actorOf(context), tr));
  frame.on('conversations.page', async (turn) => list(turn.actorId, turn.tr, undefined, turn.data.page));

  frame.on('conversation.show', async (turn) => {
    const allowed = await flow.read(turn.data.cid, turn.actorId, mayTakePart);
    // Refused on one's own list: someone outside the conversation is shown nothing of it.
    if (allowed.kind === 'not_found') return list(turn.actorId, turn.tr, { kind: 'error', text: turn.tr.t('error.conversation_not_found') });
    if (allowed.kind === 'refused') return list(turn.actorId, turn.tr, errorMessage(turn.tr, allowed.error));
    const shown = await cards.repostHome(allowed.conversation);
    return list(turn.actorId, turn.tr, shown ? { kind: 'info', text: turn.tr.t('conversations.shown') } : { kind: 'error', text: turn.tr.t('conversations.notShown') });
  });
}
