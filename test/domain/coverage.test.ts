import { countIn, coverageEntries, emptyFigures, mergeCoverage, periodOf, standingOf, type PersonCoverage } from '../../src/domain/coverage';
import type { DevelopmentConversation } from '../../src/domain/conversation';
import { countKeywords, keywordTrend, MIN_CONTRIBUTORS, type KeywordTally } from '../../src/domain/keywordTrends';
import { everyoneIn, leadersAmong, organisationUnits, unitIndex, type OrganisationMember } from '../../src/domain/organisation';
import { employee, finishedWith, leader, newMus } from '../support/conversations';

const names = { organisation: 'Hele organisationen', noDepartment: 'Uden afdeling', noLeader: 'Uden leder' };

function recordOf(...conversations: DevelopmentConversation[]): PersonCoverage | undefined {
  let record: PersonCoverage | undefined;
  for (const c of conversations) record = mergeCoverage(record, employee.id, c.id, coverageEntries(c).get(employee.id)!, '2027-06-01') ?? record;
  return record;
}

describe('the coverage index entry of a conversation', () => {
  it('holds dates and counts only: kind, date, phase, filed, and each agreement\'s first agreed follow-up date', () => {
    const c = finishedWith('2027-03-01');
    const postponed = { ...c, agreements: c.agreements.map((a) => ({ ...a, followUpDate: '2027-04-01', postponedFrom: ['2027-03-01'] })), filing: { location: 'x', filedAt: '2026-12-01T10:00:00Z' } };
    const entry = coverageEntries(postponed).get(employee.id)!;
    expect(entry).toEqual({ kind: 'MUS', date: '2026-12-01', phase: 'held', filed: true, agreements: [{ id: c.agreements[0].id, due: '2027-03-01' }], revision: c.revision });
    expect(JSON.stringify(entry)).not.toMatch(/Aftale|Mod|Feedback|inden sommer/);
    // The leader is not covered by the conversation they lead.
    expect(coverageEntries(c).has(leader.id)).toBe(false);
    expect(coverageEntries(newMus()).get(employee.id)).toMatchObject({ phase: 'planned', agreements: [] });
  });

  it('never takes an older revision over a newer one, and keeps agreement dates the retention time removed', () => {
    const c = finishedWith('2027-03-01');
    const followed = { ...c, revision: c.revision + 1, agreements: c.agreements.map((a) => ({ ...a, followedUp: { on: '2027-02-20', by: employee.id, note: '' } })) };
    const record = recordOf(c, followed)!;
    expect(mergeCoverage(record, employee.id, c.id, coverageEntries(c).get(employee.id)!, '2027-06-01')).toBeUndefined();
    const swept = { ...followed, revision: followed.revision + 1, agreements: [] };
    const after = mergeCoverage(record, employee.id, c.id, coverageEntries(swept).get(employee.id)!, '2027-06-01')!;
    expect(after.conversations[c.id].agreements).toEqual([{ id: c.agreements[0].id, due: '2027-03-01', followedUpOn: '2027-02-20' }]);
  });

  it('drops entries older than two years, except the latest held one', () => {
    const old = { ...finishedWith('2030-01-01'), id: 'old', date: '2023-01-10' };
    const older = { ...finishedWith('2030-01-01'), id: 'older', date: '2022-01-10' };
    const record = mergeCoverage(recordOf(older), employee.id, old.id, coverageEntries(old).get(employee.id)!, '2027-06-01')!;
    expect(Object.keys(record.conversations)).toEqual(['old']);
  });
});

describe('a person\'s standing', () => {
  const today = '2027-06-01';
  it('is covered by a conversation held within the last 12 months, and due soon within the notice days', () => {
    const held = { ...finishedWith('2027-01-15'), date: '2026-07-01' };
    expect(standingOf(recordOf(held), today, 30)).toEqual({ status: 'covered', dueSoon: true, heldKinds: ['MUS'], filed: 0, agreementsDue: 1, agreementsOnTime: 0 });
    expect(standingOf(recordOf(held), today, 20).dueSoon).toBe(false);
    expect(periodOf(today)).toEqual({ from: '2026-06-02', to: '2027-06-01' });
  });

  it('counts an agreement followed up on or before its date as on time, a later one not', () => {
    const c = { ...finishedWith('2027-01-15', '2027-02-15', '2027-09-01'), date: '2026-12-01' };
    const on = ['2027-01-15', '2027-02-16'];
    const followed = { ...c, agreements: c.agreements.map((a, i) => (on[i] ? { ...a, followedUp: { on: on[i], by: employee.id, note: '' } } : a)) };
    // The third is due after today: not counted yet.
    expect(standingOf(recordOf(followed), today, 30)).toMatchObject({ agreementsDue: 2, agreementsOnTime: 1 });
  });

  it('is planned with a coming conversation, overdue after a year, and never without any', () => {
    expect(standingOf(recordOf({ ...newMus(), date: '2027-06-10' }), today, 30).status).toBe('planned');
    expect(standingOf(recordOf({ ...finishedWith('2030-01-01'), date: '2026-05-31' }), today, 30).status).toBe('overdue');
    expect(standingOf(recordOf({ ...finishedWith('2030-01-01'), date: '2026-06-02' }), today, 30).status).toBe('covered');
    expect(standingOf(undefined, today, 30).status).toBe('never');
  });

  it('adds up into a unit\'s figures', () => {
    const figures = emptyFigures();
    countIn(figures, standingOf(recordOf({ ...finishedWith('2027-01-15'), date: '2026-12-01' }), today, 30), true);
    countIn(figures, standingOf(undefined, today, 30), false);
    expect(figures).toMatchObject({ employees: 2, covered: 1, overdue: 1, never: 1, leaders: 1, leadersCovered: 1, byKind: { MUS: 1, GRUS: 0, LUS: 0 }, agreementsDue: 1 });
  });
});

describe('the organisation\'s units', () => {
  const members: OrganisationMember[] = [
    { id: 'top', name: 'Direktør' },
    { id: 'a', name: 'Anne Leder', department: 'Borgerservice', managerId: 'top' },
    { id: 'a1', name: 'A1', department: 'Borgerservice', managerId: 'a' },
    { id: 'a2', name: 'A2', department: 'Borgerservice', managerId: 'a' },
    { id: 'b', name: 'Bo Leder', department: 'Økonomi', managerId: 'top' },
    { id: 'b1', name: 'B1', department: 'Økonomi', managerId: 'b' },
    { id: 'x', name: 'Uden chef', department: 'Økonomi' }
  ];

  it('by department: each department, and in it each leader\'s people', () => {
    const root = organisationUnits(members, { by: 'department' }, names);
    expect(root.children.map((u) => u.name)).toEqual(['Borgerservice', 'Uden afdeling', 'Økonomi']);
    const economy = unitIndex(root).get('dep:Økonomi')!.unit;
    expect(economy.children.map((u) => [u.name, u.memberIds])).toEqual([['Bo Leder', ['b1']], ['Direktør', ['b']], ['Uden leder', ['x']]]);
    expect(everyoneIn(root).sort()).toEqual(members.map((m) => m.id).sort());
  });

  it('by the manager chain from a top: each leader\'s unit holds everyone below them, and a loop is cut', () => {
    const looped = [...members, { id: 'top', name: 'Direktør', managerId: 'b1' }].slice(1);
    const root = organisationUnits(looped, { by: 'manager', top: 'top' }, names);
    expect(root.memberIds).toEqual(['top', 'a', 'b']);
    expect(root.children.map((u) => [u.id, everyoneIn(u)])).toEqual([['mgr:a', ['a1', 'a2']], ['mgr:b', ['b1']]]);
    expect(everyoneIn(root)).not.toContain('x');
    expect([...leadersAmong(members)].sort()).toEqual(['a', 'b', 'top']);
  });
});

describe('the leader\'s keyword picture for their LUS', () => {
  const id = (_: unknown, personId: string) => `h-${personId}`;
  const musWith = (personId: string, picks: string[]): DevelopmentConversation => {
    const c = finishedWith('2030-01-01');
    return { ...c, participants: [c.participants[0], { id: personId, name: personId, role: 'employee' }], picks: { [leader.id]: ['Ledelse'], [personId]: picks } };
  };

  it('counts each of the leader\'s people once a year, never the leader\'s own picks, and keeps no one\'s choice', () => {
    let tally: KeywordTally | undefined;
    for (const [person, picks] of [['p1', ['Mod', 'Ansvar']], ['p2', ['Mod']], ['p1', ['Økonomi']]] as const) tally = countKeywords(tally, musWith(person, [...picks]), id) ?? tally;
    expect(tally).toEqual({ leaderId: leader.id, year: '2026', contributors: ['h-p1', 'h-p2'], counts: { Mod: 2, Ansvar: 1 } });
    expect(countKeywords(tally, musWith('p2', ['Mod']), id)).toBeUndefined();
  });

  it(`is shown only when at least ${MIN_CONTRIBUTORS} people contributed`, () => {
    let tally: KeywordTally | undefined;
    for (let i = 1; i < MIN_CONTRIBUTORS; i++) tally = countKeywords(tally, musWith(`p${i}`, ['Mod', 'Feedback']), id);
    expect(keywordTrend(tally)).toBeUndefined();
    tally = countKeywords(tally, musWith('p5', ['Feedback']), id);
    expect(keywordTrend(tally)).toEqual({ year: '2026', contributors: 5, keywords: [{ keyword: 'Feedback', count: 5 }, { keyword: 'Mod', count: 4 }] });
  });
});
