import { employeesOf, leaderOf, type DevelopmentConversation, type Person } from '../domain/conversation';
import { openAgreements, type FollowUpCommand } from '../domain/followUp';
import type { KeywordTrend } from '../domain/keywordTrends';
import { yearlyOverview, type YearlyRow } from '../domain/yearly';
import type { ActOutcome, ConversationService } from './conversationService';
import type { PlanHandover } from './handover';
import type { Directory } from './ports';
import type { ReminderService } from './reminderService';

export interface OpenAgreements {
  refs: { conversation: DevelopmentConversation; agreementId: string }[];
  employees: Person[];
  filter: string;
  total: number;
}

/**
 * The agreements a person still has to follow up, across all their finished conversations: as
 * leader every open agreement, otherwise the ones they are responsible for. Earliest follow-up first;
 * `limit` keeps a card within what Teams renders.
 */
export async function openAgreementsFor(conversations: ConversationService, personId: string, employeeId: string, limit: number): Promise<OpenAgreements> {
  const all = await conversations.of(personId);
  const led = all.filter((c) => leaderOf(c).id === personId);
  const employees = new Map(led.flatMap((c) => employeesOf(c)).map((p) => [p.id, { id: p.id, name: p.name }]));
  const filter = employees.has(employeeId) ? employeeId : '';
  const refs = all
    .filter((c) => !filter || c.participants.some((p) => p.id === filter))
    .flatMap((conversation) =>
      openAgreements(conversation)
        .filter((a) => leaderOf(conversation).id === personId || a.responsibleId === personId)
        .map((a) => ({ conversation, agreementId: a.id, date: a.followUpDate ?? '' }))
    )
    .sort((a, b) => a.date.localeCompare(b.date));
  return {
    refs: refs.slice(0, limit).map(({ conversation, agreementId }) => ({ conversation, agreementId })),
    employees: [...employees.values()].sort((a, b) => a.name.localeCompare(b.name, 'da')),
    filter,
    total: refs.length
  };
}

export interface FollowUpDependencies {
  conversations: ConversationService;
  reminders: ReminderService;
  directory: Directory;
  /** How many days before the yearly conversation is due that it counts as due soon. */
  annualNoticeDays: number;
  /** The leader's own picture for their LUS (LUS_KEYWORD_TRENDS): their people's keywords this year, from five contributors. */
  keywordTrends?: { trendFor(leaderId: string): Promise<KeywordTrend | undefined> };
  /** Filing in each leader's OneDrive: whose plans should be handed over to their new leader. */
  handover?: Pick<PlanHandover, 'due'>;
}

/** A person in the overview; `handOverTo` when their plans should go to their new leader's personnel files. */
export type OverviewRow = YearlyRow & { handOverTo?: Person };

/**
 * The leader's yearly overview. `picture` is there when the leader's own picture is turned on:
 * with a trend once at least five of their people contributed, else without one.
 */
export interface YearlyOverview {
  rows: OverviewRow[];
  fromDirectory: boolean;
  picture?: { trend?: KeywordTrend };
}

/** Follow-up after the conversation: what is open, following up or postponing it, and who is due their yearly conversation. */
export class FollowUps {
  constructor(private readonly deps: FollowUpDependencies) {}

  openFor(personId: string, employeeId: string, limit: number): Promise<OpenAgreements> {
    return openAgreementsFor(this.deps.conversations, personId, employeeId, limit);
  }

  /** Follows up or postpones an agreement; its reminders move with it. */
  async act(conversationId: string, actorId: string, command: FollowUpCommand): Promise<ActOutcome> {
    const outcome = await this.deps.conversations.followUp(conversationId, actorId, command);
    if (outcome.kind === 'applied') await this.deps.reminders.schedule(outcome.conversation);
    return outcome;
  }

  /** The leader's people and where each stands: from the directory where it may be asked, and from their conversations. */
  async yearly(leaderId: string): Promise<YearlyOverview> {
    const { conversations, directory, keywordTrends, handover } = this.deps;
    const [held, reports, trend] = await Promise.all([conversations.of(leaderId), directory.directReports(leaderId), keywordTrends?.trendFor(leaderId)]);
    const handOver = (await handover?.due(leaderId, held, reports)) ?? new Map<string, Person>();
    const rows = yearlyOverview(leaderId, held, reports ?? [], conversations.today(), this.deps.annualNoticeDays);
    return {
      rows: rows.map((row) => (handOver.has(row.person.id) ? { ...row, handOverTo: handOver.get(row.person.id) } : row)),
      fromDirectory: reports !== undefined,
      ...(keywordTrends ? { picture: trend ? { trend } : {} } : {})
    };
  }
}
