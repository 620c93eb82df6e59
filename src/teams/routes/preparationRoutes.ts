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
    return frame.answer(turn, outcome, (c) => cards.keywordCardFor(c, actorId, tr, {
      message: { kind: 'info', text: tr.t('keywords.saved', { keywords: tr.list(c.picks[actorId] ?? []) }) }
    }), { draft: { keywords: data.keywords.join(',') } });
  });

  frame.on('keywords.open', async (turn) =>
    frame.answer(turn, await flow.read(turn.data.cid, turn.actorId, mayTakePart), (c) => cards.keywordCardFor(c, turn.actorId, turn.tr))
  );

  frame.on('session.start', async (turn) => frame.answer(turn, await flow.act(turn.data.cid, turn.actorId, { type: 'start' })));

  frame.on('questions.rephrase', async (turn) => {
    const outcome = await flow.act(turn.data.cid, turn.actorId, { type: 'rephrase', questionTexts: questionTextsOf(turn.raw) });
    return frame.answer(turn, outcome, undefined, { draft: draftOf(turn.raw), info: turn.tr.t('preparation.questionsSaved') });
  });
}
