import { leaderOf, type DevelopmentConversation } from '../domain/conversation';
import { FilingError, type FilingFailureKind, type FilingReceipt, type FilingTarget } from '../filing/filingTarget';
import type { Logger } from '../log';
import type { VersionedStore } from '../storage/versionedStore';
import { filePlan } from './archive';
import type { Clock, ConversationService } from './conversationService';

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

/** Tells the leader what happened to the filing. */
export interface FilingNotifier {
  filed(conversation: DevelopmentConversation): Promise<void>;
  /** `changed` is true the first time, and whenever the reason changes, so the leader is not spammed. */
  failed(conversation: DevelopmentConversation, failure: FilingError, changed: boolean): Promise<void>;
}

export interface RetryPolicy {
  firstDelayMs: number;
  maxDelayMs: number;
  /** How long an instance holds a plan it is filing; if it dies, another takes over after this. */
  claimMs: number;
}

export type FilingOutcome = { filed: DevelopmentConversation } | { waiting: FilingError };

/**
 * Files finished plans and never loses one: a plan that cannot be filed waits in a durable outbox
 * and is retried with growing pauses — across restarts — until it is filed or the leader cancels.
 */
export class FilingService {
  private running?: Promise<void>;

  constructor(
    private readonly conversations: ConversationService,
    private readonly outbox: VersionedStore<OutboxEntry>,
    private readonly audit: VersionedStore<FilingAudit>,
    private readonly target: FilingTarget,
    private readonly notifier: FilingNotifier,
    private readonly clock: Clock,
    private readonly retry: RetryPolicy,
    private readonly log: Logger
  ) {}

  async file(conversation: DevelopmentConversation): Promise<FilingOutcome> {
    if (conversation.filing) {
      // Filed already (an earlier attempt got through): nothing may stay waiting for it.
      await this.outbox.delete(conversation.id);
      return { filed: conversation };
    }
    let receipts: FilingReceipt[];
    try {
      receipts = await filePlan(conversation, this.target);
    } catch (error) {
      const failure = error instanceof FilingError ? error : new FilingError('unavailable', undefined, (error as Error).message);
      const changed = await this.postpone(conversation.id, failure);
      this.log.warn('filing failed', { conversation: conversation.id, kind: failure.kind, status: failure.status, permission: failure.permission });
      await this.notifier.failed(conversation, failure, changed);
      return { waiting: failure };
    }
    // The plan is in the personnel folder(s): what follows is bookkeeping, not a failed filing.
    const at = this.clock.now().toISOString();
    const [first] = receipts;
    const filed = await this.conversations.recordFiling(conversation.id, {
      // A GRUS is filed once per member: the folder that holds the members' folders, and how many files.
      location: receipts.length === 1 ? first.location : commonFolder(receipts.map((r) => r.location)),
      filedAt: at,
      ...(receipts.length > 1 ? { files: receipts.length } : {}),
      ...(receipts.length === 1 && first.webUrl ? { webUrl: first.webUrl } : {})
    });
    for (const [i, receipt] of receipts.entries()) {
      await this.audit.put(`${at}-${conversation.id}-${i + 1}`, {
        event: 'plan-filed',
        conversationId: conversation.id,
        kind: conversation.kind,
        filedBy: leaderOf(conversation).id,
        at,
        location: receipt.location
      });
    }
    await this.outbox.delete(conversation.id);
    this.log.info('plan filed', { conversation: conversation.id });
    await this.notifier.filed(filed ?? conversation);
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
    await this.outbox.delete(conversationId);
    this.log.info('filing cancelled', { conversation: conversationId });
  }

  /**
   * The periodic pass claims first and reads a plan only when it is due; `ownerId` (after a
   * sign-in, rare) picks that owner's plans, which needs each waiting plan read before claiming.
   */
  private async retryPass(all: boolean, ownerId?: string): Promise<void> {
    for (const id of await this.outbox.ids()) {
      if (ownerId !== undefined && !(await this.filedBy(id, ownerId))) continue;
      if (!(await this.claim(id, all))) continue;
      const conversation = await this.conversations.get(id);
      if (!conversation) {
        await this.outbox.delete(id);
        continue;
      }
      await this.file(conversation);
    }
  }

  private async filedBy(conversationId: string, ownerId: string): Promise<boolean> {
    const conversation = await this.conversations.get(conversationId);
    return conversation !== undefined && leaderOf(conversation).id === ownerId;
  }

  /**
   * Takes a due plan for this instance, on condition that nobody else did first (the write
   * carries the eTag it read): with several instances, one files it; if that one dies, its claim
   * runs out and another takes over.
   */
  private claim(id: string, all: boolean): Promise<boolean> {
    const now = this.clock.now();
    const iso = now.toISOString();
    return this.outbox.update(id, (entry) => {
      if (!entry || (entry.claimedUntil ?? '') > iso || (!all && entry.nextAttemptAt > iso)) return { result: false };
      return { write: { ...entry, claimedUntil: new Date(now.getTime() + this.retry.claimMs).toISOString() }, result: true };
    });
  }

  /** Records the failed attempt and when to try again; true when the reason is new. */
  private postpone(conversationId: string, failure: FilingError): Promise<boolean> {
    return this.outbox.update(conversationId, (entry) => {
      const attempts = (entry?.attempts ?? 0) + 1;
      const delay = Math.min(this.retry.firstDelayMs * 2 ** (attempts - 1), this.retry.maxDelayMs);
      const changed = entry?.lastFailure.kind !== failure.kind;
      return {
        write: {
          conversationId,
          attempts,
          nextAttemptAt: new Date(this.clock.now().getTime() + delay).toISOString(),
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
