import { createHash, randomUUID } from 'crypto';
import { openWithSamePeople, upgradeStored, type DevelopmentConversation, type Filing, type MeetingTime } from '../domain/conversation';
import { todayIn } from '../domain/dates';
import type { ConversationKind } from '../domain/kinds';
import { ok, type DomainError, type Result } from '../domain/errors';
import { applyFollowUp, type FollowUpCommand } from '../domain/followUp';
import { defaultRetention, type RetentionPolicy } from '../domain/retention';
import { apply, createConversation, type ActionContext, type Applied, type Command, type NewConversation } from '../domain/operations';
import { followMeeting } from '../domain/meeting';
import type { Logger } from '../log';
import { UnreadableRecordError, type Clock, type RecordSource, type Records } from './ports';
import { recordKinds } from './recordKinds';
import { RetentionIndex, retentionStores } from './retentionIndex';

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
    conversations: upgradedOnRead(source(recordKinds.conversation.prefix)),
    origins: source(recordKinds.origin.prefix),
    participations: source(recordKinds.participation.prefix),
    latestFinished: source(recordKinds.latestFinished.prefix),
    openWith: source(recordKinds.openWith.prefix)
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

export interface ConversationServiceOptions {
  log?: Logger;
  /** The retention rules whose index every stored change keeps up to date (default: the defaults). */
  retention?: RetentionPolicy;
  /** Told of every stored change, after it is written. */
  observer?: ConversationObserver;
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
export type Unchanged = { kind: 'unchanged' };

/** Loads, changes and stores conversations; every change goes through the domain's rules. */
export class ConversationService {
  private readonly log: Logger;
  private readonly observer?: ConversationObserver;

  constructor(private readonly records: ConversationRecords, readonly clock: Clock, readonly retention: RetentionIndex, options: { log?: Logger; observer?: ConversationObserver } = {}) {
    this.log = options.log ?? silent;
    this.observer = options.observer;
  }

  /** The service with its records, and its retention index, from one source. */
  static in(source: RecordSource, clock: Clock, options: ConversationServiceOptions = {}): ConversationService {
    return new ConversationService(conversationRecords(source), clock, new RetentionIndex(retentionStores(source), options.retention ?? defaultRetention), options);
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
    const conversation = { ...created.value, origin };
    // Indexed before it is stored (an entry without a conversation is harmless, a conversation
    // without an entry would be kept for ever); stored before it is claimed, so whoever finds the
    // claim also finds the conversation.
    await this.retention.noted(undefined, conversation);
    await conversations.put(conversation.id, conversation);
    const owner = await origins.update(origin, (claimed) =>
      claimed ? { result: claimed.conversationId } : { write: { conversationId: conversation.id }, result: conversation.id }
    );
    if (owner === conversation.id) {
      await Promise.all(conversation.participants.map((p) => participations.put(`${p.id}/${conversation.id}`, { role: p.role })));
      await this.records.openWith.put(peopleKey(input.kind, people), { conversationId: conversation.id });
      await this.observer?.changed(conversation);
      if (previous) await this.change(previous.id, (c) => ok({ conversation: { ...c, supersededBy: conversation.id } }));
      return ok({ conversation, made: 'created' });
    }
    await conversations.delete(conversation.id);
    await this.retention.noted(conversation, undefined);
    const existing = await conversations.get(owner);
    if (!existing) throw new Error(`conversation ${owner} claimed by ${origin} is missing`);
    return ok({ conversation: existing, made: 'existing' });
  }

  get(id: string): Promise<DevelopmentConversation | undefined> {
    return this.records.conversations.get(id);
  }

  /** A conversation for a list: undefined, with a log line naming its record, when it cannot be read. */
  private readable(id: string): Promise<DevelopmentConversation | undefined> {
    return this.get(id).catch((error) => this.unreadable(error));
  }

  private unreadable(error: unknown): undefined {
    if (!(error instanceof UnreadableRecordError)) throw error;
    this.log.warn('record unreadable, skipped', { record: error.key });
    return undefined;
  }

  /** The conversation a card created, if it did. */
  private async createdFrom(origin: string): Promise<DevelopmentConversation | undefined> {
    const claimed = await this.records.origins.get(origin);
    return claimed && this.readable(claimed.conversationId);
  }

  /** The latest finished conversation of a kind between exactly these people, if any (one that cannot be read is passed over: the new one opens without it). */
  private async lastFinishedWith(kind: string, people: string[]): Promise<DevelopmentConversation | undefined> {
    const latest = await this.records.latestFinished.get(peopleKey(kind, people)).catch((error) => this.unreadable(error));
    return latest && this.readable(latest.conversationId);
  }

  /** An open conversation of the kind between exactly these people, if any. */
  private async openWith(kind: ConversationKind, people: string[]): Promise<DevelopmentConversation | undefined> {
    const noted = await this.records.openWith.get(peopleKey(kind, people)).catch((error) => this.unreadable(error));
    const candidate = noted && (await this.readable(noted.conversationId));
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

  /** Visits every stored conversation once, one at a time (rare: rebuilding an index); one that cannot be read is passed over (and logged). */
  async forEach(visit: (c: DevelopmentConversation) => Promise<void>): Promise<number> {
    let visited = 0;
    for (const id of await this.records.conversations.ids()) {
      const c = await this.readable(id);
      if (!c) continue;
      await visit(c);
      visited++;
    }
    return visited;
  }

  /** Every conversation a person takes part in, oldest first; one whose record cannot be read is left out (and logged). */
  async of(personId: string): Promise<DevelopmentConversation[]> {
    const ids = await this.records.participations.ids(`${personId}/`);
    const found = await Promise.all(ids.map((id) => this.readable(id.slice(personId.length + 1))));
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

  /**
   * A change the retention rules decide on the fresh state (the content removed, a copy redacted):
   * through the one write path, so it is counted and indexed like every other change.
   */
  retain(id: string, decide: (current: DevelopmentConversation) => DevelopmentConversation | undefined): Promise<ActOutcome | Unchanged> {
    return this.change(id, (current) => {
      const next = decide(current);
      return next && ok({ conversation: next });
    });
  }

  /** A booked conversation takes its meeting's date and time, as the calendar has them now. */
  followMeeting(id: string, moved: { date: string; meeting: MeetingTime }): Promise<ActOutcome | Unchanged> {
    return this.change(id, (current) => {
      const next = followMeeting(current, moved);
      return next && ok({ conversation: next });
    });
  }

  /**
   * Removes a conversation and what finds it: its participations, its origin and the latest-finished
   * note when they name it, and its index entry. The record goes last, so a pass stopped halfway
   * finds the conversation again and finishes the job.
   */
  async forget(c: DevelopmentConversation): Promise<void> {
    const { conversations, origins, participations, latestFinished, openWith } = this.records;
    await Promise.all(c.participants.map((p) => participations.delete(`${p.id}/${c.id}`)));
    if (c.origin && (await origins.get(c.origin))?.conversationId === c.id) await origins.delete(c.origin);
    const peopleOf = peopleKey(c.kind, c.participants.map((p) => p.id));
    if ((await latestFinished.get(peopleOf))?.conversationId === c.id) await latestFinished.delete(peopleOf);
    if ((await openWith.get(peopleOf))?.conversationId === c.id) await openWith.delete(peopleOf);
    await conversations.delete(c.id);
    await this.retention.noted(c, undefined);
  }

  /** Whether a person still takes part in any stored conversation. */
  async takesPart(personId: string): Promise<boolean> {
    return (await this.records.participations.ids(`${personId}/`)).length > 0;
  }

  /** Every stored conversation's id: for building the retention index once, never on a turn. */
  storedIds(): Promise<string[]> {
    return this.records.conversations.ids();
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
    if (outcome.kind !== 'applied') return outcome;
    await this.retention.noted(outcome.before, outcome.conversation);
    if (outcome.conversation.phase === 'finished' && outcome.before.phase !== 'finished') await this.rememberFinished(outcome.conversation);
    await this.observer?.changed(outcome.conversation, outcome.before);
    return outcome;
  }
}

const silent: Logger = { info() {}, warn() {}, error() {} };

function peopleKey(kind: string, people: string[]): string {
  return `${kind}/${createHash('sha256').update([...people].sort().join('\n')).digest('hex').slice(0, 32)}`;
}
