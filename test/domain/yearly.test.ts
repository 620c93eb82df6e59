import { yearlyOverview } from '../../src/domain/yearly';
import { employee, finishedWith, leader, newMus } from '../support/conversations';

describe('the leader\'s yearly overview', () => {
  const withDate = (date: string, c = finishedWith('2027-04-01')) => ({ ...c, id: `c-${date}`, date });

  it('says who is overdue, who is due within the notice, who has one planned, and who never had one', () => {
    const mette = { id: 'aad-mette', name: 'Mette Østergaard' };
    const ahmad = { id: 'aad-ahmad', name: 'Ahmad Jensen' };
    const ib = { id: 'aad-ib', name: 'Ib Holm' };
    const metteLast = { ...withDate('2025-11-01'), participants: [{ ...leader, role: 'leader' as const }, { ...mette, role: 'employee' as const }] };
    const ibPlanned = { ...newMus(), id: 'planned', participants: [{ ...leader, role: 'leader' as const }, { ...ib, role: 'employee' as const }] };
    const soerenLast = withDate('2025-12-10');
    const rows = yearlyOverview(leader.id, [metteLast, soerenLast, ibPlanned], [ahmad, mette], '2026-11-25', 30);
    expect(rows.map((r) => [r.person.name, r.status, r.last ?? '', r.due ?? '', r.planned ?? ''])).toEqual([
      ['Mette Østergaard', 'overdue', '2025-11-01', '2026-11-01', ''],
      ['Ahmad Jensen', 'never', '', '', ''],
      ['Søren Ærø', 'dueSoon', '2025-12-10', '2026-12-10', ''],
      ['Ib Holm', 'planned', '', '', '2026-12-01']
    ]);
  });

  it('counts only the leader\'s own conversations and the latest of them', () => {
    const rows = yearlyOverview(leader.id, [withDate('2024-01-10'), withDate('2026-06-01')], [], '2026-11-25', 30);
    expect(rows).toEqual([{ person: { id: employee.id, name: employee.name }, status: 'ok', last: '2026-06-01', due: '2027-06-01' }]);
    expect(yearlyOverview('aad-someone-else', [withDate('2026-06-01')], [], '2026-11-25', 30)).toEqual([]);
  });
});
