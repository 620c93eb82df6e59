import { addDays, addMonths } from './calendar';
import { employeesOf, isOpen, leaderOf, type DevelopmentConversation, type Person } from './conversation';

/** Where a person stands with the yearly development conversation. */
export type YearlyStatus = 'overdue' | 'dueSoon' | 'planned' | 'ok' | 'never';

export interface YearlyRow {
  person: Person;
  /** The date of their last finished conversation with this leader. */
  last?: string;
  /** A year after the last one: the latest date for the next. */
  due?: string;
  /** A conversation already created and not yet finished. */
  planned?: string;
  status: YearlyStatus;
}

/**
 * The yearly obligation from the leader's side: everyone must have a development conversation once
 * a year. `people` are the leader's people as the directory knows them (direct reports), if it
 * could be asked; everyone the leader has held conversations with is included either way.
 */
export function yearlyOverview(leaderId: string, conversations: DevelopmentConversation[], people: Person[], today: string, noticeDays: number): YearlyRow[] {
  const led = conversations.filter((c) => leaderOf(c).id === leaderId);
  const everyone = new Map(people.map((p) => [p.id, p]));
  for (const c of led) for (const p of employeesOf(c)) if (!everyone.has(p.id)) everyone.set(p.id, { id: p.id, name: p.name });

  const rows = [...everyone.values()].map((person): YearlyRow => {
    const theirs = led.filter((c) => employeesOf(c).some((p) => p.id === person.id));
    const last = theirs.filter((c) => c.phase === 'finished').map((c) => c.date).sort().pop();
    const planned = theirs.filter((c) => isOpen(c) && c.date >= today).map((c) => c.date).sort()[0];
    const due = last ? addMonths(last, 12) : undefined;
    const status: YearlyStatus = planned ? 'planned'
      : !due ? 'never'
      : due < today ? 'overdue'
      : addDays(due, -noticeDays) <= today ? 'dueSoon'
      : 'ok';
    return { person, status, ...(last ? { last } : {}), ...(due ? { due } : {}), ...(planned ? { planned } : {}) };
  });
  const order: YearlyStatus[] = ['overdue', 'never', 'dueSoon', 'planned', 'ok'];
  return rows.sort((a, b) => order.indexOf(a.status) - order.indexOf(b.status) || a.person.name.localeCompare(b.person.name, 'da'));
}
