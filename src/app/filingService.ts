import { leaderOf, type DevelopmentConversation } from '../domain/conversation';
import type { Logger } from '../log';
import { filePlan } from './archive';
import type { ConversationService } from './conversationService';
import { FilingError, type Clock, type FilingFailureKind, type FilingNotifier, type FilingReceipt, type FilingTarget, type PlanRenderer, type RecordSource, type Records } from './ports';

/** A finished plan still waiting to be filed: it is retried until it is filed or the leader cancels. */
export interface OutboxEntry {
  conversationId: string;
  attempts: number;
  nextAttemptAt: string;
  lastFailure: { kind: FilingFailureKind; status?: number };
  /** Set while an instance is filing it; another may take it over once this has passed. */
  claimedUntil?: string;
}

/** Who filed which plan where, and when: kept without any of the plan's content. */
export interface FilingAudit {
  event: 'plan-filed';
  conversationId: string;
  kind: DevelopmentConversation['kind'];
  filedBy: string;
  at: string;
  location: string;
}

export interface RetryPolicy {
  firstDelayMs: number;
  maxDelayMs: number;
  /** How long an instance holds a plan it is filing; if it dies, another takes over after this. */
  claimMs: number;
}

export type FilingOutcome = { filed: DevelopmentConversation } | { waiting: FilingError };

export interface FilingDependencies {
  conversations: ConversationService;
  /** Plans waiting to be filed, by conversation id. */
  outbox: Records<OutboxEntry>;
  audit: Records<FilingAudit>;
  target: FilingTarget;
  renderer: PlanRenderer;
  notifier: FilingNotifier;
  clock: Clock;
  retry: RetryPolicy;
  log: Logger;
}

/** The filing records' places in one source. */
export function filingRecords(source: RecordSource): Pick<FilingDependencies, 'outbox' | 'audit'> {
  return { outbox: source('outbox'), audit: source('audit') };
}

/**
 * Files finished plans and never loses one: a plan that cannot be filed waits in a durable outbox
 * and is retried with growing pauses — across restarts — until it is filed or the leader cancels.
 */
export class FilingService {
  private running?: Promise<void>;

  constructor(private readonly deps: FilingDependencies) {}

  /** Files the plan; `receipt: false` when the leader hears of the filing otherwise (the copy sent at finishing). */
  async file(conversation: DevelopmentConversation, options: { receipt?: boolean } = {}): Promise<FilingOutcome> {
    if (conversation.filing) {
      // Filed already (an earlier attempt got through): nothing may stay waiting for it.
      await this.deps.outbox.delete(conversation.id);
      return { filed: conversation };
    }
    let receipts: FilingReceipt[];
    try {
      receipts = await filePlan(conversation, this.deps.target, this.deps.renderer);
    } catch (error) {
      const failure = error instanceof FilingError ? error : new FilingError('unavailable', undefined, (error as Error).message);
      const changed = await this.postpone(conversation.id, failure);
      this.deps.log.warn('filing failed', { conversation: conversation.id, kind: failure.kind, status: failure.status, permission: failure.permission });
      await this.deps.notifier.failed(conversation, failure, changed);
      return { waiting: failure };
    }
    // The plan is in the personnel folder(s): what follows is bookkeeping, not a failed filing.
    const at = this.deps.clock.now().toISOString();
    const [first] = receipts;
    const filed = await this.deps.conversations.recordFiling(conversation.id, {
      // A GRUS is filed once per member: the folder that holds the members' folders, and how many files.
      location: receipts.length === 1 ? first.location : commonFolder(receipts.map((r) => r.location)),
      filedAt: at,
      ...(receipts.length > 1 ? { files: receipts.length } : {}),
      ...(receipts.length === 1 && first.webUrl ? { webUrl: first.webUrl } : {})
    });
    for (const [i, receipt] of receipts.entries()) {
      await this.deps.audit.put(`${at}-${conversation.id}-${i + 1}`, {
        event: 'plan-filed',
        conversationId: conversation.id,
        kind: conversation.kind,
        filedBy: leaderOf(conversation).id,
        at,
        location: receipt.location
      });
    }
    await this.deps.outbox.delete(conversation.id);
    this.deps.log.info('plan filed', { conversation: conversation.id });
    if (options.receipt ?? true) await this.deps.notifier.filed(filed ?? conversation);
    return { filed: filed ?? conversation };
  }

  /** Files every plan whose next attempt is due (or every waiting plan, after a restart). One pass at a time. */
  retryDue(options: { all?: boolean } = {}): Promise<void> {
    this.running ??= this.retryPass(options.all ?? false).finally(() => (this.running = undefined));
    return this.running;
  }

  /** Files now every waiting plan this person files (they just signed in), whatever its next attempt said. */
  retryFor(ownerId: string): Promise<void> {
    return this.retryPass(true, ownerId);
  }

  async cancel(conversationId: string): Promise<void> {
    await this.deps.outbox.delete(conversationId);
    this.deps.log.info('filing cancelled', { conversation: conversationId });
  }

  /**
   * The periodic pass claims first and reads a plan only when it is due; `ownerId` (after a
   * sign-in, rare) picks that owner's plans, which needs each waiting plan read before claiming.
   */
  private async retryPass(all: boolean, ownerId?: string): Promise<void> {
    for (const id of await this.deps.outbox.ids()) {
      if (ownerId !== undefined && !(await this.filedBy(id, ownerId))) continue;
      if (!(await this.claim(id, all))) continue;
      const conversation = await this.deps.conversations.get(id);
      if (!conversation) {
        await this.deps.outbox.delete(id);
        continue;
      }
      await this.file(conversation);
    }
  }

  private async filedBy(conversationId: string, ownerId: string): Promise<boolean> {
    const conversation = await this.deps.conversations.get(conversationId);
    return conversation !== undefined && leaderOf(conversation).id === ownerId;
  }

  /**
   * Takes a due plan for this instance, on condition that nobody else did first (the write
   * carries the eTag it read): with several instances, one files it; if that one dies, its claim
   * runs out and another takes over.
   */
  private claim(id: string, all: boolean): Promise<boolean> {
    const now = this.deps.clock.now();
    const iso = now.toISOString();
    return this.deps.outbox.update(id, (entry) => {
      if (!entry || (entry.claimedUntil ?? '') > iso || (!all && entry.nextAttemptAt > iso)) return { result: false };
      return { write: { ...entry, claimedUntil: new Date(now.getTime() + this.deps.retry.claimMs).toISOString() }, result: true };
    });
  }

  /** Records the failed attempt and when to try again; true when the reason is new. */
  private postpone(conversationId: string, failure: FilingError): Promise<boolean> {
    return this.deps.outbox.update(conversationId, (entry) => {
      const attempts = (entry?.attempts ?? 0) + 1;
      const delay = Math.min(this.deps.retry.firstDelayMs * 2 ** (attempts - 1), this.deps.retry.maxDelayMs);
      const changed = entry?.lastFailure.kind !== failure.kind;
      return {
        write: {
          conversationId,
          attempts,
          nextAttemptAt: new Date(this.deps.clock.now().getTime() + delay).toISOString(),
          lastFailure: { kind: failure.kind, ...(failure.status ? { status: failure.status } : {}) }
        },
        result: changed
      };
    });
  }
}

/** The deepest folder every location is in ("a/b/c.pdf", "a/b/d.pdf" → "a/b"). */
function commonFolder(locations: string[]): string {
  const split = locations.map((l) => l.split(/[\\/]/).slice(0, -1));
  const common: string[] = [];
  for (let i = 0; split.every((parts) => i < parts.length && parts[i] === split[0][i]); i++) common.push(split[0][i]);
  return common.join('/');
}
