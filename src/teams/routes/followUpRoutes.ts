import type { ConversationService } from '../../app/conversationService';
import type { FollowUps } from '../../app/followUps';
import type { PlanLinks } from '../../app/planLinks';
import { followUpInputsOf, inputNames, searchDatasets, type Draft } from '../../cards/inputs';
import { followUpListCard, reminderCard, yearlyCard } from '../../cards/followUpViews';
import type { AdaptiveCardJson, CardMessage } from '../../cards/render';
import type { FollowUpCommand } from '../../domain/followUp';
import type { Translator } from '../../i18n/catalog';
import type { Logger } from '../../log';
import type { ActionFrame, ActionTurn } from '../actionFrame';
import { textCommands } from '../textCommands';
import { actorOf, errorMessage, fieldName } from '../turnHelpers';

/** At most this many agreements in the list, a page at a time as the size Teams accepts allows; the filter by employee finds the rest. */
const LIST_LIMIT = 100;

export interface FollowUpRouteDependencies {
  followUps: FollowUps;
  conversations: ConversationService;
  links: PlanLinks;
  log: Logger;
}

/**
 * Follow-up after the conversation, from a reminder card or the list of open agreements: mark an
 * agreement as followed up, postpone it, or list what is open; and the leader's yearly overview.
 * The acting person is Teams' word, and the domain decides whether they may.
 */
export function followUpRoutes(frame: ActionFrame, deps: FollowUpRouteDependencies): void {
  const { followUps, conversations, links } = deps;

  type Answer = { message?: CardMessage; answer?: { cid: string; agreementId: string; message: CardMessage }; draft?: Draft };
  const view = (actorId: string, answer: Answer = {}) => ({
    viewerId: actorId,
    today: conversations.today(),
    planUrl: (c: { id: string }) => links.urlFor({ conversationId: c.id, personId: actorId }),
    ...answer
  });

  async function list(actorId: string, employeeId: string, tr: Translator, answer?: Answer, page = 0): Promise<AdaptiveCardJson> {
    return followUpListCard(await followUps.openFor(actorId, employeeId, LIST_LIMIT), tr, { ...view(actorId, answer), page });
  }

  async function act(turn: ActionTurn<'followup.done' | 'followup.postpone'>, type: FollowUpCommand['type']): Promise<AdaptiveCardJson> {
    const { actorId, data, tr, raw } = turn;
    const names = inputNames.followUp(data.cid, data.agreementId);
    const draft: Draft = { [names.note]: String(raw[names.note] ?? ''), [names.to]: String(raw[names.to] ?? '') };
    // The answer goes beside the agreement it is about.
    const respond = async (message: CardMessage, keepDraft: boolean) => {
      const answer: Answer = { answer: { cid: data.cid, agreementId: data.agreementId, message }, draft: keepDraft ? draft : undefined };
      if (data.view === 'list') return list(actorId, data.employeeId, tr, answer, data.page);
      const conversation = await conversations.get(data.cid);
      return reminderCard({ conversation: conversation!, agreementId: data.agreementId }, tr, view(actorId, answer));
    };
    const inputs = followUpInputsOf(raw, data.cid, data.agreementId);
    if (!inputs.ok) return respond({ kind: 'error', text: tr.t('error.invalid_input', { field: fieldName(tr, inputs.field) }) }, true);
    const command: FollowUpCommand = type === 'followUp'
      ? { type, agreementId: data.agreementId, note: inputs.data.note }
      : { type, agreementId: data.agreementId, to: inputs.data.to, from: data.from };
    const outcome = await followUps.act(data.cid, actorId, command);
    if (outcome.kind === 'not_found') return list(actorId, '', tr, { message: { kind: 'error', text: tr.t('error.conversation_not_found') } });
    if (outcome.kind === 'refused') {
      deps.log.info('follow-up refused', { conversation: data.cid, reason: outcome.error.code });
      const message = errorMessage(tr.forKind(outcome.conversation.kind), outcome.error);
      // Someone outside the conversation sees only their own list, never this conversation's agreement.
      if (outcome.error.code === 'not_participant') return list(actorId, '', tr, { message });
      return respond(message, true);
    }
    const agreement = outcome.conversation.agreements.find((a) => a.id === data.agreementId);
    const text = type === 'followUp' ? tr.t('followUp.markedDone') : tr.t('followUp.postponedTo', { date: tr.date(agreement?.followUpDate ?? '') });
    return respond({ kind: 'info', text }, false);
  }

  async function yearly(actorId: string, tr: Translator, page = 0): Promise<AdaptiveCardJson> {
    const { rows, fromDirectory, picture } = await followUps.yearly(actorId);
    return yearlyCard(rows, fromDirectory, tr, picture, page);
  }

  frame.command(textCommands.followUps.pattern, (context, tr) => list(actorOf(context), '', tr));
  frame.command(textCommands.yearlyOverview.pattern, (context, tr) => yearly(actorOf(context), tr));
  // The employee filter of a leader with many people searches their people as they type.
  frame.search(searchDatasets.employees, async (context, text, count) => {
    const wanted = text.toLocaleLowerCase('da');
    const { employees } = await followUps.openFor(actorOf(context), '', LIST_LIMIT);
    return employees.filter((e) => e.name.toLocaleLowerCase('da').includes(wanted)).slice(0, count).map((e) => ({ title: e.name, value: e.id }));
  });
  frame.on('followup.list', async ({ actorId, data, tr }) => list(actorId, data.employeeId, tr, undefined, data.page));
  frame.on('yearly.page', async ({ actorId, data, tr }) => yearly(actorId, tr, data.page));
  frame.on('followup.done', (turn) => act(turn, 'followUp'));
  frame.on('followup.postpone', (turn) => act(turn, 'postpone'));
}

