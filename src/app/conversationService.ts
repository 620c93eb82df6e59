import { createHash, randomUUID } from 'crypto';
import { openWithSamePeople, upgradeStored, type DevelopmentConversation, type Filing } from '../domain/conversation';
import { todayIn } from '../domain/dates';
import type { ConversationKind } from '../domain/kinds';
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
  /**
   * The latest open conversation of a kind between exactly the same people, under the same key: a
   * second one is found with one read. Written unconditionally (the newest wins), so creating many
   * at once never contends for it.
   */
  openWith: Records<{ conversationId: string }>;
}

export function conversationRecords(source: RecordSource): ConversationRecords {
  return {
    conversations: upgradedOnRead(source('conversation')),
    origins: source('origin'),
    participations: source('participation'),
    latestFinished: source('latest-finished'),
    openWith: source('open-with')
  };
}

/** Conversations stored in an earlier shape are read in today's; they are written in it with their next change. */
function upgradedOnRead(records: Records<DevelopmentConversation>): Records<DevelopmentConversation> {
  const upgraded = (c: DevelopmentConversation | undefined) => c && upgradeStored(c);
  return {
    get: async (id) => upgraded(await records.get(id)),
    update: (id, decide) => records.update(id, (current) => decide(upgraded(current))),
    put: (id, value) => records.put(id, value),
    ids: (under) => records.ids(under),
    delete: (id) => records.delete(id)
  };
}

/** What a change decides on the fresh state: applied, refused, or nothing to change (undefined). */
type Change = (current: DevelopmentConversation) => Result<Applied> | undefined;
type Unchanged = { kind: 'unchanged' };

/** Loads, changes and stores conversations; every change goes through the domain's rules. */
export class ConversationService {
  constructor(private readonly records: ConversationRecords, readonly clock: Clock) {}

  /** The service with its records from one source. */
  static in(source: RecordSource, clock: Clock): ConversationService {
    return new ConversationService(conversationRecords(source), clock);
  }

  today(): string {
    return todayIn(this.clock.timeZone, this.clock.now());
  }

  context(actorId: string): ActionContext {
    return { actorId, today: this.today(), now: this.clock.now().toISOString(), newId: () => randomUUID().slice(0, 8) };
  }

  /**
   * Creates a conversation once per origin (the card it was created from): pressing "create"
   * twice, or two quick clicks, gives the same conversation, not two (`existing`). A valid request
   * for one already open with the same people gives that one (`open`), unless `despiteOpen`.
   */
  async create(input: Omit<NewConversation, 'id' | 'previous'>, origin: string, options: { despiteOpen?: boolean } = {}): Promise<Result<{ conversation: DevelopmentConversation; made: 'created' | 'existing' | 'open' }>> {
    const { conversations, origins, participations } = this.records;
    const already = await this.createdFrom(origin);
    if (already) return ok({ conversation: already, made: 'existing' });
    const people = [input.leader.id, ...input.employees.map((p) => p.id)];
    const previous = await this.lastFinishedWith(input.kind, people);
    const created = createConversation({ ...input, id: randomUUID(), previous }, this.today(), this.clock.now().toISOString());
    if (!created.ok) return created;
    const open = options.despiteOpen ? undefined : await this.openWith(input.kind, people);
    if (open) return ok({ conversation: open, made: 'open' });
    const conversation = created.value;
    // Stored before it is claimed, so whoever finds the claim also finds the conversation.
    await conversations.put(conversation.id, conversation);
    const owner = await origins.update(origin, (claimed) =>
      claimed ? { result: claimed.conversationId } : { write: { conversationId: conversation.id }, result: conversation.id }
    );
    if (owner === conversation.id) {
      await Promise.all(conversation.participants.map((p) => participations.put(`${p.id}/${conversation.id}`, { role: p.role })));
      await this.records.openWith.put(peopleKey(input.kind, people), { conversationId: conversation.id });
      if (previous) await this.change(previous.id, (c) => ok({ conversation: { ...c, supersededBy: conversation.id } }));
      return ok({ conversation, made: 'created' });
    }
    await conversations.delete(conversation.id);
    const existing = await conversations.get(owner);
    if (!existing) throw new Error(`conversation ${owner} claimed by ${origin} is missing`);
    return ok({ conversation: existing, made: 'existing' });
  }

  get(id: string): Promise<DevelopmentConversation | undefined> {
    return this.records.conversations.get(id);
  }

  /** The conversation a card created, if it did. */
  private async createdFrom(origin: string): Promise<DevelopmentConversation | undefined> {
    const claimed = await this.records.origins.get(origin);
    return claimed && this.get(claimed.conversationId);
  }

  /** The latest finished conversation of a kind between exactly these people, if any. */
  private async lastFinishedWith(kind: string, people: string[]): Promise<DevelopmentConversation | undefined> {
    const latest = await this.records.latestFinished.get(peopleKey(kind, people));
    return latest && this.get(latest.conversationId);
  }

  /** An open conversation of the kind between exactly these people, if any. */
  private async openWith(kind: ConversationKind, people: string[]): Promise<DevelopmentConversation | undefined> {
    const noted = await this.records.openWith.get(peopleKey(kind, people));
    const candidate = noted && (await this.get(noted.conversationId));
    return candidate && openWithSamePeople([candidate], kind, people);
  }

  /** Notes a finished conversation as its people's latest, unless a later one is already noted, and no longer as open. */
  private async rememberFinished(c: DevelopmentConversation): Promise<void> {
    const entry = { conversationId: c.id, date: c.date, finishedAt: c.finishedAt ?? '' };
    const later = (noted: typeof entry) => noted.date > entry.date || (noted.date === entry.date && noted.finishedAt > entry.finishedAt);
    const key = peopleKey(c.kind, c.participants.map((p) => p.id));
    await this.records.latestFinished.update(key, (noted) =>
      noted && (noted.conversationId === c.id || later(noted)) ? { result: undefined } : { write: entry, result: undefined }
    );
    if ((await this.records.openWith.get(key))?.conversationId === c.id) await this.records.openWith.delete(key);
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
    return outcome;
  }
}

function peopleKey(kind: string, people: string[]): string {
  return `${kind}/${createHash('sha256').update([...people].sort().join('\n')).digest('hex').slice(0, 32)}`;
}
