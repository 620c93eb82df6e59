import type { FilingFlowOutcome, ConversationFlow } from '../../app/conversationFlow';
import type { Verb } from '../../cards/inputs';
import { mayDownloadCopy } from '../../domain/plan';
import type { ActionFrame, ActionTurn } from '../actionFrame';
import type { TeamsOrigin } from '../deliveries';
import { filingMessage } from '../filingNotifier';

export interface PlanRouteDependencies {
  flow: ConversationFlow<TeamsOrigin>;
}

/** The finished plan: a participant's own copy, and the leader's filing of it. */
export function planRoutes(frame: ActionFrame, { flow }: PlanRouteDependencies): void {
  frame.on('plan.copy', async (turn) => frame.answer(turn, await flow.read(turn.data.cid, turn.actorId, mayDownloadCopy)));

  frame.on('plan.file', async (turn) => answerFiling(frame, turn, await flow.file(turn.data.cid, turn.actorId)));

  frame.on('filing.cancel', async (turn) => frame.answer(turn, await flow.cancelFiling(turn.data.cid, turn.actorId), { info: turn.tr.t('finished.filingCancelled') }));
}

/**
 * The finished plan with how its filing stands: filed, waiting in the outbox (it may be stopped), or
 * going on. `sayFiled: false` where the card itself shows where it was filed and nothing else was asked.
 */
export function answerFiling<V extends Verb>(frame: ActionFrame, turn: ActionTurn<V>, outcome: FilingFlowOutcome, { sayFiled = true } = {}) {
  if (outcome.kind !== 'applied') return frame.answer(turn, outcome);
  const message = 'filed' in outcome.filing && !sayFiled ? undefined : filingMessage(turn.tr, outcome.filing);
  return frame.answer(turn, outcome, { message, waiting: 'waiting' in outcome.filing });
}
