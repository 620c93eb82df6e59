import type { ConversationFlow } from '../../app/conversationFlow';
import { agreementOf, draftOf, outcomesOf, typedAgreementOf } from '../../cards/inputs';
import type { Command } from '../../domain/operations';
import { mayWorkOnAgreements } from '../../domain/plan';
import type { ActionFrame } from '../actionFrame';
import type { TeamsOrigin } from '../deliveries';
import { answerFiling } from './planRoutes';

export interface SessionRouteDependencies {
  flow: ConversationFlow<TeamsOrigin>;
}

/** The conversation itself: walking the steps with notes and keywords in play, the agreements, finishing. */
export function sessionRoutes(frame: ActionFrame, { flow }: SessionRouteDependencies): void {
  frame.on('session.goto', async (turn) => frame.answer(turn, await flow.act(turn.data.cid, turn.actorId, { type: 'goToStep', step: turn.data.step })));

  frame.on('session.navigate', async (turn) => {
    const { data, raw, tr, asked } = turn;
    // What was typed into an agreements form goes with the step, so moving on saves it: nothing typed is lost.
    const typed = typedAgreementOf(raw);
    if (typed && !typed.ok) return frame.invalidInput(turn, typed.field);
    const outcomes = Object.entries(outcomesOf(raw)).map(([id, text]) => [id, { text, base: data.outcomeBase[id] ?? '' }]);
    const command: Command = {
      type: 'saveStep',
      atStep: data.atStep,
      move: asked as 'next' | 'back' | 'stay',
      ...(data.note !== undefined ? { note: { text: data.note, base: data.noteBase } } : {}),
      ...(data.inPlay !== undefined ? { keywords: { selected: data.inPlay, base: data.inPlayBase } } : {}),
      ...(outcomes.length ? { outcomes: Object.fromEntries(outcomes) } : {}),
      ...(typed ? { agreement: agreementOf(typed.data) } : {})
    };
    const outcome = await flow.act(data.cid, turn.actorId, command);
    const info = outcome.kind === 'applied' && outcome.stale ? tr.t('session.stale') : asked === 'stay' ? tr.t('session.saved') : undefined;
    return frame.answer(turn, outcome, { draft: draftOf(raw), info });
  });

  frame.on('agreement.save', async (turn) => {
    const outcome = await flow.act(turn.data.cid, turn.actorId, { type: 'saveAgreement', agreement: agreementOf(turn.data) });
    return frame.answer(turn, outcome, { draft: draftOf(turn.raw), info: turn.tr.t('agreement.saved') });
  });

  frame.on('agreement.delete', async (turn) => {
    const outcome = await flow.act(turn.data.cid, turn.actorId, { type: 'deleteAgreement', agreementId: turn.data.agreementId });
    return frame.answer(turn, outcome, { info: turn.tr.t('agreement.deleted') });
  });

  frame.on('agreement.edit', async (turn) =>
    frame.answer(turn, await flow.read(turn.data.cid, turn.actorId, mayWorkOnAgreements), { editingId: turn.data.agreementId })
  );

  frame.on('agreement.cancel', async (turn) => frame.answer(turn, await flow.read(turn.data.cid, turn.actorId, mayWorkOnAgreements)));

  frame.on('session.finish', async (turn) => answerFiling(frame, turn, await flow.finish(turn.data.cid, turn.actorId)));
}
