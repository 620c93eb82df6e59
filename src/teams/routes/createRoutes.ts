import { TurnContext, type TeamsChannelAccount } from 'botbuilder';
import type { ConceptCatalog } from '../../app/conceptCatalog';
import type { ConversationFlow } from '../../app/conversationFlow';
import { draftOf, questionDraft, questionTextsOf } from '../../cards/inputs';
import { suggestedWording } from '../../domain/concept';
import type { AdaptiveCardJson, CardMessage } from '../../cards/render';
import { createCard, openConversationWarning, type ViewOptions } from '../../cards/views';
import type { Person } from '../../domain/conversation';
import type { ConversationKind } from '../../domain/kinds';
import type { Translator } from '../../i18n/catalog';
import type { ActionFrame } from '../actionFrame';
import type { CardDelivery } from '../cardDelivery';
import { addressOf, type TeamsOrigin } from '../deliveries';
import { inParallel } from '../../app/inParallel';
import { PARTICIPANT_REQUESTS } from '../teamsLimits';
import type { Messenger } from '../messenger';
import { kindAsked, textCommands } from '../textCommands';
import { actorOf, errorMessage, tenantOf } from '../turnHelpers';

export interface CreateRouteDependencies {
  flow: ConversationFlow<TeamsOrigin>;
  concepts: ConceptCatalog;
  cards: CardDelivery;
  messenger: Messenger;
  today: () => string;
  /** The card offers to book the conversation as a Teams meeting. */
  booking: boolean;
}

/** The conversation a create card is for: its kind, and the concept if one is named. */
interface Wanted {
  kind: ConversationKind;
  conceptId?: string;
}

/** A participant as Teams knows them: Entra object id, name, and the Teams user id that opens a 1:1 chat. */
interface TeamsPerson extends Person {
  teamsId: string;
}

/** Creating a conversation: "ny mus|grus|lus" opens the create card, and its button creates it. */
export function createRoutes(frame: ActionFrame, deps: CreateRouteDependencies): void {
  const { flow, cards, messenger } = deps;

  /**
   * The create card: in a meeting chat the chat's members to choose from, in a 1:1 chat the people
   * picker. It offers only what the leader may create, and the form for the conversation `wanted`
   * (its kind, and the concept where one is named); without one, or one not offered, which first.
   */
  async function createCardIn(context: TurnContext, tr: Translator, wanted: Wanted | undefined, options: ViewOptions & { suggest?: boolean } = {}): Promise<AdaptiveCardJson> {
    const personal = context.activity.conversation?.conversationType === 'personal';
    const members = personal ? [] : (await messenger.members(context))
      .filter((m) => m.aadObjectId && m.aadObjectId !== actorOf(context))
      .map((m) => ({ id: m.aadObjectId!, name: m.name }));
    const offers = deps.concepts.choicesFor(tenantOf(context)).flatMap((concept) => concept.kinds.map((kind) => ({ concept, kind })));
    const chosen = wanted && offers.find((o) => o.kind === wanted.kind && (wanted.conceptId === undefined || o.concept.id === wanted.conceptId));
    const notOffered = wanted?.conceptId ? 'create.choiceNotOffered' : 'create.notOffered';
    const message = options.message ?? (wanted && !chosen ? { kind: 'warning' as const, text: tr.t(notOffered, { kind: wanted.kind }) } : undefined);
    const { suggest, ...view } = options;
    // The concept's suggested wording for the kind, put into the questions for the leader to edit.
    const suggested = suggest && chosen ? { draft: { ...view.draft, ...questionDraft(suggestedWording(chosen.concept, chosen.kind)) }, showQuestions: true, message: { kind: 'info' as const, text: tr.t('rephrase.used') } } : {};
    return createCard(tr, { members, offers, chosen, today: deps.today(), homeKind: personal ? 'personal' : 'group', booking: deps.booking }, { ...view, message, ...suggested });
  }

  frame.command(textCommands.newConversation.pattern, (context, tr) => createCardIn(context, tr, { kind: kindAsked(context.activity.text) }));

  frame.on('create.choose', async ({ context, tr, data, raw }) =>
    data.offer
      ? createCardIn(context, tr, { kind: data.offer.kind, conceptId: data.offer.conceptId }, { draft: draftOf(raw), suggest: data.suggest })
      : createCardIn(context, tr, undefined, { draft: { offer: data.current } })
  );

  frame.on(
    'mus.create',
    async ({ context, actorId, tr, data, raw }) => {
      const from = context.activity.from;
      const leader: TeamsPerson = { id: actorId, name: from.name ?? '', teamsId: from.id };
      const employees = await resolvePeople(context, tr, data.employeeId);
      const wanted = { kind: data.kind, conceptId: data.concept };
      const answer = (message: CardMessage) => createCardIn(context, tr, wanted, { draft: draftOf(raw), message });
      const refused = (text: string) => answer({ kind: 'error', text });
      if (!leader.id || !employees) return refused(tr.t('error.member_unknown'));
      const origin: TeamsOrigin = {
        home: { reference: addressOf(TurnContext.getConversationReference(context.activity)), activityId: context.activity.replyToId, locale: tr.locale },
        teamsIds: Object.fromEntries([leader, ...employees].map((p) => [p.id, p.teamsId]))
      };
      const outcome = await flow.create({
        kind: data.kind,
        conceptId: data.concept,
        tenantId: tenantOf(context),
        leader: { id: leader.id, name: leader.name },
        employees: employees.map((p) => ({ id: p.id, name: p.name })),
        replacesMus: data.replacesMus,
        date: data.date,
        format: data.format,
        // Booking asks for a time; the domain refuses a missing or malformed one in Danish.
        ...(deps.booking && data.book ? { time: data.time ?? '' } : {}),
        questionTexts: questionTextsOf(raw),
        questionsOf: raw.questionsOf === undefined ? undefined : String(raw.questionsOf),
        despiteOpen: data.despiteOpen
      }, `${context.activity.conversation?.id}|${context.activity.replyToId}`, origin);
      switch (outcome.kind) {
        case 'unknown_concept':
          return refused(tr.t('error.invalid_input', { field: tr.t('field.concept') }));
        case 'refused':
          return refused(errorMessage(tr.forKind(data.kind), outcome.error).text);
        case 'open':
          // The same button's data again, to create it anyway with what is typed on the card.
          return answer(openConversationWarning(outcome.conversation, tr, { homeKind: raw.homeKind, kind: data.kind, concept: data.concept, questionsOf: raw.questionsOf }));
        case 'existing':
          return cards.sharedViewFor(outcome.conversation, actorId, tr);
        case 'created': {
          const c = outcome.conversation;
          const names = employees.map((p) => p.name);
          const text = tr.forKind(c.kind).t('create.created', { kind: c.kind, employee: tr.list(names), count: names.length, date: tr.date(c.date) });
          return cards.sharedViewFor(c, actorId, tr, { message: { kind: 'info', text } });
        }
      }
    },
    (context, tr, options) => createCardIn(context, tr, { kind: 'MUS' }, options)
  );

  /**
   * The people the leader chose, by Entra object id: from this chat's member list (a meeting chat),
   * or, when chosen with the people picker in a 1:1 chat, from a 1:1 chat the bot opens with each.
   * Undefined when anyone cannot be found.
   */
  async function resolvePeople(context: TurnContext, tr: Translator, personIds: string[]): Promise<TeamsPerson[] | undefined> {
    const asPerson = (personId: string, m: TeamsChannelAccount | undefined) => (m?.aadObjectId === personId ? { id: personId, name: m.name, teamsId: m.id } : undefined);
    const inChat = context.activity.conversation?.conversationType !== 'personal';
    const members = inChat ? await messenger.members(context) : [];
    const found = await inParallel(personIds, PARTICIPANT_REQUESTS, async (personId) => {
      if (inChat) return asPerson(personId, members.find((m) => m.aadObjectId === personId)) ?? asPerson(personId, await messenger.member(context, personId));
      try {
        const from = { reference: TurnContext.getConversationReference(context.activity), locale: tr.locale };
        const placement = await cards.reachPersonally(personId, personId, from, context.activity.conversation?.tenantId);
        return placement && (await messenger.within(placement.reference, async (inner) => asPerson(personId, await messenger.member(inner, personId))));
      } catch {
        return undefined;
      }
    });
    return found.every((p) => p !== undefined) ? (found as TeamsPerson[]) : undefined;
  }
}
