import { stepsOf, type DevelopmentConversation } from '../../src/domain/conversation';
import { mayForget, nextRetentionDay, redactCopy, retentionStep, type RetentionPolicy } from '../../src/domain/retention';
import { createConversation } from '../../src/domain/operations';
import { albertslund } from '../support/concepts';
import { employee, finishedWith, leader, newMus, TODAY } from '../support/conversations';

const policy: RetentionPolicy = { days: 30, abandonedDays: 90 };
const redacted = (c: DevelopmentConversation, today: string) => {
  const step = retentionStep(c, today, policy);
  return step?.kind === 'redact' ? step.conversation : undefined;
};

describe('what the bot keeps of a filed plan', () => {
  const filed = (filedAt: string) => {
    const c = finishedWith('2027-01-15', '2027-03-01');
    return {
      ...c,
      notes: { 'adfaerd-1': 'Trives godt' },
      agreements: c.agreements.map((a, i) => ({ ...a, value: 'Tryghed', extra: { maal: 'Mere sparring med Mette' }, ...(i === 0 ? { followedUp: { on: '2027-01-15', by: employee.id, note: 'Gjort' } } : {}) })),
      filing: { location: 'Personalemapper/Søren Ærø/MUS.pdf', filedAt }
    };
  };

  it('keeps everything until the retention time after filing has passed', () => {
    expect(retentionStep(filed('2026-12-01T10:00:00Z'), '2026-12-30', policy)).toBeUndefined();
    expect(nextRetentionDay(filed('2026-12-01T10:00:00Z'), policy)).toBe('2026-12-31');
  });

  it("then removes notes, picks, free-text values and the concept's own fields, and agreements followed up long enough ago — not open ones", () => {
    const c = filed('2026-12-01T10:00:00Z');
    const kept = redacted(c, '2027-02-20')!;
    expect(kept.notes).toEqual({});
    expect(kept.picks).toEqual({});
    expect(kept.keywordsInPlay).toEqual({});
    expect(kept.agreements.map((a) => a.what)).toEqual(['Aftale 2']);
    expect(kept.agreements[0]).not.toHaveProperty('value');
    expect(kept.agreements[0]).not.toHaveProperty('extra');
    expect(kept.agreements[0]).toMatchObject({ responsibleId: employee.id, followUpDate: '2027-03-01' });
    expect(kept).toMatchObject({ date: c.date, kind: 'MUS', notesRemovedOn: '2027-02-20' });
    expect(kept.participants.map((p) => p.id)).toEqual([leader.id, employee.id]);
    expect(retentionStep(kept, '2027-02-21', policy)).toBeUndefined();
    expect(nextRetentionDay(kept, policy)).toBeUndefined();
  });

  it('keeps a follow-up note until the retention time after the follow-up has passed, and is due again on that day', () => {
    const kept = redacted(filed('2026-12-01T10:00:00Z'), '2027-01-20')!;
    expect(kept.agreements.map((a) => a.followedUp?.note)).toEqual(['Gjort', undefined]);
    expect(nextRetentionDay(kept, policy)).toBe('2027-02-14');
    expect(redacted(kept, '2027-02-14')!.agreements.map((a) => a.what)).toEqual(['Aftale 2']);
  });

  it("removes the concept's own fields from a plan an earlier sweep left them in", () => {
    const old = { ...redacted(filed('2026-12-01T10:00:00Z'), '2027-01-20')!, agreements: [{ ...finishedWith('2027-03-01').agreements[0], extra: { maal: 'Mere sparring' } }] };
    expect(redacted(old, '2027-01-21')!.agreements[0]).not.toHaveProperty('extra');
  });
});

describe('what the bot keeps of a conversation that is never finished or never filed', () => {
  it('removes a conversation never finished whole, ABANDONED_DAYS after its planned date', () => {
    const preparing = newMus(); // planned for 2026-12-01
    expect(nextRetentionDay(preparing, policy)).toBe('2027-03-01');
    expect(retentionStep(preparing, '2027-02-28', policy)).toBeUndefined();
    expect(retentionStep(preparing, '2027-03-01', policy)).toEqual({ kind: 'expire' });
    const held = { ...preparing, phase: 'holding' as const, notes: { 'adfaerd-1': 'Trives' } };
    expect(retentionStep(held, '2027-03-01', policy)).toEqual({ kind: 'expire' });
  });

  it('removes the content of a plan whose filing waits or was stopped, ABANDONED_DAYS after it was finished', () => {
    const unfiled = { ...finishedWith('2027-05-01'), date: '2026-11-25', finishedAt: '2026-12-10T09:00:00Z' };
    expect(nextRetentionDay(unfiled, policy)).toBe('2027-03-10');
    expect(retentionStep(unfiled, '2027-03-09', policy)).toBeUndefined();
    expect(retentionStep(unfiled, '2027-03-10', policy)).toMatchObject({ kind: 'redact', unfiled: true, conversation: { notes: {}, picks: {}, notesRemovedOn: '2027-03-10' } });
  });
});

describe('the copy of last plan in the next conversation', () => {
  function lastAndNext() {
    const last = {
      ...finishedWith('2027-03-01', '2027-04-01'),
      id: 'last',
      filing: { location: 'x', filedAt: '2026-11-25T10:00:00Z' }
    };
    const withValues = { ...last, agreements: last.agreements.map((a, i) => ({ ...a, value: 'Tryghed', extra: { maal: 'Sparring' }, ...(i === 0 ? { followedUp: { on: '2026-12-01', by: leader.id, note: 'Taget' } } : {}) })) };
    const created = createConversation({ id: 'next', kind: 'MUS', concept: albertslund(), leader, employees: [employee], date: '2026-12-20', format: 'table', questionTexts: {}, previous: withValues }, TODAY, `${TODAY}T08:00:00.000Z`);
    if (!created.ok) throw new Error(created.error.code);
    return { last: withValues, next: { ...created.value, previous: { ...created.value.previous!, outcomes: { [withValues.agreements[0].id]: 'Kurset er taget' } } } };
  }

  it('loses what the original lost once its content is gone: free text, the concept\'s fields, and the agreements removed from it with their outcomes', () => {
    const { last, next } = lastAndNext();
    expect(redactCopy(next, last)).toBeUndefined(); // the original still holds everything
    const original = redacted(last, '2027-01-05')!; // the followed-up agreement is 30 days past its follow-up
    expect(original.agreements.map((a) => a.what)).toEqual(['Aftale 2']);
    const copy = redactCopy(next, original)!;
    expect(copy.previous!.agreements.map((a) => a.what)).toEqual(['Aftale 2']);
    expect(copy.previous!.agreements[0]).not.toHaveProperty('value');
    expect(copy.previous!.agreements[0]).not.toHaveProperty('extra');
    expect(copy.previous!.outcomes).toEqual({});
    expect(redactCopy(copy, original)).toBeUndefined();
  });

  it('moves a conversation still being held back by the look at last plan it loses, so it stays on the same step', () => {
    const { last, next } = lastAndNext();
    const allFollowedUp = { ...last, agreements: last.agreements.map((a) => ({ ...a, followedUp: { on: '2026-12-01', by: leader.id, note: '' } })) };
    const original = redacted(allFollowedUp, '2027-01-05')!;
    expect(original.agreements).toEqual([]);
    const holding = { ...next, phase: 'holding' as const, step: 3 };
    const before = stepsOf(holding)[3];
    const copy = redactCopy(holding, original)!;
    expect(copy.step).toBe(2);
    expect(stepsOf(copy)[copy.step]).toEqual(before);
  });
});

describe('forgetting a conversation altogether', () => {
  it('happens once its content is gone, nothing of it is open, and the next conversation with the same people is finished', () => {
    const next = { ...finishedWith('2028-01-01'), id: 'next' };
    const done = { ...finishedWith('2027-03-01'), id: 'last', supersededBy: 'next', notesRemovedOn: '2027-01-01' };
    const followedUp = { ...done, agreements: done.agreements.map((a) => ({ ...a, followedUp: { on: '2027-02-01', by: leader.id, note: '' } })) };
    expect(mayForget(followedUp, next)).toBe(true);
    expect(mayForget(done, next)).toBe(false); // an open agreement
    expect(mayForget(followedUp, { ...next, phase: 'holding' })).toBe(false);
    expect(mayForget({ ...followedUp, notesRemovedOn: undefined }, next)).toBe(false);
    expect(mayForget(followedUp, undefined)).toBe(false);
  });
});
