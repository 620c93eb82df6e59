import type { ConversationFlow } from '../../app/conversationFlow';
import { draftOf, questionTextsOf } from '../../cards/inputs';
import { mayTakePart } from '../../domain/plan';
import type { ActionFrame } from '../actionFrame';
import type { CardDelivery } from '../cardDelivery';
import type { TeamsOrigin } from '../deliveries';

export interface PreparationRouteDependencies {
  flow: ConversationFlow<TeamsOrigin>;
  cards: CardDelivery;
}

/** Before the conversation: everyone picks their keywords, the leader may reword the questions and starts. */
export function preparationRoutes(frame: ActionFrame, { flow, cards }: PreparationRouteDependencies): void {
  frame.on('keywords.pick', async (turn) => {
    const { actorId, tr, data } = turn;
    const outcome = await flow.act(data.cid, actorId, { type: 'pickKeywords', keywords: data.keywords });
    const picks = outcome.kind === 'applied' ? (outcome.conversation.picks[actorId] ?? []) : [];
    return frame.answer(turn, outcome, { draft: { keywords: data.keywords.join(',') }, info: tr.t('keywords.saved', { keywords: tr.list(picks) }) });
  });

  // Someone the bot could not reach privately picks on the shared card; it stays their keyword card until they go back.
  frame.on('keywords.open', async (turn) => {
    const allowed = await flow.read(turn.data.cid, turn.actorId, mayTakePart);
    if (allowed.kind === 'allowed') await cards.pickInSharedChat(allowed.conversation, turn.actorId, true);
    return frame.answer(turn, allowed);
  });

  frame.on('session.start', async (turn) => frame.answer(turn, await flow.act(turn.data.cid, turn.actorId, { type: 'start' })));

  frame.on('questions.rephrase', async (turn) => {
    const outcome = await flow.act(turn.data.cid, turn.actorId, { type: 'rephrase', questionTexts: questionTextsOf(turn.raw) });
    return frame.answer(turn, outcome, { draft: draftOf(turn.raw), info: turn.tr.t('preparation.questionsSaved') });
  });
}
