import type { Application, TurnState } from '@microsoft/teams-ai';
import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { ActOutcome } from '../app/conversationService';
import type { Allowed, FilingFlowOutcome } from '../app/conversationFlow';
import { StorageUnavailableError, UnreadableRecordError } from '../app/ports';
import { aliasMeaning, conversationIdOf, draftOf, parseCardData, sentVerbs, verbs, type AnsweredOn, type CardData, type Draft, type Verb } from '../cards/inputs';
import { ACTIVITY_BUDGET_BYTES, utf16Bytes } from '../cards/budget';
import type { AdaptiveCardJson, CardMessage } from '../cards/render';
import { noticeCard, type ViewOptions } from '../cards/views';
import type { DevelopmentConversation } from '../domain/conversation';
import { participant } from '../domain/conversation';
import type { DomainError } from '../domain/errors';
import { translator, type Locale, type Translator } from '../i18n/catalog';
import type { Logger } from '../log';
import type { CardDelivery } from './cardDelivery';
import { activityOf, type Outgoing } from './messenger';
import { actorOf, errorMessage, fieldName } from './turnHelpers';

/** One card action as a handler sees it: validated data, who acts (Teams' word), and their language. */
export interface ActionTurn<V extends Verb> {
  verb: V;
  context: TurnContext;
  actorId: string;
  tr: Translator;
  data: CardData<V>;
  /** What the card sent, to show typed text again on a refusal. */
  raw: Record<string, unknown>;
  /** What the pressed button asks of a handler that serves several ("next", "back", "stay"). */
  asked: string;
}

export interface FrameDependencies {
  cards: CardDelivery;
  log: Logger;
  /** The language to answer in, from the Teams client's locale. */
  localeOf: (teamsLocale: string | undefined) => Locale;
  /** Reads the conversation a refused card names, to answer on the card the person was looking at. */
  conversationOf: (id: string) => Promise<DevelopmentConversation | undefined>;
}

/** How the answering card is shown: what a refusal shows again, a line above it, the agreement being edited. */
export type AnswerOptions = Omit<ViewOptions, 'pictureUrl'> & { info?: string };

type Outcome = ActOutcome | FilingFlowOutcome | Allowed;

/** Answers malformed data of a card that is not a conversation's, with the message and what was typed. */
export type InvalidHandler = (context: TurnContext, tr: Translator, options: { message: CardMessage; draft: Draft }) => Promise<AdaptiveCardJson>;

/**
 * The frame every Teams request runs in: card actions parsed and validated before their handler
 * runs, and answered with a card whatever happens (a refusal on the card the person was looking at,
 * a Danish notice when something failed); text commands always answered.
 */
export class ActionFrame {
  constructor(private readonly app: Application<TurnState>, private readonly deps: FrameDependencies) {}

  translatorOf(context: TurnContext): Translator {
    return translator(this.deps.localeOf(context.activity.locale));
  }

  /**
   * Registers a card action under every verb its buttons send. Malformed data is refused on the
   * card it came from (`invalid` where that card is not a conversation's, such as the create card).
   */
  on<V extends Verb>(name: V, handler: (turn: ActionTurn<V>) => Promise<AdaptiveCardJson>, invalid?: InvalidHandler): void {
    this.answered(sentVerbs(name), async (context, raw) => {
      const tr = this.translatorOf(context);
      try {
        const parsed = parseCardData(name, raw);
        if (!parsed.ok) {
          const message: CardMessage = { kind: 'error', text: tr.t('error.invalid_input', { field: fieldName(tr, parsed.field) }) };
          return await (invalid ? invalid(context, tr, { message, draft: draftOf(raw) }) : this.invalid(context, name, raw, tr, message));
        }
        const asked = aliasMeaning(name, context.activity.value?.action?.verb ?? name);
        return await handler({ verb: name, context, actorId: actorOf(context), tr, data: parsed.data, raw, asked });
      } catch (error) {
        return this.failed(tr, name, error);
      }
    });
  }

  /**
   * A card action answered with a card for the person acting only. The answer is sent here: left to
   * teams-ai, a card with a refresh (a person's view of the shared card) would also replace the
   * shared message for everyone in the chat.
   */
  private answered(verbs: string[] | RegExp, answer: (context: TurnContext, raw: Record<string, unknown>) => Promise<AdaptiveCardJson>): void {
    this.app.adaptiveCards.actionExecute(verbs as never, async (context, _state, raw: Record<string, unknown>) => {
      const card = this.withinBudget(context, await answer(context, raw));
      await context.sendActivity(invokeAnswer(card));
      return card;
    });
  }

  /** An answer Teams would refuse for its size becomes a notice that says so: the person is never left with Teams' own error. */
  private withinBudget(context: TurnContext, card: AdaptiveCardJson): AdaptiveCardJson {
    const bytes = utf16Bytes(invokeAnswer(card));
    if (bytes <= ACTIVITY_BUDGET_BYTES) return card;
    this.deps.log.error('answer over the size budget', { verb: String(context.activity.value?.action?.verb ?? ''), bytes });
    const tr = this.translatorOf(context);
    return this.notice(tr, 'error', tr.t('error.too_large'));
  }

  /** Registers a text command; a failure is answered in a line of text, never left unanswered. */
  command(pattern: RegExp, handler: (context: TurnContext, tr: Translator) => Promise<Outgoing>): void {
    this.app.message(pattern, async (context) => {
      const tr = this.translatorOf(context);
      let answer: Outgoing;
      try {
        answer = await handler(context, tr);
      } catch (error) {
        this.log(error, { command: pattern.source });
        answer = tr.t(failureMessage(error));
      }
      await context.sendActivity(activityOf(answer));
    });
  }

  /**
   * Answers a choice that searches as the person types (Data.Query) with the matches for them; a
   * failure is logged and answered with none, never left unanswered.
   */
  search(dataset: string, find: (context: TurnContext, text: string, count: number) => Promise<{ title: string; value: string }[]>): void {
    this.app.adaptiveCards.search(dataset, async (context, _state, query) => {
      try {
        return await find(context, String(query.parameters.queryText ?? '').slice(0, 100), Math.min(Math.max(query.count, 1), 50));
      } catch (error) {
        this.log(error, { search: dataset });
        return [];
      }
    });
  }

  /** Anything else a card sends (an old card, or a forged verb) is answered, not left to fail. */
  unknownActions(): void {
    this.answered(/.*/, async (context) => {
      const tr = this.translatorOf(context);
      return this.notice(tr, 'error', tr.t('error.unknown_action'));
    });
  }

  /**
   * Answers an outcome of the app layer: the refusal on the card the person was looking at, or the
   * card they were looking at as it is now, with `options` (a line above it, the agreement edited).
   */
  async answer<V extends Verb>(turn: ActionTurn<V>, outcome: Outcome, options: AnswerOptions = {}): Promise<AdaptiveCardJson> {
    if (outcome.kind === 'not_found') return this.notFound(turn.tr);
    if (outcome.kind === 'refused') return this.refused(turn, outcome.conversation, outcome.error, options.draft);
    // What was typed is shown again on a refusal, or to fill in: once stored, the card shows what is stored.
    const { info, ...shown } = options;
    const view = outcome.kind === 'applied' ? { ...shown, draft: undefined } : shown;
    const message: CardMessage | undefined = view.message ?? (info ? { kind: 'info', text: info } : undefined);
    const shownNow = this.viewFor(turn.context, verbs[turn.verb].answeredOn, outcome.conversation, turn.tr, { ...view, message });
    if (outcome.kind !== 'applied') return shownNow;
    // Stored already: a failure while showing the card must not tell the person it was not saved.
    return shownNow.catch((error: unknown) => {
      this.log(error, { verb: turn.verb, after: 'saved' });
      return this.notice(turn.tr, 'warning', turn.tr.t('error.saved_not_shown'));
    });
  }

  /** A refusal of the domain's, on the card the person was looking at, with what they had typed. */
  refused<V extends Verb>(turn: ActionTurn<V>, conversation: DevelopmentConversation, error: DomainError, draft?: Draft): Promise<AdaptiveCardJson> {
    this.deps.log.info('action refused', { conversation: conversation.id, reason: error.code });
    const message = errorMessage(turn.tr.forKind(conversation.kind), error);
    return this.viewFor(turn.context, verbs[turn.verb].answeredOn, conversation, turn.tr, { message, draft });
  }

  /** A card with one line: what failed or what happened, when there is no conversation to show. */
  notice(tr: Translator, kind: CardMessage['kind'], text: string): AdaptiveCardJson {
    return noticeCard(tr, '', { kind, text });
  }

  notFound(tr: Translator): AdaptiveCardJson {
    return this.notice(tr, 'error', tr.t('error.conversation_not_found'));
  }

  /** Part of a card's data is malformed (`field`): refused on the card it came from, with what was typed kept. */
  invalidInput<V extends Verb>(turn: ActionTurn<V>, field: string): Promise<AdaptiveCardJson> {
    const message: CardMessage = { kind: 'error', text: turn.tr.t('error.invalid_input', { field: fieldName(turn.tr, field) }) };
    return this.invalid(turn.context, turn.verb, turn.raw, turn.tr, message);
  }

  private async invalid(context: TurnContext, name: Verb, raw: Record<string, unknown>, tr: Translator, message: CardMessage): Promise<AdaptiveCardJson> {
    const id = conversationIdOf(raw);
    const conversation = id ? await this.deps.conversationOf(id) : undefined;
    if (!conversation) return noticeCard(tr, '', message);
    return this.viewFor(context, verbs[name].answeredOn, conversation, tr, { message, draft: draftOf(raw) });
  }

  /**
   * The card the acting person was looking at, in the conversation's current state: their view of the
   * shared card, their own keyword card or copy. Someone outside the conversation gets a bare notice:
   * nothing of it, not even who takes part.
   */
  private async viewFor(context: TurnContext, answeredOn: AnsweredOn, c: DevelopmentConversation, tr: Translator, options: ViewOptions): Promise<AdaptiveCardJson> {
    const { cards } = this.deps;
    const actorId = actorOf(context);
    if (!participant(c, actorId)) return noticeCard(tr, '', options.message?.kind === 'error' ? options.message : { kind: 'error', text: tr.t('error.not_participant') });
    const shared = await cards.sharedViewIfFrom(c, context.activity.conversation?.id, context.activity.replyToId, actorId, tr, options);
    if (shared) return shared;
    if (answeredOn === 'keywords' && c.phase === 'preparing') return cards.keywordCardFor(c, actorId, tr, options);
    return cards.homeViewFor(c, actorId, tr, options);
  }

  /** Whatever failed, the person gets a Danish card, never Teams' own error; the log says what failed, without content. */
  private failed(tr: Translator, verb: Verb, error: unknown): AdaptiveCardJson {
    this.log(error, { verb });
    return this.notice(tr, 'error', tr.t(failureMessage(error)));
  }

  private log(error: unknown, fields: Record<string, string>): void {
    if (error instanceof StorageUnavailableError) this.deps.log.error('storage unavailable', fields);
    // The record's key names ids only.
    else if (error instanceof UnreadableRecordError) this.deps.log.error('record unreadable', { ...fields, record: error.key });
    else this.deps.log.error('request failed', { ...fields, error: (error as Error)?.name ?? 'unknown' });
  }
}

/** The Danish (or English) line for a failure: storage down, a stored record that cannot be read, or anything else. */
function failureMessage(error: unknown): string {
  if (error instanceof StorageUnavailableError) return 'error.storage_unavailable';
  if (error instanceof UnreadableRecordError) return 'error.record_unreadable';
  return 'error.unexpected';
}

/** An invoke answered before its handler ran (the tenant was refused): the card as the invoke response. */
export function invokeAnswer(card: AdaptiveCardJson) {
  return { type: ActivityTypes.InvokeResponse, value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card } } };
}
