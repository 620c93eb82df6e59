import type { ConversationFlow } from '../../app/conversationFlow';
import { draftOf, questionDraft, questionTextsOf } from '../../cards/inputs';
import { startConfirmation } from '../../cards/views';
import { conceptText, suggestedWording } from '../../domain/concept';
import { mayNudge, mayTakePart } from '../../domain/plan';
import type { ActionFrame } from '../actionFrame';
import type { CardDelivery } from '../cardDelivery';
import type { TeamsOrigin } from '../deliveries';

export interface PreparationRouteDependencies {
  flow: ConversationFlow<TeamsOrigin>;
  cards: CardDelivery;
  today: () => string;
}

/** Before the conversation: everyone picks their keywords; the leader may reword the questions, move or cancel it, and starts. */
export function preparationRoutes(frame: ActionFrame, { flow, cards, today }: PreparationRouteDependencies): void {
  frame.on('keywords.pick', async (turn) => {
    const { actorId, tr, data } = turn;
    const outcome = await flow.act(data.cid, actorId, { type: 'pickKeywords', keywords: data.keywords });
    const say = outcome.kind === 'applied' ? conceptText(outcome.conversation.concept, tr.locale) : (k: string) => k;
    const picks = outcome.kind === 'applied' ? (outcome.conversation.picks[actorId] ?? []).map(say) : [];
    return frame.answer(turn, outcome, { draft: { keywords: data.keywords.join(',') }, info: tr.t('keywords.saved', { keywords: tr.list(picks) }) });
  });

  // Someone not reached privately picks on the shared card: it becomes their own keyword card, with a way back,
  // and stays theirs through the others' updates until they go back.
  frame.on('keywords.open', async (turn) => {
    const allowed = await flow.read(turn.data.cid, turn.actorId, mayTakePart);
    if (allowed.kind === 'allowed') await cards.pickInSharedChat(allowed.conversation, turn.actorId, true);
    return frame.answer(turn, allowed);
  });

  frame.on('keywords.close', async (turn) => {
    const allowed = await flow.read(turn.data.cid, turn.actorId, mayTakePart);
    if (allowed.kind === 'allowed') await cards.pickInSharedChat(allowed.conversation, turn.actorId, false);
    return frame.answer(turn, allowed);
  });

  // Starting before everyone has picked: the leader is told who has not, and confirms.
  frame.on('session.start', async (turn) => {
    const outcome = await flow.act(turn.data.cid, turn.actorId, { type: 'start', withoutPicks: turn.data.withoutPicks });
    if (outcome.kind === 'refused' && outcome.error.code === 'picks_missing') {
      return frame.answer(turn, { kind: 'allowed', conversation: outcome.conversation }, { message: startConfirmation(outcome.conversation, turn.tr) });
    }
    return frame.answer(turn, outcome);
  });

  frame.on('meeting.move', async (turn) => {
    const { data, tr } = turn;
    const outcome = await flow.act(data.cid, turn.actorId, { type: 'reschedule', date: data.meetingDate, time: data.meetingTime });
    return frame.answer(turn, outcome, { draft: draftOf(turn.raw), info: tr.t('preparation.moved') });
  });

  // The leader calls it off: the answer is the cancelled card; the meeting, the others' cards and the record follow.
  frame.on('conversation.cancel', async (turn) => {
    const outcome = await flow.cancel(turn.data.cid, turn.actorId, turn.data.cancelMessage);
    return frame.answer(turn, outcome, { draft: draftOf(turn.raw) });
  });

  frame.on('preparation.nudge', async (turn) => {
    const allowed = await flow.read(turn.data.cid, turn.actorId, mayNudge);
    if (allowed.kind !== 'allowed') return frame.answer(turn, allowed);
    const names = await cards.nudge(allowed.conversation, today());
    const info = names.length ? turn.tr.t('preparation.nudged', { names: turn.tr.list(names), count: names.length }) : turn.tr.t('preparation.nudgedNone');
    return frame.answer(turn, allowed, { info });
  });

  frame.on('questions.suggest', async (turn) => {
    const allowed = await flow.read(turn.data.cid, turn.actorId, mayTakePart);
    if (allowed.kind !== 'allowed') return frame.answer(turn, allowed);
    const c = allowed.conversation;
    return frame.answer(turn, allowed, {
      draft: { ...draftOf(turn.raw), ...questionDraft(suggestedWording(c.concept, c.kind)) },
      showQuestions: true,
      info: turn.tr.t('rephrase.used')
    });
  });

  frame.on('questions.rephrase', async (turn) => {
    const outcome = await flow.act(turn.data.cid, turn.actorId, { type: 'rephrase', questionTexts: questionTextsOf(turn.raw) });
    return frame.answer(turn, outcome, { draft: draftOf(turn.raw), info: turn.tr.t('preparation.questionsSaved') });
  });
}
