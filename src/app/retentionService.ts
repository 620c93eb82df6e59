import { addDays } from '../domain/calendar';
import { todayIn } from '../domain/dates';
import { mayForget, nextRetentionDay, redactCopy, retentionStep, type RetentionPolicy } from '../domain/retention';
import type { Logger } from '../log';
import type { ConversationService } from './conversationService';
import { ConversationRemoval } from './conversationRemoval';
import { UnreadableRecordError, type Clock, type RecordSource, type Records } from './ports';
import { recordKinds } from './recordKinds';
import { DUE_CURSOR, INDEXED, retentionStores, type RetentionStores } from './retentionIndex';
import type { ReminderService } from './reminderService';

export interface RetentionDependencies {
  conversations: ConversationService;
  reminders: ReminderService;
  /** Where every kind of record is (src/app/recordKinds.ts): the sweep removes what a removed conversation leaves. */
  source: RecordSource;
  clock: Clock;
  /** Days after filing that the audit record of a filing is removed. */
  auditDays: number;
  log: Logger;
}

const AUDIT_CURSOR = 'audit';

/**
 * The retention sweep: carries out the lifetimes in src/app/recordKinds.ts. It reads the retention
 * index's entries for today and any days left from before (not every conversation), and for each
 * conversation due: removes it whole when it was abandoned, removes its content when that is due
 * (and the same from the copy the next conversation carries), and forgets it once nothing of it is
 * needed — with the records that only served it. Audit records go by the day they were written.
 * What cannot be read is skipped and logged, and looked at again the next day.
 */
export class RetentionService {
  private readonly stores: RetentionStores;
  private readonly outbox: Records<object>;
  private readonly audit: Records<object>;
  private readonly keywordTallies: Records<object>;
  private readonly removal: ConversationRemoval;
  private running?: Promise<number>;

  constructor(private readonly deps: RetentionDependencies) {
    this.stores = retentionStores(deps.source);
    this.outbox = deps.source(recordKinds.outbox.prefix);
    this.audit = deps.source(recordKinds.audit.prefix);
    this.keywordTallies = deps.source(recordKinds.keywordTally.prefix);
    this.removal = new ConversationRemoval(deps);
  }

  private get policy(): RetentionPolicy {
    return this.deps.conversations.retention.policy;
  }

  /** One pass at a time; returns how many conversations were changed or removed, and audit records removed. */
  sweep(): Promise<number> {
    this.running ??= this.pass().finally(() => (this.running = undefined));
    return this.running;
  }

  private async pass(): Promise<number> {
    const today = todayIn(this.deps.clock.timeZone, this.deps.clock.now());
    await this.indexOnce(today);
    const index = this.deps.conversations.retention;
    const from = (await this.stores.state.get(DUE_CURSOR))?.day ?? today;
    let changed = 0;
    let pastLeft = false;
    for (let day = from; day <= today; day = addDays(day, 1)) {
      for (const { entry, conversationId } of await index.on(day)) {
        try {
          if (await this.retain(conversationId, day, today)) changed++;
          await index.remove(entry);
        } catch (error) {
          if (error instanceof UnreadableRecordError) {
            // Skipped, not stuck: the cursor moves on, and it is looked at again tomorrow.
            this.deps.log.warn('record unreadable, skipped', { record: error.key });
            await index.add(addDays(today, 1), conversationId);
            await index.remove(entry);
          } else {
            this.deps.log.warn('retention step failed', { conversation: conversationId, error: (error as Error).message });
            if (day < today) pastLeft = true;
          }
        }
      }
    }
    if (from < today && !pastLeft) {
      await this.stores.state.update(DUE_CURSOR, (cursor) => (cursor?.day === from ? { write: { day: today }, result: undefined } : { result: undefined }));
    }
    return changed + (await this.expireAudits(today)) + (await this.expireKeywordTallies(today));
  }

  /** Applies the rules to one conversation noted under `day`; true when it changed or went. */
  private async retain(id: string, day: string, today: string): Promise<boolean> {
    const { conversations } = this.deps;
    const c = await conversations.get(id);
    if (!c) return false;
    const step = retentionStep(c, today, this.policy);
    if (step?.kind === 'expire') {
      await this.removal.remove(c, 'abandoned');
      return true;
    }
    let current = c;
    let changed = false;
    if (step?.kind === 'redact') {
      const outcome = await conversations.retain(id, (fresh) => {
        const now = retentionStep(fresh, today, this.policy);
        return now?.kind === 'redact' ? now.conversation : undefined;
      });
      if (outcome.kind === 'not_found') return false;
      if (outcome.kind === 'applied') {
        current = outcome.conversation;
        changed = true;
        if (!current.filing && (await this.outbox.get(id))) {
          // A plan never filed whose content went: there is nothing left to file.
          await this.outbox.delete(id);
          this.deps.log.info('filing given up', { conversation: id });
        }
      }
    }
    const successor = current.supersededBy ? await conversations.get(current.supersededBy) : undefined;
    // The same removal reaches the copy of its agreements the next conversation carries.
    if (changed && successor) await conversations.retain(successor.id, (fresh) => redactCopy(fresh, current));
    if (mayForget(current, successor)) {
      await this.removal.remove(current, 'superseded');
      return true;
    }
    // Finishing this one may be what the plan before it waited for.
    if (c.phase === 'finished' && c.previous) {
      const predecessor = await conversations.get(c.previous.conversationId);
      if (predecessor && mayForget(predecessor, current)) await this.removal.remove(predecessor, 'superseded');
    }
    // Normally noted by the change itself; noted here too in case a pass stopped before that.
    const next = nextRetentionDay(current, this.policy);
    if (!changed && next && next !== day) await conversations.retention.add(next, id);
    return changed;
  }

  /** A leader's keyword tally (`<leader id>/<year>`) is shown for the current year only: earlier years' go. */
  private async expireKeywordTallies(today: string): Promise<number> {
    const year = today.slice(0, 4);
    const past = (await this.keywordTallies.ids()).filter((id) => id.slice(id.lastIndexOf('/') + 1) < year);
    for (const id of past) await this.keywordTallies.delete(id);
    return past.length;
  }

  /** Audit records are kept under the day of filing: the days `auditDays` ago and before are removed whole. */
  private async expireAudits(today: string): Promise<number> {
    const last = addDays(today, -this.deps.auditDays);
    const from = (await this.stores.state.get(AUDIT_CURSOR))?.day ?? last;
    if (from > last) return 0;
    let removed = 0;
    for (let day = from; day <= last; day = addDays(day, 1)) {
      for (const id of await this.audit.ids(`${day}/`)) {
        await this.audit.delete(id);
        removed++;
      }
    }
    await this.stores.state.put(AUDIT_CURSOR, { day: addDays(last, 1) });
    return removed;
  }

  /**
   * Once, and again whenever the rules change: every stored conversation gets its entry for the
   * current rules (conversations stored before the index existed, or noted for other rules), and
   * audit records from before they were kept by day move under their day. The one pass that reads
   * everything; every later one reads what is due.
   */
  private async indexOnce(today: string): Promise<void> {
    const indexed = (await this.stores.state.get(INDEXED))?.policy;
    if (indexed?.days === this.policy.days && indexed.abandonedDays === this.policy.abandonedDays) return;
    const { conversations, log } = this.deps;
    const ids = await conversations.storedIds();
    for (const id of ids) {
      const c = await conversations.get(id).catch((error) => {
        if (!(error instanceof UnreadableRecordError)) throw error;
        log.warn('record unreadable, skipped', { record: error.key });
        return undefined;
      });
      const day = c ? nextRetentionDay(c, this.policy) : addDays(today, 1);
      if (day) await conversations.retention.add(day, id);
    }
    let earliestAudit: string | undefined;
    for (const id of await this.audit.ids()) {
      if (id.includes('/')) continue;
      const record = (await this.audit.get(id).catch(() => undefined)) as { at?: string } | undefined;
      const day = record?.at ? todayIn(this.deps.clock.timeZone, new Date(record.at)) : today;
      if (record) await this.audit.put(`${day}/${id}`, record);
      await this.audit.delete(id);
      if (!earliestAudit || day < earliestAudit) earliestAudit = day;
    }
    if (earliestAudit) {
      await this.stores.state.update(AUDIT_CURSOR, (cursor) => (cursor?.day !== undefined && cursor.day <= earliestAudit! ? { result: undefined } : { write: { day: earliestAudit }, result: undefined }));
    }
    await this.stores.state.put(INDEXED, { policy: { ...this.policy } });
    log.info('retention index built', { conversations: ids.length });
  }
}
