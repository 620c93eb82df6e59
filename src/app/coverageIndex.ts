import { createHash } from 'crypto';
import { employeesOf, type DevelopmentConversation } from '../domain/conversation';
import { todayIn } from '../domain/dates';
import { coverageEntries, mergeCoverage, sameEntry, withoutConversation, type PersonCoverage } from '../domain/coverage';
import { countKeywords, keywordTrend, tallyKey, type KeywordTally, type KeywordTrend } from '../domain/keywordTrends';
import type { Logger } from '../log';
import type { ConversationObserver, ConversationService } from './conversationService';
import { inParallel } from './inParallel';
import type { Clock, RecordSource, Records } from './ports';
import { recordKinds } from './recordKinds';

export interface CoverageRecords {
  /** `coverage/<person id>`: dates and counts per conversation, no content. */
  coverage: Records<PersonCoverage>;
  /** `keyword-trends/<leader id>/<year>`: the leader's people's keywords, counted. */
  tallies: Records<KeywordTally>;
  /** `coverage-index/built`: the index was built from the stored conversations once. */
  meta: Records<{ builtAt: string; conversations: number }>;
}

export function coverageRecords(source: RecordSource): CoverageRecords {
  return { coverage: source(recordKinds.coverage.prefix), tallies: source(recordKinds.keywordTally.prefix), meta: source(recordKinds.coverageIndexState.prefix) };
}

export interface CoverageIndexOptions {
  clock: Clock;
  /** Count the leader's people's keywords for the leader's own picture (LUS_KEYWORD_TRENDS). */
  keywordTrends: boolean;
  log: Logger;
}

/** How many coverage records are read at once: enough to hide storage latency, few enough not to be throttled. */
const READ_CONCURRENCY = 32;
const WRITE_CONCURRENCY = 8;

/**
 * The index the HR overview counts from, kept as conversations are created, held, filed and
 * followed up (ConversationService tells it of every change): one record per person, so the
 * organisation's figures read one record per employee however many conversations are stored.
 */
export class CoverageIndex implements ConversationObserver {
  constructor(private readonly records: CoverageRecords, private readonly options: CoverageIndexOptions) {}

  static in(source: RecordSource, options: CoverageIndexOptions): CoverageIndex {
    return new CoverageIndex(coverageRecords(source), options);
  }

  /**
   * Takes a stored change in. Most changes (a note, the next question) change nothing the index
   * holds and cost nothing here; the others write each person's record concerned. A failure is
   * logged, not thrown: the conversation is stored already, and its next such change writes again.
   */
  async changed(c: DevelopmentConversation, before?: DevelopmentConversation): Promise<void> {
    try {
      const today = todayIn(this.options.clock.timeZone, this.options.clock.now());
      // Each person's record concerned, and how it changes: a cancelled conversation leaves it, any other is merged in.
      const was = before && coverageEntries(before);
      const changes: [string, (current: PersonCoverage | undefined) => PersonCoverage | undefined][] =
        c.phase === 'cancelled'
          ? employeesOf(c).map((person) => [person.id, (current) => withoutConversation(current, c.id)])
          : [...coverageEntries(c)]
            .filter(([personId, entry]) => !(was && sameEntry(was.get(personId), entry)))
            .map(([personId, entry]) => [personId, (current) => mergeCoverage(current, personId, c.id, entry, today)]);
      // A 59-member GRUS finishing writes 59 records: side by side, not one round trip after another.
      await inParallel(changes, WRITE_CONCURRENCY, ([personId, change]) =>
        this.records.coverage.update(personId, (current) => {
          const next = change(current);
          return next ? { write: next, result: undefined } : { result: undefined };
        })
      );
      if (this.options.keywordTrends && c.phase === 'finished' && before?.phase !== 'finished' && c.kind !== 'LUS') {
        const { leaderId, year } = tallyKey(c);
        await this.records.tallies.update(`${leaderId}/${year}`, (current) => {
          const next = countKeywords(current, c, contributorId);
          return next ? { write: next, result: undefined } : { result: undefined };
        });
      }
    } catch (error) {
      this.options.log.error('coverage index update failed', { conversation: c.id, error: (error as Error).name });
    }
  }

  /** Each person's record (undefined: nothing held or planned with them yet). Reads one record per person. */
  async of(personIds: string[]): Promise<Map<string, PersonCoverage | undefined>> {
    const records = await inParallel(personIds, READ_CONCURRENCY, (id) => this.records.coverage.get(id));
    return new Map(personIds.map((id, i) => [id, records[i]]));
  }

  /** The keywords a leader's people chose this year, when at least five contributed; otherwise nothing. */
  async trendFor(leaderId: string): Promise<KeywordTrend | undefined> {
    const year = todayIn(this.options.clock.timeZone, this.options.clock.now()).slice(0, 4);
    return keywordTrend(await this.records.tallies.get(`${leaderId}/${year}`));
  }

  /**
   * Builds the index from the stored conversations once (the first start with this version): reads
   * every conversation one time. Several instances may do it at once; every entry is written the same.
   */
  async buildOnce(conversations: ConversationService): Promise<number> {
    if (await this.records.meta.get('built')) return 0;
    const count = await conversations.forEach((c) => this.changed(c));
    await this.records.meta.put('built', { builtAt: this.options.clock.now().toISOString(), conversations: count });
    this.options.log.info('coverage index built', { conversations: count });
    return count;
  }
}

/** A person as the tally counts them: a hash, so the tally says how many, not who. */
function contributorId(tally: { leaderId: string; year: string }, personId: string): string {
  return createHash('sha256').update(`${tally.leaderId}\n${tally.year}\n${personId}`).digest('hex').slice(0, 24);
}
