import { apply, createConversation } from '../../src/domain/operations';
import { planDocument, planProblems } from '../../src/domain/plan';
import type { DevelopmentConversation, Person } from '../../src/domain/conversation';
import { albertslund, hoejeTaastrup } from '../support/concepts';
import { TODAY, contextFor, leader, must } from '../support/conversations';

const members: Person[] = Array.from({ length: 12 }, (_, i) => ({ id: `aad-m${i + 1}`, name: `Medlem ${i + 1}` }));

function grus(replacesMus = false, people = members): DevelopmentConversation {
  const result = createConversation({ id: 'g1', kind: 'GRUS', concept: albertslund(), leader, employees: people, replacesMus, date: '2026-12-01', format: 'table', questionTexts: {} }, TODAY, `${TODAY}T08:00:00.000Z`);
  if (!result.ok) throw new Error(result.error.code);
  return result.value;
}

function held(replacesMus = false): DevelopmentConversation {
  let c = grus(replacesMus);
  for (const p of [leader, ...members]) c = must(c, p.id, { type: 'pickKeywords', keywords: ['Samarbejde', 'Kompetencer', 'Mod'] });
  return must(c, leader.id, { type: 'start' });
}

const agreement = (what: string, memberId?: string) => ({
  type: 'saveAgreement' as const,
  agreement: { perspectiveId: 'opgaver', what, when: 'I foråret', responsibleId: memberId ?? leader.id, followUpDate: '2027-03-01', valueFor: [], ...(memberId ? { memberId } : {}) }
});

describe('a GRUS', () => {
  it('is held with 2 to 59 members besides the leader, each once, the leader not among them', () => {
    const code = (people: Person[]) => {
      const r = createConversation({ id: 'g', kind: 'GRUS', concept: albertslund(), leader, employees: people, date: '2026-12-01', format: 'table', questionTexts: {} }, TODAY, 'now');
      return r.ok ? r.value.participants.length : r.error.code;
    };
    const many = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `aad-${i}`, name: `P ${i}` }));
    expect(code(many(30))).toBe(31);
    expect(code(many(59))).toBe(60);
    expect(code(many(60))).toBe('member_count');
    expect(code(many(1))).toBe('member_count');
    expect(code([members[0], members[0], members[1]])).toBe('member_count');
    expect(code([members[0], leader])).toBe('employee_is_leader');
  });

  it('keeps agreements for the whole group or for a named member, never for the leader or a stranger', () => {
    let c = held();
    c = must(c, leader.id, agreement('Fælles kursus i konflikthåndtering'));
    c = must(c, leader.id, agreement('Medlem 3 bliver superbruger', 'aad-m3'));
    expect(c.agreements.map((a) => a.memberId)).toEqual([undefined, 'aad-m3']);
    const refused = (memberId: string) => {
      const command = agreement('x', memberId);
      const r = apply(c, { ...command, agreement: { ...command.agreement, responsibleId: leader.id } }, contextFor(leader.id));
      return r.ok ? 'accepted' : r.error.code;
    };
    expect(refused(leader.id)).toBe('agreement_member');
    expect(refused('aad-stranger')).toBe('agreement_member');
  });

  it('gives each member a copy with the group\'s agreements and their own, and the leader the whole plan', () => {
    let c = held();
    c = must(c, leader.id, agreement('Fælles kursus i konflikthåndtering'));
    c = must(c, leader.id, agreement('Medlem 3 bliver superbruger', 'aad-m3'));
    c = must(c, leader.id, agreement('Medlem 7 tager en efteruddannelse', 'aad-m7'));
    const whats = (readerId?: string) => planDocument(c, readerId).perspectives.flatMap((p) => p.agreements.map((a) => a.what));
    expect(whats('aad-m3')).toEqual(['Fælles kursus i konflikthåndtering', 'Medlem 3 bliver superbruger']);
    expect(whats('aad-m5')).toEqual(['Fælles kursus i konflikthåndtering']);
    expect(whats(leader.id)).toHaveLength(3);
    expect(planDocument(c, 'aad-m3').copyFor).toBe('Medlem 3');
    expect(planDocument(c, leader.id).copyFor).toBeUndefined();
  });

  it('held instead of MUS, cannot finish until every member has an agreement of their own, and says who lacks one', () => {
    let c = held(true);
    c = must(c, leader.id, agreement('Fælles kursus i konflikthåndtering'));
    for (const m of members.slice(0, 10)) c = must(c, leader.id, agreement(`Plan for ${m.name}`, m.id));
    expect(planProblems(c).withoutOwnPlan).toEqual(['aad-m11', 'aad-m12']);
    expect(apply(c, { type: 'finish' }, contextFor(leader.id))).toEqual({ ok: false, error: { code: 'members_without_plan', params: { names: 'Medlem 11, Medlem 12' } } });
    for (const m of members.slice(10)) c = must(c, leader.id, agreement(`Plan for ${m.name}`, m.id));
    expect(must(c, leader.id, { type: 'finish' }).phase).toBe('finished');
  });

  it('not held instead of MUS, finishes with the group\'s agreements alone', () => {
    const c = must(held(false), leader.id, agreement('Fælles kursus i konflikthåndtering'));
    expect(must(c, leader.id, { type: 'finish' }).phase).toBe('finished');
  });

  it('in a concept with its own agreement fields, requires those it marks required and keeps them with the agreement', () => {
    const created = createConversation({ id: 'h1', kind: 'GRUS', concept: hoejeTaastrup(), leader, employees: members.slice(0, 3), date: '2026-12-01', format: 'table', questionTexts: {} }, TODAY, 'now');
    if (!created.ok) throw new Error(created.error.code);
    let c = created.value;
    for (const p of [leader, ...members.slice(0, 3)]) c = must(c, p.id, { type: 'pickKeywords', keywords: ['Gruppens samarbejde'] });
    c = must(c, leader.id, { type: 'start' });
    const activity = { perspectiveId: 'kompetencer', what: 'Kursus i fagsystemet', when: 'Inden 1. oktober', responsibleId: 'aad-m2', followUpDate: '2027-03-01', valueFor: [] };
    expect(apply(c, { type: 'saveAgreement', agreement: { ...activity, extra: { develop: 'Digital sagsbehandling' } } }, contextFor(leader.id)))
      .toEqual({ ok: false, error: { code: 'text_required', params: { field: '»Hvad er målet med udviklingen?«' } } });
    c = must(c, leader.id, { type: 'saveAgreement', agreement: { ...activity, extra: { develop: ' Digital sagsbehandling ', goal: 'Alt digitalt i 2027', unknown: 'dropped' } } });
    expect(c.agreements[0].extra).toEqual({ develop: 'Digital sagsbehandling', goal: 'Alt digitalt i 2027' });
    expect(planDocument(c).perspectives[0].agreements[0].extraFields).toEqual([
      { label: 'Hvad skal udvikles?', value: 'Digital sagsbehandling' },
      { label: 'Hvad er målet med udviklingen?', value: 'Alt digitalt i 2027' }
    ]);
  });
});
