import type { TurnContext } from 'botbuilder';
import type { ActOutcome, ConversationService } from '../app/conversationService';
import { openAgreementsFor } from '../app/followUps';
import type { PlanLinks } from '../app/planLinks';
import type { ReminderService } from '../app/reminderService';
import { followUpInputs, followUpListCard, reminderCard, yearlyCard } from '../cards/followUpViews';
import type { Directory } from '../directory/directory';
import { yearlyOverview } from '../domain/yearly';
import type { AdaptiveCardJson, CardMessage } from '../cards/render';
import type { Draft } from '../cards/views';
import type { FollowUpCommand } from '../domain/followUp';
import type { Translator } from '../i18n/catalog';
import type { Logger } from '../log';
import { followUpInputsOf, type CardData } from './cardData';
import { actorOf, errorMessage, fieldName } from './turnHelpers';

/** At most this many agreements on one list card: Teams refuses cards over about 28 KB. */
const LIST_LIMIT = 12;

export interface FollowUpDependencies {
  conversations: ConversationService;
  reminders: ReminderService;
  links: PlanLinks;
  directory: Directory;
  /** How many days before the yearly conversation is due that it counts as due soon. */
  annualNoticeDays: number;
  log: Logger;
}

type FollowUpData = CardData<'followup.done'>;

/**
 * Follow-up after the conversation, from a reminder card or the list of open agreements: mark an
 * agreement as followed up, postpone it, or list what is open. The acting person is Teams' word
 * (`actorId`), and the domain decides whether they may.
 */
export function followUpActions(deps: FollowUpDependencies) {
  const { conversations, reminders, links } = deps;

  const view = (actorId: string, message?: CardMessage, draft?: Draft) => ({
    viewerId: actorId,
    today: conversations.today(),
    planUrl: (c: { id: string }) => links.urlFor({ conversationId: c.id, personId: actorId }),
    message,
    draft
  });

  async function list(actorId: string, employeeId: string, tr: Translator, message?: CardMessage, draft?: Draft): Promise<AdaptiveCardJson> {
    const open = await openAgreementsFor(conversations, actorId, employeeId, LIST_LIMIT);
    return followUpListCard(open, tr, view(actorId, message, draft));
  }

  async function act(actorId: string, data: FollowUpData, tr: Translator, raw: Record<string, unknown>, verb: 'done' | 'postpone'): Promise<AdaptiveCardJson> {
    const names = followUpInputs(data.cid, data.agreementId);
    const draft: Draft = { [names.note]: String(raw[names.note] ?? ''), [names.to]: String(raw[names.to] ?? '') };
    const inputs = followUpInputsOf(raw, names);
    let outcome: ActOutcome | { kind: 'invalid'; field: string };
    if (!inputs.ok) outcome = { kind: 'invalid', field: inputs.field };
    else {
      const command: FollowUpCommand = verb === 'done'
        ? { type: 'followUp', agreementId: data.agreementId, note: inputs.note }
        : { type: 'postpone', agreementId: data.agreementId, to: inputs.to };
      outcome = await conversations.followUp(data.cid, actorId, command);
    }

    const respond = async (message: CardMessage, keepDraft: boolean) => {
      if (data.view === 'list') return list(actorId, data.employeeId, tr, message, keepDraft ? draft : undefined);
      const conversation = await conversations.get(data.cid);
      return reminderCard({ conversation: conversation!, agreementId: data.agreementId }, tr, view(actorId, message, keepDraft ? draft : undefined));
    };
    if (outcome.kind === 'invalid') return respond({ kind: 'error', text: tr.t('error.invalid_input', { field: fieldName(tr, outcome.field) }) }, true);
    if (outcome.kind === 'not_found') return list(actorId, '', tr, { kind: 'error', text: tr.t('error.conversation_not_found') });
    if (outcome.kind === 'refused') {
      deps.log.info('follow-up refused', { conversation: data.cid, reason: outcome.error.code });
      const message = errorMessage(tr.forKind(outcome.conversation.kind), outcome.error);
      // Someone outside the conversation sees only their own list, never this conversation's agreement.
      if (outcome.error.code === 'not_participant') return list(actorId, '', tr, message);
      return respond(message, true);
    }
    await reminders.schedule(outcome.conversation);
    const agreement = outcome.conversation.agreements.find((a) => a.id === data.agreementId);
    const text = verb === 'done' ? tr.t('followUp.markedDone') : tr.t('followUp.postponedTo', { date: tr.date(agreement?.followUpDate ?? '') });
    return respond({ kind: 'info', text }, false);
  }

  /** The acting leader's people: from the directory where it may be asked, and from their conversations. */
  async function yearly(actorId: string, tr: Translator): Promise<AdaptiveCardJson> {
    const [held, reports] = await Promise.all([conversations.of(actorId), deps.directory.directReports(actorId)]);
    const rows = yearlyOverview(actorId, held, reports ?? [], conversations.today(), deps.annualNoticeDays);
    return yearlyCard(rows, reports !== undefined, tr);
  }

  return {
    yearly: (context: TurnContext, tr: Translator) => yearly(actorOf(context), tr),
    list: (context: TurnContext, employeeId: string, tr: Translator) => list(actorOf(context), employeeId, tr),
    done: (context: TurnContext, data: FollowUpData, tr: Translator, raw: Record<string, unknown>) => act(actorOf(context), data, tr, raw, 'done'),
    postpone: (context: TurnContext, data: FollowUpData, tr: Translator, raw: Record<string, unknown>) => act(actorOf(context), data, tr, raw, 'postpone')
  };
}
