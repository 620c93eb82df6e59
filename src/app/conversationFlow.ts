import type { Format, DevelopmentConversation, Person } from '../domain/conversation';
import { hasEveryonePicked } from '../domain/conversation';
import type { DomainError, Result } from '../domain/errors';
import type { ConversationKind } from '../domain/kinds';
import type { Command } from '../domain/operations';
import { mayFile, mayHoldWith } from '../domain/plan';
import type { Logger } from '../log';
import type { ConceptCatalog } from './conceptCatalog';
import type { ActOutcome, ConversationService } from './conversationService';
import type { FilingOutcome, FilingService } from './filingService';
import type { CardChange, CardPublisher, Directory } from './ports';
import type { ReminderService } from './reminderService';

export interface FlowDependencies<Origin> {
  conversations: ConversationService;
  concepts: ConceptCatalog;
  directory: Directory;
  filing: FilingService;
  reminders: ReminderService;
  publisher: CardPublisher<Origin>;
  log: Logger;
}

/** A leader's request for a new conversation, as the create card put it. */
export interface NewConversationRequest {
  kind: ConversationKind;
  /** The concept chosen on the card; without one, the tenant's. */
  conceptId?: string;
  tenantId?: string;
  leader: Person;
  employees: Person[];
  replacesMus: boolean;
  date: string;
  format: Format;
  /** The leader's rewording of the questions, and the concept it was made for (a card may show another's). */
  questionTexts: Record<string, string>;
  questionsOf?: string;
  /** The leader was told of an open conversation with the same people and creates another anyway. */
  despiteOpen?: boolean;
}

export type CreateOutcome =
  | { kind: 'refused'; error: DomainError }
  | { kind: 'unknown_concept' }
  /** `unreached`: who could not be sent their card privately. */
  | { kind: 'created'; conversation: DevelopmentConversation; unreached: string[] }
  /** The same card created it already (a second press). */
  | { kind: 'existing'; conversation: DevelopmentConversation }
  /** An open conversation of the kind with the same people: the leader is asked before a second is made. */
  | { kind: 'open'; conversation: DevelopmentConversation };

/** A read for one person: refused where the domain's rule says they may not. */
export type Allowed =
  | { kind: 'not_found' }
  | { kind: 'refused'; error: DomainError; conversation: DevelopmentConversation }
  | { kind: 'allowed'; conversation: DevelopmentConversation };

export type FilingFlowOutcome =
  | Exclude<ActOutcome, { kind: 'applied' }>
  | { kind: 'applied'; conversation: DevelopmentConversation; filing: FilingOutcome };

/**
 * The conversation's use cases from first card to filed plan: create it and deliver everyone's
 * cards, apply each person's action and bring everyone's cards up to date, finish and file.
 */
export class ConversationFlow<Origin> {
  constructor(private readonly deps: FlowDependencies<Origin>) {}

  /**
   * Creates the conversation once per `originKey` (the card it was created from) and sends every
   * participant their card; with the directory at hand, only with the leader's own people.
   */
  async create(request: NewConversationRequest, originKey: string, origin: Origin): Promise<CreateOutcome> {
    const { concepts, conversations, directory, publisher, log } = this.deps;
    const allowed = mayHoldWith(request.employees, await directory.directReports(request.leader.id));
    if (!allowed.ok) return { kind: 'refused', error: allowed.error };
    // Only a concept the card could offer: the leader's own municipality's.
    const concept = request.conceptId ? concepts.choicesFor(request.tenantId).find((c) => c.id === request.conceptId) : concepts.forTenant(request.tenantId);
    if (!concept) return { kind: 'unknown_concept' };
    const created = await conversations.create({
      kind: request.kind,
      concept,
      tenantId: request.tenantId,
      leader: request.leader,
      employees: request.employees,
      replacesMus: request.replacesMus,
      date: request.date,
      format: request.format,
      questionTexts: request.questionsOf === undefined || request.questionsOf === concept.id ? request.questionTexts : {}
    }, originKey, { despiteOpen: request.despiteOpen });
    if (!created.ok) return { kind: 'refused', error: created.error };
    const { conversation, made } = created.value;
    if (made !== 'created') return { kind: made, conversation };
    const { unreached } = await publisher.deliverNew(conversation, origin);
    log.info('conversation created', { conversation: conversation.id, unreached: unreached.length });
    return { kind: 'created', conversation, unreached };
  }

  /** The conversations a person takes part in that are not finished, oldest first. */
  async openFor(personId: string): Promise<DevelopmentConversation[]> {
    return (await this.deps.conversations.of(personId)).filter((c) => c.phase !== 'finished');
  }

  /** Applies one person's action and brings everyone's cards up to date. */
  async act(conversationId: string, actorId: string, command: Command): Promise<ActOutcome> {
    const outcome = await this.deps.conversations.act(conversationId, actorId, command);
    if (outcome.kind === 'applied') await this.deps.publisher.publish(outcome.conversation, cardChange(outcome.before, outcome.conversation));
    return outcome;
  }

  /** The leader finishes: the plan is filed, its reminders planned, and everyone gets their copy. */
  async finish(conversationId: string, actorId: string): Promise<FilingFlowOutcome> {
    const outcome = await this.deps.conversations.act(conversationId, actorId, { type: 'finish' });
    if (outcome.kind !== 'applied') return outcome;
    return this.fileAndPublish(outcome.conversation, true);
  }

  /** The leader files a finished plan again (after an outage, or a missing permission was granted). */
  async file(conversationId: string, actorId: string): Promise<FilingFlowOutcome> {
    const allowed = await this.read(conversationId, actorId, mayFile);
    if (allowed.kind !== 'allowed') return allowed;
    return this.fileAndPublish(allowed.conversation, false);
  }

  /** The leader stops the automatic filing attempts of a plan that waits. */
  async cancelFiling(conversationId: string, actorId: string): Promise<Allowed> {
    const allowed = await this.read(conversationId, actorId, mayFile);
    if (allowed.kind === 'allowed') await this.deps.filing.cancel(conversationId);
    return allowed;
  }

  /** The conversation, for a person the rule lets see it. */
  async read(conversationId: string, actorId: string, rule: (c: DevelopmentConversation, actorId: string) => Result<void>): Promise<Allowed> {
    const conversation = await this.deps.conversations.get(conversationId);
    if (!conversation) return { kind: 'not_found' };
    const allowed = rule(conversation, actorId);
    return allowed.ok ? { kind: 'allowed', conversation } : { kind: 'refused', error: allowed.error, conversation };
  }

  private async fileAndPublish(finished: DevelopmentConversation, withCopies: boolean): Promise<FilingFlowOutcome> {
    const { filing, reminders, publisher } = this.deps;
    // The copies say where the plan was filed: the leader needs no receipt besides theirs.
    const outcome = await filing.file(finished, { receipt: !withCopies });
    const conversation = 'filed' in outcome ? outcome.filed : finished;
    await reminders.schedule(conversation);
    await publisher.publish(conversation, { revealed: false, personal: false });
    if (withCopies) await publisher.sendCopies(conversation);
    return { kind: 'applied', conversation, filing: outcome };
  }
}

/**
 * Which cards besides the shared one a change touches: each person's keyword card shows the picks
 * (everyone's once all have picked), the questions and whether picking is still open.
 */
function cardChange(before: DevelopmentConversation, after: DevelopmentConversation): CardChange {
  const revealed = !hasEveryonePicked(before) && hasEveryonePicked(after);
  return { revealed, personal: revealed || before.phase !== after.phase || before.concept !== after.concept };
}
