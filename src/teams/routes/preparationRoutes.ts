import type { ConversationFlow } from '../../app/conversationFlow';
import { draftOf, questionDraft, questionTextsOf } from '../../cards/inputs';
import { startConfirmation } from '../../cards/views';
import { conceptText, suggestedWording } from '../../domain/concept';
import { mayTakePart } from '../../domain/plan';
import type { ActionFrame } from '../actionFrame';
import type { CardDelivery } from '../cardDelivery';
import type { TeamsOrigin } from '../deliveries';
import { inSharedChat } from '../turnHelpers';

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
      message: { kind: 'info', text: tr.t('keywords.saved', { keywords: tr.list((c.picks[actorId] ?? []).map(conceptText(c.concept, tr.locale))) }) },
      inSharedChat: inSharedChat(turn.context)
    }), { draft: { keywords: data.keywords.join(',') } });
  });

  // Someone not reached privately picks on the shared card: it becomes their own keyword card, with a way back.
  frame.on('keywords.open', async (turn) =>
    frame.answer(turn, await flow.read(turn.data.cid, turn.actorId, mayTakePart), (c) => cards.keywordCardFor(c, turn.actorId, turn.tr, { inSharedChat: inSharedChat(turn.context) }))
  );

  frame.on('keywords.close', async (turn) => frame.answer(turn, await flow.read(turn.data.cid, turn.actorId, mayTakePart), (c) => cards.homeView(c, turn.tr)));

  // Starting before everyone has picked: the leader is told who has not, and confirms.
  frame.on('session.start', async (turn) => {
    const outcome = await flow.act(turn.data.cid, turn.actorId, { type: 'start', withoutPicks: turn.data.withoutPicks });
    if (outcome.kind === 'refused' && outcome.error.code === 'picks_missing') return cards.homeView(outcome.conversation, turn.tr, { message: startConfirmation(outcome.conversation, turn.tr) });
    return frame.answer(turn, outcome);
  });

  frame.on('questions.suggest', async (turn) =>
    frame.answer(turn, await flow.read(turn.data.cid, turn.actorId, mayTakePart), (c) => cards.homeView(c, turn.tr, {
      draft: { ...draftOf(turn.raw), ...questionDraft(suggestedWording(c.concept, c.kind)) },
      showQuestions: true,
      message: { kind: 'info', text: turn.tr.t('rephrase.used') }
    }))
  );

  frame.on('questions.rephrase', async (turn) => {
    const outcome = await flow.act(turn.data.cid, turn.actorId, { type: 'rephrase', questionTexts: questionTextsOf(turn.raw) });
    return frame.answer(turn, outcome, undefined, { draft: draftOf(turn.raw), info: turn.tr.t('preparation.questionsSaved') });
  });
}
