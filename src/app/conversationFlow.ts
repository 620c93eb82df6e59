import type { Format, DevelopmentConversation, Person } from '../domain/conversation';
import { hasEveryonePicked, isOpen } from '../domain/conversation';
import type { DomainError, Result } from '../domain/errors';
import type { ConversationKind } from '../domain/kinds';
import type { Command } from '../domain/operations';
import { mayFile, mayHoldWith } from '../domain/plan';
import type { Logger } from '../log';
import type { ConceptCatalog } from './conceptCatalog';
import type { ConversationRemoval } from './conversationRemoval';
import type { ActOutcome, ConversationService } from './conversationService';
import type { BookingService } from './bookingService';
import type { FilingOutcome, FilingService, FilingStart } from './filingService';
import type { Job, Jobs } from './jobs';
import type { CardPublisher, Directory } from './ports';
import type { ReminderService } from './reminderService';

export interface FlowDependencies<Origin> {
  conversations: ConversationService;
  concepts: ConceptCatalog;
  directory: Directory;
  filing: FilingService;
  reminders: ReminderService;
  publisher: CardPublisher<Origin>;
  /** Books conversations as Teams meetings (GRAPH_BOOK_MEETINGS); without it a requested time is not kept. */
  booking?: BookingService<Origin>;
  /** Removes a called-off conversation once its meeting and cards are dealt with. */
  removal: ConversationRemoval;
  jobs: Jobs;
  log: Logger;
  /**
   * How long finishing or filing waits for the first filing attempt before answering that the
   * plan is being filed: a person's card action must be answered within seconds.
   */
  answerWithinMs: number;
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
  /** Book it as a Teams meeting at this local time (HH:MM). */
  time?: string;
  /** The leader's rewording of the questions, and the concept it was made for (a card may show another's). */
  questionTexts: Record<string, string>;
  questionsOf?: string;
  /** The leader was told of an open conversation with the same people and creates another anyway. */
  despiteOpen?: boolean;
}

export type CreateOutcome =
  | { kind: 'refused'; error: DomainError }
  | { kind: 'unknown_concept' }
  | { kind: 'created'; conversation: DevelopmentConversation }
  /** The same card created it already (a second press). */
  | { kind: 'existing'; conversation: DevelopmentConversation }
  /** An open conversation of the kind with the same people: the leader is asked before a second is made. */
  | { kind: 'open'; conversation: DevelopmentConversation };

/** A read for one person: refused where the domain's rule says they may not. */
export type Allowed =
  | { kind: 'not_found' }
  | { kind: 'refused'; error: DomainError; conversation: DevelopmentConversation }
  | { kind: 'allowed'; conversation: DevelopmentConversation };

/** How filing stands when the person is answered: done, waiting in the outbox, or still going on. */
export type FilingNow = FilingOutcome | { inProgress: true };

export type FilingFlowOutcome =
  | Exclude<ActOutcome, { kind: 'applied' }>
  | { kind: 'applied'; conversation: DevelopmentConversation; filing: FilingNow };

/**
 * The conversation's use cases from first card to filed plan: create it and deliver everyone's
 * cards, apply each person's action and bring everyone's cards up to date, finish and file. The
 * person acting is answered as soon as their change is stored; what must still reach the others is
 * stored as a job first and done after (Teams wants an answer to a card action within seconds, and
 * a group's cards take many calls).
 */
export class ConversationFlow<Origin> {
  constructor(private readonly deps: FlowDependencies<Origin>) {
    const { jobs, publisher, reminders } = deps;
    // A conversation called off before its cards went out needs none: nobody heard of it.
    jobs.handle('deliver', (job) =>
      this.withConversation(job, async (c) => {
        if (c.phase !== 'cancelled') await publisher.deliverNew(c, job.data!.origin as Origin);
      })
    );
    jobs.handle('personal', (job) =>
      this.withConversation(job, async (c) => {
        if (c.phase !== 'cancelled') await publisher.updatePersonal(c, job.data!.revealed === true);
      })
    );
    // Cards first, so people see it at once; then the meeting (an outage throws, and the job runs again); then the record.
    // While the first cards are still going out, it waits: retiring them then would miss the ones not sent yet.
    jobs.handle('cancel', (job) =>
      this.withConversation(job, async (c) => {
        if (c.phase !== 'cancelled') return;
        if (!(await jobs.done(`deliver/${c.id}`))) throw new Error('the cards are still being delivered');
        await publisher.retire(c);
        await deps.booking?.cancel(c);
        await deps.removal.remove(c, 'cancelled');
      })
    );
    jobs.handle('finish', (job) =>
      this.withConversation(job, async (c) => {
        await reminders.schedule(c);
        await publisher.sendCopies(c);
      })
    );
  }

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
      ...(this.deps.booking && request.time !== undefined ? { time: request.time } : {}),
      questionTexts: request.questionsOf === undefined || request.questionsOf === concept.id ? request.questionTexts : {}
    }, originKey, { despiteOpen: request.despiteOpen });
    if (!created.ok) return { kind: 'refused', error: created.error };
    const { conversation, made } = created.value;
    if (made !== 'created') return { kind: made, conversation };
    await publisher.place(conversation, origin);
    await this.deps.jobs.start(`deliver/${conversation.id}`, { kind: 'deliver', conversationId: conversation.id, data: { origin } });
    await this.deps.booking?.request(conversation, origin);
    // Those who have not picked their keywords are reminded before the conversation.
    await this.deps.reminders.schedule(conversation);
    log.info('conversation created', { conversation: conversation.id });
    return { kind: 'created', conversation };
  }

  /** The conversations a person takes part in that are planned or under way, oldest first. */
  async openFor(personId: string): Promise<DevelopmentConversation[]> {
    return (await this.deps.conversations.of(personId)).filter(isOpen);
  }

  /** Applies one person's action; everyone's cards follow after the answer. */
  async act(conversationId: string, actorId: string, command: Command): Promise<ActOutcome> {
    const outcome = await this.deps.conversations.act(conversationId, actorId, command);
    if (outcome.kind !== 'applied') return outcome;
    const { before, conversation } = outcome;
    this.deps.publisher.refreshShared(conversation);
    if (command.type === 'reschedule') {
      await this.deps.booking?.request(conversation);
      await this.deps.reminders.schedule(conversation);
    }
    if (command.type === 'start') await this.deps.booking?.forget(conversation.id);
    // Each person's keyword card shows the picks (everyone's once all have picked), the questions and whether picking is still open.
    const revealed = !hasEveryonePicked(before) && hasEveryonePicked(conversation);
    if (revealed || before.phase !== conversation.phase || before.concept !== conversation.concept) {
      await this.deps.jobs.start(`personal/${conversation.id}/${conversation.revision}`, { kind: 'personal', conversationId, data: { revealed } });
    }
    return outcome;
  }

  /**
   * The leader calls the conversation off before it is held: the keywords picked go at once, and
   * no reminder goes out; the meeting is cancelled, everyone's cards say so and the conversation is
   * removed after the answer, as a job.
   */
  async cancel(conversationId: string, actorId: string, message: string | undefined): Promise<ActOutcome> {
    const outcome = await this.deps.conversations.act(conversationId, actorId, { type: 'cancel', message });
    if (outcome.kind !== 'applied') return outcome;
    await this.deps.reminders.schedule(outcome.conversation);
    await this.deps.jobs.start(`cancel/${conversationId}`, { kind: 'cancel', conversationId });
    this.deps.log.info('conversation cancelled', { conversation: conversationId });
    return outcome;
  }

  /** The leader finishes: the plan is filed, its reminders planned, and everyone gets their copy. */
  async finish(conversationId: string, actorId: string): Promise<FilingFlowOutcome> {
    const outcome = await this.deps.conversations.act(conversationId, actorId, { type: 'finish' });
    if (outcome.kind !== 'applied') return outcome;
    const finished = outcome.conversation;
    const [{ attempt }] = await Promise.all([
      this.deps.filing.start(finished),
      this.deps.jobs.start(`finish/${finished.id}`, { kind: 'finish', conversationId: finished.id })
    ]);
    this.deps.publisher.refreshShared(finished);
    return this.answerFiling(finished, attempt);
  }

  /** The leader files a finished plan again (after an outage, or a missing permission was granted). */
  async file(conversationId: string, actorId: string): Promise<FilingFlowOutcome> {
    const allowed = await this.read(conversationId, actorId, mayFile);
    if (allowed.kind !== 'allowed') return allowed;
    const { attempt } = await this.deps.filing.start(allowed.conversation);
    return this.answerFiling(allowed.conversation, attempt);
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

  /** The first filing attempt's outcome, if it ends within the answer's time; else that it goes on. */
  private async answerFiling(finished: DevelopmentConversation, attempt: FilingStart): Promise<FilingFlowOutcome> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), this.deps.answerWithinMs);
    });
    const outcome = await Promise.race([attempt, late]).finally(() => clearTimeout(timer));
    if (!outcome) return { kind: 'applied', conversation: finished, filing: { inProgress: true } };
    return { kind: 'applied', conversation: 'filed' in outcome ? outcome.filed : finished, filing: outcome };
  }

  /** Runs a job's work on its conversation as stored now; a conversation gone since needs nothing more. */
  private async withConversation(job: Job, work: (c: DevelopmentConversation) => Promise<void>): Promise<void> {
    const conversation = await this.deps.conversations.get(job.conversationId);
    if (conversation) await work(conversation);
  }
}
