import type { DevelopmentConversation } from '../domain/conversation';
import { nextRetentionDay, type RetentionPolicy } from '../domain/retention';
import type { RecordSource, Records } from './ports';
import { recordKinds } from './recordKinds';

/** The retention sweep's own state: cursors by name, and the rules the index was built with. */
export interface RetentionState {
  /** `due`, `audit`: the oldest local day that may still hold work. */
  day?: string;
  /** `indexed`: every conversation has an entry, for these rules. */
  policy?: RetentionPolicy;
}

export interface RetentionStores {
  /** The retention index: `<local day>/<conversation id>`, the day the rules next change that conversation. */
  due: Records<object>;
  state: Records<RetentionState>;
}

export function retentionStores(source: RecordSource): RetentionStores {
  return { due: source(recordKinds.retentionDue.prefix), state: source(recordKinds.retentionState.prefix) };
}

export const DUE_CURSOR = 'due';
/** The state record saying every conversation has an entry, and for which rules. */
export const INDEXED = 'indexed';

/**
 * The retention index, kept by local day like the reminders' due index: every stored change of a
 * conversation (through ConversationService's one write path) notes the day the retention rules
 * next change it, so the sweep reads today's entries and any left from earlier days, not every
 * conversation there is. An entry is written before the change it follows from is forgotten, and
 * one that has become stale is harmless: the sweep finds nothing due and notes the right day.
 */
export class RetentionIndex {
  constructor(private readonly stores: RetentionStores, readonly policy: RetentionPolicy) {}

  /** After a conversation was stored (`after`) or removed (`after` undefined): its entry moves to the day now due. */
  async noted(before: DevelopmentConversation | undefined, after: DevelopmentConversation | undefined): Promise<void> {
    const was = before && nextRetentionDay(before, this.policy);
    const is = after && nextRetentionDay(after, this.policy);
    if (was === is && (before === undefined) === (after === undefined)) return;
    if (after && is) await this.add(is, after.id);
    if (before && was && was !== is) await this.stores.due.delete(entryId(was, before.id));
  }

  /** Notes a conversation under a day (the day it is due, or a day to look at it again). */
  async add(day: string, conversationId: string): Promise<void> {
    await this.lowerCursor(day);
    await this.stores.due.put(entryId(day, conversationId), {});
  }

  /** The conversations noted under one day. */
  async on(day: string): Promise<{ entry: string; conversationId: string }[]> {
    return (await this.stores.due.ids(`${day}/`)).map((entry) => ({ entry, conversationId: entry.slice(day.length + 1) }));
  }

  remove(entry: string): Promise<void> {
    return this.stores.due.delete(entry);
  }

  /** The cursor may only move back here; the sweep moves it on once the days before today are done. */
  private async lowerCursor(day: string): Promise<void> {
    await this.stores.state.update(DUE_CURSOR, (cursor) => (cursor?.day !== undefined && cursor.day <= day ? { result: undefined } : { write: { day }, result: undefined }));
  }
}

const entryId = (day: string, conversationId: string) => `${day}/${conversationId}`;
