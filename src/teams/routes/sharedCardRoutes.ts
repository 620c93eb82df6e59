import type { ConversationFlow } from '../../app/conversationFlow';
import { mayTakePart } from '../../domain/plan';
import type { ActionFrame } from '../actionFrame';
import type { CardDelivery } from '../cardDelivery';
import type { TeamsOrigin } from '../deliveries';

export interface SharedCardRouteDependencies {
  flow: ConversationFlow<TeamsOrigin>;
  cards: CardDelivery;
}

/** The shared card in a meeting chat, shown to each person as their own view. */
export function sharedCardRoutes(frame: ActionFrame, { flow, cards }: SharedCardRouteDependencies): void {
  // Teams asks for a person's view when the card changes or they open the chat (or they press "show"): a participant
  // gets theirs, anyone else the card that shows nothing.
  frame.on('card.refresh', async (turn) => {
    const allowed = await flow.read(turn.data.cid, turn.actorId, () => ({ ok: true, value: undefined }));
    if (allowed.kind === 'not_found') return frame.notFound(turn.tr);
    return cards.sharedViewFor(allowed.conversation, turn.actorId, turn.tr);
  });

  // A long list of agreements is paged; on the shared card the page is kept for the person, so the next update shows it to them again.
  frame.on('card.page', async (turn) => {
    const allowed = await flow.read(turn.data.cid, turn.actorId, mayTakePart);
    if (allowed.kind === 'allowed') await cards.keepPage(allowed.conversation, turn.actorId, turn.data.page);
    return frame.answer(turn, allowed, { page: turn.data.page, editingId: turn.data.agreementId });
  });
}
