import { createHash, randomUUID } from 'crypto';
import type { DevelopmentConversation, Filing } from '../domain/conversation';
import { todayIn } from '../domain/dates';
import { ok, type DomainError, type Result } from '../domain/errors';
import { applyFollowUp, type FollowUpCommand } from '../domain/followUp';
import { applyRetention } from '../domain/retention';
import { apply, createConversation, type ActionContext, type Applied, type Command, type NewConversation } from '../domain/operations';
import type { KeyValueStore } from '../storage/keyValueStore';
import { VersionedStore } from '../storage/versionedStore';

export interface Clock {
  now(): Date;
  /** The municipality's time zone: "today" and reminders follow it, not the server's. */
  timeZone: string;
}

export type ActOutcome =
  | { kind: 'not_found' }
  | { kind: 'refused'; error: DomainError; conversation: DevelopmentConversation }
  | { kind: 'applied'; before: DevelopmentConversation; conversation: DevelopmentConversation; stale: boolean };

/** Who takes part in which conversation: `<person id>/<conversation id>`, to find a person's conversations. */
export type ParticipationStore = VersionedStore<{ role: string }>;

/**
 * The latest finished conversation of a kind between exactly the same people, under
 * `<kind>/<hash of their sorted ids>`: a new conversation finds last year's plan with one read,
 * however many conversations the leader has held.
 */
export type LatestFinishedStore = VersionedStore<{ conversationId: string; date: string; finishedAt: string }>;

/** Loads, changes and stores conversations; every change goes through the domain's rules. */
export class ConversationService {
  constructor(
    private readonly store: VersionedStore<DevelopmentConversation>,
    private readonly origins: VersionedStore<{ conversationId: string }>,
    private readonly participations: ParticipationStore,
    private readonly latestFinished: LatestFinishedStore,
    readonly clock: Clock
  ) {}

  /** The service with its records in one storage. */
  static in(storage: KeyValueStore, clock: Clock): ConversationService {
    return new ConversationService(
      new VersionedStore(storage, 'conversation'),
      new VersionedStore(storage, 'origin'),
      new VersionedStore(storage, 'participation'),
      new VersionedStore(storage, 'latest-finished'),
      clock
    );
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
    const previous = await this.lastFinishedWith(input.kind, [input.leader.id, ...input.employees.map((p) => p.id)]);
    const created = createConversation({ ...input, id: randomUUID(), previous }, this.today(), this.clock.now().toISOString());
    if (!created.ok) return created;
    const conversation = created.value;
    // Stored before it is claimed, so whoever finds the claim also finds the conversation.
    await this.store.put(conversation.id, conversation);
    const owner = await this.origins.update(origin, (claimed) =>
      claimed ? { result: claimed.conversationId } : { write: { conversationId: conversation.id }, result: conversation.id }
    );
    if (owner === conversation.id) {
      await Promise.all(conversation.participants.map((p) => this.participations.put(`${p.id}/${conversation.id}`, { role: p.role })));
      if (previous) {
        await this.store.update(previous.id, (c) => (c ? { write: { ...c, supersededBy: conversation.id }, result: undefined } : { result: undefined }));
      }
      return ok({ conversation, isNew: true });
    }
    await this.store.delete(conversation.id);
    const existing = await this.store.get(owner);
    if (!existing) throw new Error(`conversation ${owner} claimed by ${origin} is missing`);
    return ok({ conversation: existing, isNew: false });
  }

  get(id: string): Promise<DevelopmentConversation | undefined> {
    return this.store.get(id);
  }

  /** The latest finished conversation of a kind between exactly these people, if any. */
  private async lastFinishedWith(kind: string, people: string[]): Promise<DevelopmentConversation | undefined> {
    const latest = await this.latestFinished.get(peopleKey(kind, people));
    return latest && this.store.get(latest.conversationId);
  }

  /** Notes a finished conversation as its people's latest, unless a later one is already noted. */
  private async rememberFinished(c: DevelopmentConversation): Promise<void> {
    const entry = { conversationId: c.id, date: c.date, finishedAt: c.finishedAt ?? '' };
    const later = (noted: typeof entry) => noted.date > entry.date || (noted.date === entry.date && noted.finishedAt > entry.finishedAt);
    await this.latestFinished.update(peopleKey(c.kind, c.participants.map((p) => p.id)), (noted) =>
      noted && (noted.conversationId === c.id || later(noted)) ? { result: undefined } : { write: entry, result: undefined }
    );
  }

  /** Every conversation a person takes part in, oldest first. */
  async of(personId: string): Promise<DevelopmentConversation[]> {
    const ids = await this.participations.ids(`${personId}/`);
    const found = await Promise.all(ids.map((id) => this.store.get(id.slice(personId.length + 1))));
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

  private async change(id: string, decide: (current: DevelopmentConversation) => Result<Applied>): Promise<ActOutcome> {
    const outcome = await this.store.update<ActOutcome>(id, (current) => {
      if (!current) return { result: { kind: 'not_found' } };
      const result = decide(current);
      if (!result.ok) return { result: { kind: 'refused', error: result.error, conversation: current } };
      const { conversation, stale } = result.value;
      return { write: conversation, result: { kind: 'applied', before: current, conversation, stale: stale ?? false } };
    });
    if (outcome.kind === 'applied' && outcome.conversation.phase === 'finished' && outcome.before.phase !== 'finished') {
      await this.rememberFinished(outcome.conversation);
    }
    return outcome;
  }

  /** Removes what the retention time says the bot may no longer keep; returns how many plans changed. */
  async applyRetention(days: number): Promise<number> {
    let changed = 0;
    for (const id of await this.store.ids()) {
      const redacted = await this.store.update(id, (current) => {
        const next = current && applyRetention(current, this.today(), days);
        return next ? { write: next, result: true } : { result: false };
      });
      if (redacted) changed++;
    }
    return changed;
  }

  /** Records where the plan was filed; notes it as its people's latest again, in case the process stopped before that at finishing. */
  async recordFiling(id: string, filing: Filing): Promise<DevelopmentConversation | undefined> {
    const filed = await this.store.update(id, (current) =>
      current ? { write: { ...current, filing }, result: { ...current, filing } } : { result: undefined }
    );
    if (filed) await this.rememberFinished(filed);
    return filed;
  }
}

function peopleKey(kind: string, people: string[]): string {
  return `${kind}/${createHash('sha256').update([...people].sort().join('\n')).digest('hex').slice(0, 32)}`;
}
