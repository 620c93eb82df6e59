import { employeesOf, leaderOf, type DevelopmentConversation, type Person } from '../domain/conversation';
import type { Logger } from '../log';
import type { ConversationService } from './conversationService';
import type { RetryPolicy } from './filingService';
import type { PersonnelFolders } from './personnelFolders';
import { FilingError, UnreadableRecordError, type Clock, type Directory, type FilingFailureKind, type PlanCopier, type Records } from './ports';

/**
 * One employee's filed plans on their way from one leader's personnel files to the next one's:
 * under `waiting/<from id>/<employee id>` until it is done (the periodic pass lists only these),
 * then under `done/<from id>/<employee id>` (the overview's warning reads it).
 */
export interface HandoverRecord {
  from: Person;
  employee: Person;
  to: Person;
  /** Who asked: the old leader, or the new one. */
  requestedBy: string;
  /** The plans copied so far, by their names in the old leader's folder. */
  copied: string[];
  attempts: number;
  nextAttemptAt: string;
  claimedUntil?: string;
  lastFailure?: { kind: FilingFailureKind; status?: number };
  /** Once it is done. */
  doneAt?: string;
}

/** What became of a handover, as the person who asked for it hears it. */
export type HandoverAnswer =
  | { kind: 'directoryUnavailable' }
  | { kind: 'notFound' | 'ambiguous'; name: string }
  | { kind: 'notMoved'; employee: Person }
  | { kind: 'inProgress'; employee: Person; to: Person }
  | { kind: 'copied'; employee: Person; from: Person; to: Person; files: string[] }
  | { kind: 'waiting'; employee: Person; from: Person; to: Person; failure: FilingError };

/** Tells the person who asked how a handover that was retried later went. */
export interface HandoverNotifier {
  tell(personId: string, answer: HandoverAnswer): Promise<void>;
}

export interface HandoverDependencies {
  conversations: ConversationService;
  directory: Directory;
  folders: PersonnelFolders;
  copier: PlanCopier;
  records: Records<HandoverRecord>;
  notifier: HandoverNotifier;
  clock: Clock;
  retry: RetryPolicy;
  log: Logger;
}

/**
 * Hands an employee's filed plans over when they change leader (OneDrive filing, where each
 * leader's personnel files are their own): the plans in the old leader's folder for the employee
 * are copied into the new leader's. Who the new leader is comes from the directory, never from
 * what someone typed or a card: the old leader may hand over to the employee's manager there, and
 * that manager may fetch them. A handover that fails waits in its record and is retried, like a
 * plan in the filing outbox; a copy never lands twice.
 */
export class PlanHandover {
  private running?: Promise<void>;

  constructor(private readonly deps: HandoverDependencies) {}

  /**
   * The leader's people whose plans should be handed over: those the directory no longer has
   * reporting to the leader who filed their last plan, with their manager now. Only where the
   * directory could be asked (`reports`), and not once the newest plan was handed to that manager.
   */
  async due(leaderId: string, held: DevelopmentConversation[], reports: Person[] | undefined): Promise<Map<string, Person>> {
    const due = new Map<string, Person>();
    if (!reports) return due;
    const lastFiled = new Map<string, { person: Person; at: string }>();
    for (const c of held) {
      if (leaderOf(c).id !== leaderId || !c.filing) continue;
      for (const p of employeesOf(c)) if ((lastFiled.get(p.id)?.at ?? '') < c.filing.filedAt) lastFiled.set(p.id, { person: p, at: c.filing.filedAt });
    }
    const reporting = new Set(reports.map((p) => p.id));
    for (const { person, at } of lastFiled.values()) {
      if (reporting.has(person.id)) continue;
      const manager = await this.deps.directory.managerOf(person.id);
      if (!manager || manager.id === leaderId) continue;
      const done = await this.deps.records.get(`${DONE}${leaderId}/${person.id}`);
      if (done && done.to.id === manager.id && (done.doneAt ?? '') >= at) continue;
      due.set(person.id, manager);
    }
    return due;
  }

  /**
   * `overdrag <name>` from `actor`: as the old leader, of someone whose plans they filed (to that
   * person's manager in the directory); as the new leader, of someone reporting to them (from the
   * leader who filed their last plan).
   */
  async request(actor: Person, name: string): Promise<HandoverAnswer> {
    const wanted = nameKey(name);
    const filedByActor = (await this.deps.conversations.of(actor.id)).filter((c) => leaderOf(c).id === actor.id && c.filing);
    const theirs = uniquePeople(filedByActor.flatMap(employeesOf)).filter((p) => nameKey(p.name) === wanted);
    if (theirs.length > 1) return { kind: 'ambiguous', name };
    if (theirs.length === 1) {
      const [employee] = theirs;
      const manager = await this.deps.directory.managerOf(employee.id);
      if (manager === undefined) return { kind: 'directoryUnavailable' };
      if (manager === null || manager.id === actor.id) return { kind: 'notMoved', employee };
      return this.handOver(actor.id, actor, employee, manager);
    }
    const reports = await this.deps.directory.directReports(actor.id);
    if (reports === undefined) return { kind: 'directoryUnavailable' };
    const mine = reports.filter((p) => nameKey(p.name) === wanted);
    if (mine.length !== 1) return { kind: mine.length ? 'ambiguous' : 'notFound', name };
    const [employee] = mine;
    const last = (await this.deps.conversations.of(employee.id))
      .filter((c) => c.filing && leaderOf(c).id !== actor.id && employeesOf(c).some((p) => p.id === employee.id))
      .sort((a, b) => a.filing!.filedAt.localeCompare(b.filing!.filedAt))
      .pop();
    if (!last) return { kind: 'notMoved', employee };
    const from = leaderOf(last);
    return this.handOver(actor.id, { id: from.id, name: from.name }, employee, actor);
  }

  /** Hands over every waiting handover whose next attempt is due (all of them after a restart), and tells who asked. */
  retryDue(options: { all?: boolean } = {}): Promise<void> {
    this.running ??= this.retryPass(options.all ?? false).finally(() => (this.running = undefined));
    return this.running;
  }

  private async handOver(requestedBy: string, from: Person, employee: Person, to: Person): Promise<HandoverAnswer> {
    const key = `${from.id}/${employee.id}`;
    const now = this.deps.clock.now();
    const iso = now.toISOString();
    const ours = await this.deps.records.update(`${WAITING}${key}`, (current) => {
      if (current && (current.claimedUntil ?? '') > iso) return { result: false };
      // Asked again, everything is copied again: a plan already there with the same bytes is recognised, one removed since comes back.
      return { write: { from, employee, to, requestedBy, copied: [], attempts: 0, nextAttemptAt: iso, claimedUntil: this.claimUntil(now) }, result: true };
    });
    if (!ours) return { kind: 'inProgress', employee, to };
    return (await this.attempt(key)).answer;
  }

  /** One attempt at the handover under `<from id>/<employee id>`; `changed` when the person who asked has news. */
  private async attempt(key: string): Promise<{ answer: HandoverAnswer; changed: boolean }> {
    const waiting = `${WAITING}${key}`;
    const record = (await this.deps.records.get(waiting))!;
    const { from, employee, to } = record;
    try {
      const fromFolder = await this.deps.folders.chosen(from.id, employee.id);
      const plans = fromFolder ? await this.deps.copier.plansIn({ ownerId: from.id, folder: fromFolder }) : [];
      if (plans.length > 0) {
        const toFolder = await this.deps.folders.folderFor(to.id, employee);
        for (const name of plans.filter((p) => !record.copied.includes(p))) {
          await this.deps.copier.copy({ ownerId: from.id, folder: fromFolder! }, name, { ownerId: to.id, folder: toFolder });
          // Each copy is recorded as it lands: a retry goes on from there.
          await this.deps.records.update(waiting, (current) => (current ? { write: { ...current, copied: [...current.copied, name] }, result: undefined } : { result: undefined }));
        }
      }
      // Done first, then no longer waiting: a crash in between only makes the next pass find every copy there already.
      const { claimedUntil: _claim, lastFailure: _failure, ...rest } = record;
      await this.deps.records.put(`${DONE}${key}`, { ...rest, copied: plans, doneAt: this.deps.clock.now().toISOString() });
      await this.deps.records.delete(waiting);
      this.deps.log.info('plans handed over', { files: plans.length });
      return { answer: { kind: 'copied', employee, from, to, files: plans }, changed: true };
    } catch (error) {
      const failure = error instanceof FilingError ? error : new FilingError('unavailable', undefined, (error as Error).message);
      const changed = await this.postpone(key, failure);
      this.deps.log.warn('handover failed', { kind: failure.kind, status: failure.status, permission: failure.permission });
      return { answer: { kind: 'waiting', employee, from, to, failure }, changed };
    }
  }

  private async retryPass(all: boolean): Promise<void> {
    for (const waiting of await this.deps.records.ids(WAITING)) {
      const key = waiting.slice(WAITING.length);
      try {
        const requestedBy = await this.claim(key, all);
        if (!requestedBy) continue;
        const { answer, changed } = await this.attempt(key);
        if (changed) await this.deps.notifier.tell(requestedBy, answer);
      } catch (error) {
        if (!(error instanceof UnreadableRecordError)) throw error;
        this.deps.log.warn('record unreadable, skipped', { record: error.key });
      }
    }
  }

  /** Takes a due handover for this instance (a conditional write: with several instances, one does it); who asked for it. */
  private claim(key: string, all: boolean): Promise<string | undefined> {
    const now = this.deps.clock.now();
    const iso = now.toISOString();
    return this.deps.records.update(`${WAITING}${key}`, (current) => {
      if (!current || (current.claimedUntil ?? '') > iso || (!all && current.nextAttemptAt > iso)) return { result: undefined };
      return { write: { ...current, claimedUntil: this.claimUntil(now) }, result: current.requestedBy };
    });
  }

  /** Records the failed attempt and when to try again; true when the reason is new. */
  private postpone(key: string, failure: FilingError): Promise<boolean> {
    return this.deps.records.update(`${WAITING}${key}`, (current) => {
      if (!current) return { result: false };
      const attempts = current.attempts + 1;
      const delay = Math.min(this.deps.retry.firstDelayMs * 2 ** (attempts - 1), this.deps.retry.maxDelayMs);
      const { claimedUntil: _claim, ...rest } = current;
      return {
        write: { ...rest, attempts, nextAttemptAt: new Date(this.deps.clock.now().getTime() + delay).toISOString(), lastFailure: { kind: failure.kind, ...(failure.status ? { status: failure.status } : {}) } },
        result: current.lastFailure?.kind !== failure.kind
      };
    });
  }

  private claimUntil(now: Date): string {
    return new Date(now.getTime() + this.deps.retry.claimMs).toISOString();
  }
}

const WAITING = 'waiting/';
const DONE = 'done/';

/** Names as a person types them: case, accents' composition and spacing do not matter. */
function nameKey(name: string): string {
  return name.normalize('NFC').toLocaleLowerCase('da').replace(/\s+/g, ' ').trim();
}

function uniquePeople(people: Person[]): Person[] {
  return [...new Map(people.map((p) => [p.id, { id: p.id, name: p.name }])).values()];
}
