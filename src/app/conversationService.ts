import { createHash, randomUUID } from 'crypto';
import type { DevelopmentConversation, Filing } from '../domain/conversation';
import { todayIn } from '../domain/dates';
import { ok, type DomainError, type Result } from '../domain/errors';
import { applyFollowUp, type FollowUpCommand } from '../domain/followUp';
import { applyRetention } from '../domain/retention';
import { apply, createConversation, type ActionContext, type Applied, type Command, type NewConversation } from '../domain/operations';
import type { Clock, RecordSource, Records } from './ports';

export type ActOutcome =
  | { kind: 'not_found' }
  | { kind: 'refused'; error: DomainError; conversation: DevelopmentConversation }
  | { kind: 'applied'; before: DevelopmentConversation; conversation: DevelopmentConversation; stale: boolean };

/** The records a conversation service keeps. */
export interface ConversationRecords {
  conversations: Records<DevelopmentConversation>;
  /** The card each conversation was created from: pressing "create" twice gives one conversation. */
  origins: Records<{ conversationId: string }>;
  /** Who takes part in which conversation: `<person id>/<conversation id>`, to find a person's conversations. */
  participations: Records<{ role: string }>;
  /**
   * The latest finished conversation of a kind between exactly the same people, under
   * `<kind>/<hash of their sorted ids>`: a new conversation finds last year's plan with one read,
   * however many conversations the leader has held.
   */
  latestFinished: Records<{ conversationId: string; date: string; finishedAt: string }>;
}

export function conversationRecords(source: RecordSource): ConversationRecords {
  return {
    conversations: source('conversation'),
    origins: source('origin'),
    participations: source('participation'),
    latestFinished: source('latest-finished')
  };
}

/**
 * Told of every stored change of a conversation — created, acted on, finished, filed, followed up —
 * after it is written: the coverage index keeps itself up to date this way. It never throws.
 */
export interface ConversationObserver {
  changed(conversation: DevelopmentConversation, before?: DevelopmentConversation): Promise<void>;
}

/** What a change decides on the fresh state: applied, refused, or nothing to change (undefined). */
type Change = (current: DevelopmentConversation) => Result<Applied> | undefined;
type Unchanged = { kind: 'unchanged' };

/** Loads, changes and stores conversations; every change goes through the domain's rules. */
export class ConversationService {
  constructor(private readonly records: ConversationRecords, readonly clock: Clock, private readonly observer?: ConversationObserver) {}

  /** The service with its records from one source. */
  static in(source: RecordSource, clock: Clock, observer?: ConversationObserver): ConversationService {
    return new ConversationService(conversationRecords(source), clock, observer);
  }

  today(): string {
    return todayIn(this.clock.timeZone, this.clock.now());
  }

  context(actorId: string): ActionContext {
    return { actorId, today: this.today(), now: this.clock.now().toISOString(), newId: () => randomUUID().slice(0, 8) };
  }

  /**
   * Creates a conversation once per origin (the card it was created from): pressing "create"
   * twice, or two quick clicks, gives the same conversation, not two.
   */
  async create(input: Omit<NewConversation, 'id' | 'previous'>, origin: string): Promise<Result<{ conversation: DevelopmentConversation; isNew: boolean }>> {
    const { conversations, origins, participations } = this.records;
    const previous = await this.lastFinishedWith(input.kind, [input.leader.id, ...input.employees.map((p) => p.id)]);
    const created = createConversation({ ...input, id: randomUUID(), previous }, this.today(), this.clock.now().toISOString());
    if (!created.ok) return created;
    const conversation = created.value;
    // Stored before it is claimed, so whoever finds the claim also finds the conversation.
    await conversations.put(conversation.id, conversation);
    const owner = await origins.update(origin, (claimed) =>
      claimed ? { result: claimed.conversationId } : { write: { conversationId: conversation.id }, result: conversation.id }
    );
    if (owner === conversation.id) {
      await Promise.all(conversation.participants.map((p) => participations.put(`${p.id}/${conversation.id}`, { role: p.role })));
      await this.observer?.changed(conversation);
      if (previous) await this.change(previous.id, (c) => ok({ conversation: { ...c, supersededBy: conversation.id } }));
      return ok({ conversation, isNew: true });
    }
    await conversations.delete(conversation.id);
    const existing = await conversations.get(owner);
    if (!existing) throw new Error(`conversation ${owner} claimed by ${origin} is missing`);
    return ok({ conversation: existing, isNew: false });
  }

  get(id: string): Promise<DevelopmentConversation | undefined> {
    return this.records.conversations.get(id);
  }

  /** The latest finished conversation of a kind between exactly these people, if any. */
  private async lastFinishedWith(kind: string, people: string[]): Promise<DevelopmentConversation | undefined> {
    const latest = await this.records.latestFinished.get(peopleKey(kind, people));
    return latest && this.get(latest.conversationId);
  }

  /** Notes a finished conversation as its people's latest, unless a later one is already noted. */
  private async rememberFinished(c: DevelopmentConversation): Promise<void> {
    const entry = { conversationId: c.id, date: c.date, finishedAt: c.finishedAt ?? '' };
    const later = (noted: typeof entry) => noted.date > entry.date || (noted.date === entry.date && noted.finishedAt > entry.finishedAt);
    await this.records.latestFinished.update(peopleKey(c.kind, c.participants.map((p) => p.id)), (noted) =>
      noted && (noted.conversationId === c.id || later(noted)) ? { result: undefined } : { write: entry, result: undefined }
    );
  }

  /** Visits every stored conversation once, one at a time (rare: rebuilding an index). */
  async forEach(visit: (c: DevelopmentConversation) => Promise<void>): Promise<number> {
    let visited = 0;
    for (const id of await this.records.conversations.ids()) {
      const c = await this.get(id);
      if (!c) continue;
      await visit(c);
      visited++;
    }
    return visited;
  }

  /** Every conversation a person takes part in, oldest first. */
  async of(personId: string): Promise<DevelopmentConversation[]> {
    const ids = await this.records.participations.ids(`${personId}/`);
    const found = await Promise.all(ids.map((id) => this.get(id.slice(personId.length + 1))));
    return found.filter((c): c is DevelopmentConversation => c !== undefined).sort((a, b) => a.date.localeCompare(b.date) || a.createdAt.localeCompare(b.createdAt));
  }

  /** Applies one person's action; on a concurrent write it is decided again on the fresh state. */
  act(id: string, actorId: string, command: Command): Promise<ActOutcome> {
    return this.change(id, (current) => apply(current, command, this.context(actorId)));
  }

  /** Follows up or postpones an agreement of a finished plan. */
  followUp(id: string, actorId: string, command: FollowUpCommand): Promise<ActOutcome> {
    return this.change(id, (current) => {
      const result = applyFollowUp(current, command, { actorId, today: this.today() });
      return result.ok ? ok({ conversation: result.value }) : result;
    });
  }

  /** Removes what the retention time says the bot may no longer keep; returns how many plans changed. */
  async applyRetention(days: number): Promise<number> {
    let changed = 0;
    for (const id of await this.records.conversations.ids()) {
      const outcome = await this.change(id, (current) => {
        const next = applyRetention(current, this.today(), days);
        return next && ok({ conversation: next });
      });
      if (outcome.kind === 'applied') changed++;
    }
    return changed;
  }

  /** Records where the plan was filed; notes it as its people's latest again, in case the process stopped before that at finishing. */
  async recordFiling(id: string, filing: Filing): Promise<DevelopmentConversation | undefined> {
    const outcome = await this.change(id, (current) => ok({ conversation: { ...current, filing } }));
    if (outcome.kind !== 'applied') return undefined;
    await this.rememberFinished(outcome.conversation);
    return outcome.conversation;
  }

  /**
   * Every change to a stored conversation is made here: decided on the fresh state, written on
   * condition nobody wrote in between (else decided again), and counted in its revision.
   */
  private change(id: string, decide: (current: DevelopmentConversation) => Result<Applied>): Promise<ActOutcome>;
  private change(id: string, decide: Change): Promise<ActOutcome | Unchanged>;
  private async change(id: string, decide: Change): Promise<ActOutcome | Unchanged> {
    const outcome = await this.records.conversations.update<ActOutcome | Unchanged>(id, (current) => {
      if (!current) return { result: { kind: 'not_found' } };
      const result = decide(current);
      if (!result) return { result: { kind: 'unchanged' } };
      if (!result.ok) return { result: { kind: 'refused', error: result.error, conversation: current } };
      const conversation = { ...result.value.conversation, revision: current.revision + 1 };
      return { write: conversation, result: { kind: 'applied', before: current, conversation, stale: result.value.stale ?? false } };
    });
    if (outcome.kind === 'applied' && outcome.conversation.phase === 'finished' && outcome.before.phase !== 'finished') {
      await this.rememberFinished(outcome.conversation);
    }
    if (outcome.kind === 'applied') await this.observer?.changed(outcome.conversation, outcome.before);
    return outcome;
  }
}

function peopleKey(kind: string, people: string[]): string {
  return `${kind}/${createHash('sha256').update([...people].sort().join('\n')).digest('hex').slice(0, 32)}`;
}
