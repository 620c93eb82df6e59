import { employeesOf, leaderOf, type DevelopmentConversation, type Person } from '../domain/conversation';
import { openAgreements } from '../domain/followUp';
import type { ConversationService } from './conversationService';

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
