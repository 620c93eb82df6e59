import { addDays, isWithinWorkingHours, localParts } from '../domain/calendar';
import { leaderOf, type DevelopmentConversation } from '../domain/conversation';
import { isStillWanted, isWantedFor, plannedReminders, type PlannedReminder, type ReminderPolicy } from '../domain/reminders';
import type { Logger } from '../log';
import type { ConversationService } from './conversationService';
import { recordKinds } from './recordKinds';
import { UnreadableRecordError, type Clock, type DeliveryOutcome, type RecordSource, type Records, type ReminderSender } from './ports';

/** A planned reminder as stored, with what has become of each recipient. */
export interface ReminderRecord extends PlannedReminder {
  conversationId: string;
  delivered: Record<string, DeliveryOutcome>;
  done: boolean;
  /** Set while an instance delivers it; another may take over once this has passed. */
  claimedUntil?: string;
}

export interface ReminderStores {
  reminders: Records<ReminderRecord>;
  /** The due index: `<local day>/<dueAt>~<conversation>~<reminder>`, so finding the due ones reads today's folder. */
  due: Records<object>;
  /** The oldest day that may still hold undelivered reminders (after downtime, days are caught up). */
  cursor: Records<{ day: string }>;
  /** One entry per reminder and recipient, created before sending: the idempotency key. */
  sent: Records<{ at: string }>;
}

/** The reminder records' places in one source. */
export function reminderStores(source: RecordSource): ReminderStores {
  return {
    reminders: source(recordKinds.reminder.prefix),
    due: source(recordKinds.reminderDue.prefix),
    cursor: source(recordKinds.reminderCursor.prefix),
    sent: source(recordKinds.reminderSent.prefix)
  };
}

export interface ReminderDependencies {
  stores: ReminderStores;
  conversations: ConversationService;
  sender: ReminderSender;
  clock: Clock;
  policy: ReminderPolicy;
  /** How long one instance holds a reminder it delivers; another takes over after that. */
  claimMs: number;
  log: Logger;
}

interface DueEntry {
  indexId: string;
  day: string;
  dueAt: string;
  conversationId: string;
  reminderId: string;
}

const CURSOR = 'due';

/**
 * Durable reminders. Each is a stored record plus an entry in a due index kept by local day, so the
 * due query reads the days from the cursor to today, not every reminder there is. Delivery is
 * claimed per reminder (one instance at a time) and recorded per recipient under an idempotency key
 * created before sending: a crash or restart never sends a reminder twice, and one that failed is
 * tried again on the next pass.
 */
export class ReminderService {
  private running?: Promise<number>;

  constructor(private readonly deps: ReminderDependencies) {}

  /** Brings a conversation's stored reminders in line with its plan: new ones added, moved or settled ones removed. */
  async schedule(conversation: DevelopmentConversation): Promise<void> {
    const now = this.deps.clock.now();
    const planned = plannedReminders(conversation, this.deps.policy, now);
    const wanted = new Set(planned.map((r) => r.id));
    const stored = await this.stored(conversation.id);
    for (const record of stored) {
      if (!record.done && !wanted.has(record.id)) await this.remove(record);
    }
    const known = new Set(stored.map((r) => r.id));
    for (const reminder of planned) {
      if (known.has(reminder.id)) continue;
      const record: ReminderRecord = { ...reminder, conversationId: conversation.id, delivered: {}, done: false };
      const day = this.dayOf(reminder.dueAt);
      await this.lowerCursor(day);
      // The record before its index entry: whoever finds the entry also finds the record.
      const created = await this.deps.stores.reminders.update(recordId(record), (current) =>
        current ? { result: false } : { write: record, result: true }
      );
      if (created) await this.deps.stores.due.put(indexId(day, record), {});
    }
  }

  /** The index entries due now: today's and any left from earlier days. */
  async dueNow(): Promise<{ entries: DueEntry[]; pastDays: string[] }> {
    const now = this.deps.clock.now().toISOString();
    const today = this.dayOf(now);
    const from = (await this.deps.stores.cursor.get(CURSOR))?.day ?? today;
    const entries: DueEntry[] = [];
    const pastDays: string[] = [];
    for (let day = from; day <= today; day = addDays(day, 1)) {
      if (day < today) pastDays.push(day);
      for (const id of await this.deps.stores.due.ids(`${day}/`)) {
        const entry = parseIndexId(id);
        if (entry && entry.dueAt <= now) entries.push(entry);
      }
    }
    return { entries, pastDays };
  }

  /** Delivers what is due, in working hours only. One pass at a time; returns how many reminders were completed. */
  deliverDue(): Promise<number> {
    this.running ??= this.deliveryPass().finally(() => (this.running = undefined));
    return this.running;
  }

  /** Removes every reminder of a conversation that is removed: the records, their due entries and their idempotency keys. */
  async forget(conversationId: string): Promise<void> {
    const { reminders, sent } = this.deps.stores;
    for (const id of await reminders.ids(`${conversationId}/`)) {
      const record = await reminders.get(id).catch((error) => {
        if (!(error instanceof UnreadableRecordError)) throw error;
        return undefined;
      });
      if (record) await this.deps.stores.due.delete(indexId(this.dayOf(record.dueAt), record));
      await reminders.delete(id);
    }
    for (const key of await sent.ids(`${conversationId}/`)) await sent.delete(key);
  }

  /** Every stored reminder of a conversation; one whose record cannot be read is left out (and logged). */
  async stored(conversationId: string): Promise<ReminderRecord[]> {
    const ids = await this.deps.stores.reminders.ids(`${conversationId}/`);
    const records = await Promise.all(ids.map((id) => this.deps.stores.reminders.get(id).catch((error) => {
      if (!(error instanceof UnreadableRecordError)) throw error;
      this.deps.log.warn('record unreadable, skipped', { record: error.key });
      return undefined;
    })));
    return records.filter((r): r is ReminderRecord => r !== undefined);
  }

  private async deliveryPass(): Promise<number> {
    if (!isWithinWorkingHours(this.deps.clock.now(), this.deps.policy.hours)) return 0;
    const { entries, pastDays } = await this.dueNow();
    let completed = 0;
    let pastLeft = 0;
    for (const entry of entries) {
      const finished = await this.deliver(entry).catch((error: Error) => {
        this.deps.log.warn('reminder not delivered', { conversation: entry.conversationId, reminder: entry.reminderId, error: error.message });
        return false;
      });
      if (finished) completed++;
      else if (entry.day < this.dayOf(this.deps.clock.now().toISOString())) pastLeft++;
    }
    if (pastDays.length > 0 && pastLeft === 0) await this.advanceCursor(pastDays[0]);
    return completed;
  }

  /** Delivers one due reminder to everyone it is for; true when nothing is left to do for it. */
  private async deliver(entry: DueEntry): Promise<boolean> {
    const id = `${entry.conversationId}/${entry.reminderId}`;
    const claimed = await this.claim(id);
    if (claimed === 'busy') return false;
    const conversation = claimed === 'gone' ? undefined : await this.deps.conversations.get(entry.conversationId);
    if (claimed === 'gone' || !conversation || !isStillWanted(conversation, claimed, this.dayOf(this.deps.clock.now().toISOString()))) {
      if (claimed !== 'gone') await this.settle(id, {}, true);
      await this.deps.stores.due.delete(entry.indexId);
      return true;
    }
    const delivered: Record<string, DeliveryOutcome> = {};
    try {
      for (const recipientId of claimed.recipients) {
        if (claimed.delivered[recipientId]) continue;
        if (!isWantedFor(conversation, claimed, recipientId)) {
          delivered[recipientId] = 'unneeded';
          continue;
        }
        const outcome = await this.deliverTo(claimed, conversation, recipientId);
        if (outcome) delivered[recipientId] = outcome;
      }
    } finally {
      await this.settle(id, delivered);
    }
    await this.deps.stores.due.delete(entry.indexId);
    return true;
  }

  /** Sends to one person unless an earlier attempt already started to (its idempotency key exists). */
  private async deliverTo(reminder: ReminderRecord, conversation: DevelopmentConversation, recipientId: string): Promise<DeliveryOutcome | undefined> {
    const key = `${reminder.conversationId}/${reminder.id}/${recipientId}`;
    const at = this.deps.clock.now().toISOString();
    const first = await this.deps.stores.sent.update(key, (current) => (current ? { result: false } : { write: { at }, result: true }));
    if (!first) {
      this.deps.log.info('reminder already sent', { conversation: reminder.conversationId, reminder: reminder.id });
      return 'sent';
    }
    let outcome: DeliveryOutcome;
    try {
      outcome = await this.deps.sender.send(reminder, conversation, recipientId);
    } catch (error) {
      // Not sent: the key goes, so the next pass tries again.
      await this.deps.stores.sent.delete(key);
      throw error;
    }
    this.deps.log.info('reminder delivered', { conversation: reminder.conversationId, reminder: reminder.id, outcome });
    if (outcome === 'unreachable' && recipientId !== leaderOf(conversation).id) {
      await this.deps.sender.reportUnreachable(reminder, conversation, recipientId);
    }
    return outcome;
  }

  private claim(id: string): Promise<ReminderRecord | 'busy' | 'gone'> {
    const now = this.deps.clock.now();
    const iso = now.toISOString();
    return this.deps.stores.reminders.update<ReminderRecord | 'busy' | 'gone'>(id, (record) => {
      if (!record || record.done) return { result: 'gone' };
      if ((record.claimedUntil ?? '') > iso) return { result: 'busy' };
      const claimed = { ...record, claimedUntil: new Date(now.getTime() + this.deps.claimMs).toISOString() };
      return { write: claimed, result: claimed };
    });
  }

  /** Records what was delivered and lets go of the claim; done once every recipient has an outcome, or when no longer wanted. */
  private settle(id: string, delivered: Record<string, DeliveryOutcome>, unwanted = false): Promise<void> {
    return this.deps.stores.reminders.update(id, (record) => {
      if (!record) return { result: undefined };
      const all = { ...record.delivered, ...delivered };
      const { claimedUntil: _released, ...rest } = record;
      return { write: { ...rest, delivered: all, done: unwanted || record.recipients.every((r) => all[r]) }, result: undefined };
    });
  }

  private async remove(record: ReminderRecord): Promise<void> {
    await this.deps.stores.due.delete(indexId(this.dayOf(record.dueAt), record));
    await this.deps.stores.reminders.delete(recordId(record));
  }

  private async lowerCursor(day: string): Promise<void> {
    await this.deps.stores.cursor.update(CURSOR, (cursor) => (cursor && cursor.day <= day ? { result: undefined } : { write: { day }, result: undefined }));
  }

  /** Moves the cursor to today once the past days it covered are empty, unless someone moved it meanwhile. */
  private async advanceCursor(from: string): Promise<void> {
    const today = this.dayOf(this.deps.clock.now().toISOString());
    await this.deps.stores.cursor.update(CURSOR, (cursor) => (cursor?.day === from ? { write: { day: today }, result: undefined } : { result: undefined }));
  }

  private dayOf(iso: string): string {
    return localParts(new Date(iso), this.deps.policy.hours.timeZone).date;
  }
}

const recordId = (r: Pick<ReminderRecord, 'conversationId' | 'id'>) => `${r.conversationId}/${r.id}`;
const indexId = (day: string, r: Pick<ReminderRecord, 'conversationId' | 'id' | 'dueAt'>) => `${day}/${r.dueAt}~${r.conversationId}~${r.id}`;

function parseIndexId(id: string): DueEntry | undefined {
  const [day, name] = id.split('/');
  const [dueAt, conversationId, reminderId] = (name ?? '').split('~');
  return reminderId ? { indexId: id, day, dueAt, conversationId, reminderId } : undefined;
}
