import { randomUUID } from 'crypto';
import type { Logger } from '../log';
import type { Clock, RecordSource, Records } from './ports';
import { recordKinds } from './recordKinds';

/** Work that must still happen after a person was answered: recorded first, so a restart finds it. */
export interface Job {
  kind: string;
  conversationId: string;
  /** What the kind needs beyond the conversation (where a new conversation's cards go, what changed). */
  data?: Record<string, unknown>;
  attempts: number;
  nextAttemptAt: string;
  /** Set while an instance runs it, and renewed while the run lasts; another may take over once this has passed. */
  claimedUntil?: string;
  /** Which instance holds the claim: only it renews it. */
  claimedBy?: string;
}

export type JobHandler = (job: Job) => Promise<void>;

export interface JobDependencies {
  records: Records<Job>;
  clock: Clock;
  log: Logger;
  /** How long an instance holds a job it runs; if it dies, another takes the job over after this. */
  claimMs: number;
  /** The first pause after a failed run; it doubles up to `maxDelayMs`. */
  firstDelayMs: number;
  maxDelayMs: number;
}

export function jobRecords(source: RecordSource): Records<Job> {
  return source(recordKinds.job.prefix);
}

/**
 * Durable background work. A job is stored before the person is answered and run straight after,
 * here; a job whose instance died, or whose run failed, is run again by the periodic pass (with
 * growing pauses) until it succeeds. Handlers must be safe to run again: a job may have done part of
 * its work before a crash.
 */
export class Jobs {
  private readonly handlers = new Map<string, JobHandler>();
  /** The runs under way here, by job id. */
  private readonly runs = new Map<string, Promise<boolean>>();
  /** This instance, as a claim names it. */
  private readonly instance = randomUUID();
  private pass?: Promise<number>;

  constructor(private readonly deps: JobDependencies) {}

  handle(kind: string, handler: JobHandler): void {
    this.handlers.set(kind, handler);
  }

  /**
   * Stores a job (once per id: the same id again is the same job) claimed by this instance, and runs
   * it now in the background. The returned promise settles when this run ends; nobody has to wait for it.
   */
  async start(id: string, job: Pick<Job, 'kind' | 'conversationId' | 'data'>): Promise<{ done: Promise<void> }> {
    const now = this.deps.clock.now();
    const claimed = await this.deps.records.update(id, (current) =>
      current ? { result: false } : { write: { ...job, attempts: 0, nextAttemptAt: now.toISOString(), ...this.claimFrom(now) }, result: true }
    );
    return { done: claimed ? this.track(id, this.run(id)).then(() => undefined) : Promise.resolve() };
  }

  /**
   * Whether a job is done (no longer stored), after waiting for its run if this instance is running
   * it; false while it waits to be tried again or another instance runs it.
   */
  async done(id: string): Promise<boolean> {
    await this.runs.get(id);
    return (await this.deps.records.get(id)) === undefined;
  }

  /** Runs every job that is due and not held by another instance; returns how many finished. One pass at a time. */
  runDue(): Promise<number> {
    this.pass ??= this.duePass().finally(() => (this.pass = undefined));
    return this.pass;
  }

  /** Waits for the runs this instance started (a graceful stop). */
  async settle(): Promise<void> {
    await Promise.all([...this.runs.values()]);
  }

  private async duePass(): Promise<number> {
    let finished = 0;
    for (const id of await this.deps.records.ids()) {
      if (!(await this.claim(id))) continue;
      if (await this.track(id, this.run(id))) finished++;
    }
    return finished;
  }

  /** Keeps a run in view until it ends, for `settle` and `done`; `run` never rejects. */
  private track(id: string, run: Promise<boolean>): Promise<boolean> {
    this.runs.set(id, run);
    void run.then(() => this.runs.get(id) === run && this.runs.delete(id));
    return run;
  }

  /** Runs a claimed job: deleted when it succeeds, put off with a growing pause when it fails. Never rejects. */
  private async run(id: string): Promise<boolean> {
    try {
      const job = await this.deps.records.get(id);
      if (!job) return true;
      const handler = this.handlers.get(job.kind);
      if (!handler) throw new Error(`no handler for ${job.kind}`);
      await this.holdWhile(id, handler(job));
      await this.deps.records.delete(id);
      return true;
    } catch (error) {
      this.deps.log.warn('job failed', { job: id.split('/')[0], error: (error as Error).name });
      await this.putOff(id).catch((failure: Error) => this.deps.log.error('job not put off', { job: id.split('/')[0], error: failure.name }));
      return false;
    }
  }

  private claim(id: string): Promise<boolean> {
    const now = this.deps.clock.now();
    const iso = now.toISOString();
    return this.deps.records.update(id, (job) => {
      if (!job || (job.claimedUntil ?? '') > iso || job.nextAttemptAt > iso) return { result: false };
      return { write: { ...job, ...this.claimFrom(now) }, result: true };
    });
  }

  private putOff(id: string): Promise<void> {
    return this.deps.records.update(id, (job) => {
      if (!job) return { result: undefined };
      const attempts = job.attempts + 1;
      const delay = Math.min(this.deps.firstDelayMs * 2 ** (attempts - 1), this.deps.maxDelayMs);
      const { claimedUntil: _released, claimedBy: _by, ...rest } = job;
      return { write: { ...rest, attempts, nextAttemptAt: new Date(this.deps.clock.now().getTime() + delay).toISOString() }, result: undefined };
    });
  }

  private claimFrom(now: Date): Pick<Job, 'claimedUntil' | 'claimedBy'> {
    return { claimedUntil: new Date(now.getTime() + this.deps.claimMs).toISOString(), claimedBy: this.instance };
  }

  /**
   * Keeps the claim on a job for as long as its run lasts (a group's finish may outlast one claim):
   * renewed at a third of the claim's time, while this instance still holds it.
   */
  private holdWhile<T>(id: string, run: Promise<T>): Promise<T> {
    const renew = setInterval(() => {
      void this.deps.records
        .update(id, (job) => (job?.claimedBy === this.instance && job.claimedUntil ? { write: { ...job, ...this.claimFrom(this.deps.clock.now()) }, result: undefined } : { result: undefined }))
        .catch((error: Error) => this.deps.log.warn('job claim not renewed', { job: id.split('/')[0], error: error.name }));
    }, Math.max(10, Math.floor(this.deps.claimMs / 3)));
    renew.unref();
    return run.finally(() => clearInterval(renew));
  }
}
