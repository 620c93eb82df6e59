import type { ConversationFlow } from '../../app/conversationFlow';
import { mayTakePart } from '../../domain/plan';
import type { ActionFrame } from '../actionFrame';
import type { CardDelivery } from '../cardDelivery';
import type { TeamsOrigin } from '../deliveries';
import { filingMessage } from '../filingNotifier';

export interface PlanRouteDependencies {
  flow: ConversationFlow<TeamsOrigin>;
  cards: CardDelivery;
}

/** The finished plan: a participant's own copy, and the leader's filing of it. */
export function planRoutes(frame: ActionFrame, { flow, cards }: PlanRouteDependencies): void {
  frame.on('plan.copy', async (turn) =>
    frame.answer(turn, await flow.read(turn.data.cid, turn.actorId, mayTakePart), (c) => cards.finishedCardFor(c, turn.actorId, turn.tr))
  );

  frame.on('plan.file', async (turn) => {
    const outcome = await flow.file(turn.data.cid, turn.actorId);
    if (outcome.kind !== 'applied') return frame.answer(turn, outcome);
    return cards.finishedCardFor(outcome.conversation, turn.actorId, turn.tr, filingMessage(turn.tr, outcome.filing), !('filed' in outcome.filing));
  });

  frame.on('filing.cancel', async (turn) =>
    frame.answer(turn, await flow.cancelFiling(turn.data.cid, turn.actorId), (c) =>
      cards.finishedCardFor(c, turn.actorId, turn.tr, { kind: 'info', text: turn.tr.t('finished.filingCancelled') })
    )
  );
}
