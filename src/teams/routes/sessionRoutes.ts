import type { ConversationFlow } from '../../app/conversationFlow';
import { agreementOf, draftOf, outcomesOf, typedAgreementOf } from '../../cards/inputs';
import { agreementSaved } from '../../cards/views';
import { currentStep, type DevelopmentConversation } from '../../domain/conversation';
import type { DomainErrorCode } from '../../domain/errors';
import type { AgreementInput, Command } from '../../domain/operations';
import { mayWorkOnAgreements } from '../../domain/plan';
import type { ActionFrame } from '../actionFrame';
import type { TeamsOrigin } from '../deliveries';
import { answerFiling } from './planRoutes';

export interface SessionRouteDependencies {
  flow: ConversationFlow<TeamsOrigin>;
}

/** Refusals to finish that the review card itself states: answered with the review alone (when it is showing), not a second message. */
const shownOnReview = new Set<DomainErrorCode>(['plan_empty', 'plan_incomplete', 'members_without_plan']);

/** The agreement a save stored: the one it names (edited, or its form's), else the one that is new. */
function savedAgreement(before: DevelopmentConversation, after: DevelopmentConversation, input: AgreementInput) {
  const id = input.id ?? input.newId;
  return after.agreements.find((a) => (id ? a.id === id : !before.agreements.some((b) => b.id === a.id)));
}

/** The conversation itself: walking the steps with notes and keywords in play, the agreements, finishing. */
export function sessionRoutes(frame: ActionFrame, { flow }: SessionRouteDependencies): void {
  frame.on('session.goto', async (turn) => frame.answer(turn, await flow.act(turn.data.cid, turn.actorId, { type: 'goToStep', step: turn.data.step })));

  frame.on('session.navigate', async (turn) => {
    const { data, raw, tr, asked } = turn;
    // What was typed into an agreements form goes with the step, so moving on saves it: nothing typed is lost.
    const typed = typedAgreementOf(raw);
    if (typed && !typed.ok) return frame.invalidInput(turn, typed.field);
    const agreement = typed && agreementOf(typed.data, turn.actorId);
    const outcomes = Object.entries(outcomesOf(raw)).map(([id, text]) => [id, { text, base: data.outcomeBase[id] ?? '' }]);
    const command: Command = {
      type: 'saveStep',
      atStep: data.atStep,
      move: asked as 'next' | 'back' | 'stay' | 'review',
      ...(data.note !== undefined ? { note: { text: data.note, base: data.noteBase } } : {}),
      ...(data.inPlay !== undefined ? { keywords: { selected: data.inPlay, base: data.inPlayBase } } : {}),
      ...(outcomes.length ? { outcomes: Object.fromEntries(outcomes) } : {}),
      ...(agreement ? { agreement } : {})
    };
    const outcome = await flow.act(data.cid, turn.actorId, command);
    if (outcome.kind !== 'applied') return frame.answer(turn, outcome, { draft: draftOf(raw) });
    // Moving on from a half-filled form saved it: say so, and what it still needs.
    const saved = agreement && savedAgreement(outcome.before, outcome.conversation, agreement);
    const message = outcome.stale
      ? { kind: 'info' as const, text: tr.t('session.stale') }
      : saved ? agreementSaved(saved, tr, asked !== 'stay') : asked === 'stay' ? { kind: 'info' as const, text: tr.t('session.saved') } : undefined;
    return frame.answer(turn, outcome, { message });
  });

  frame.on('agreement.save', async (turn) => {
    const agreement = agreementOf(turn.data, turn.actorId);
    const outcome = await flow.act(turn.data.cid, turn.actorId, { type: 'saveAgreement', agreement });
    if (outcome.kind !== 'applied') return frame.answer(turn, outcome, { draft: draftOf(turn.raw) });
    const saved = savedAgreement(outcome.before, outcome.conversation, agreement);
    return frame.answer(turn, outcome, { message: saved && agreementSaved(saved, turn.tr, false) });
  });

  frame.on('agreement.delete', async (turn) => {
    const outcome = await flow.act(turn.data.cid, turn.actorId, { type: 'deleteAgreement', agreementId: turn.data.agreementId });
    return frame.answer(turn, outcome, { info: turn.tr.t('agreement.deleted') });
  });

  frame.on('agreement.edit', async (turn) =>
    frame.answer(turn, await flow.read(turn.data.cid, turn.actorId, mayWorkOnAgreements), { editingId: turn.data.agreementId })
  );

  frame.on('agreement.cancel', async (turn) => frame.answer(turn, await flow.read(turn.data.cid, turn.actorId, mayWorkOnAgreements)));

  frame.on('session.finish', async (turn) => {
    const outcome = await flow.finish(turn.data.cid, turn.actorId);
    if (outcome.kind === 'refused' && shownOnReview.has(outcome.error.code) && currentStep(outcome.conversation).kind === 'review') {
      return frame.answer(turn, { kind: 'allowed', conversation: outcome.conversation });
    }
    // Filed at once: the card says where; a plan waiting or still being filed says why.
    return answerFiling(frame, turn, outcome, { sayFiled: false });
  });
}
