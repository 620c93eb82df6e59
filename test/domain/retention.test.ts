import { applyRetention } from '../../src/domain/retention';
import { employee, finishedWith, leader } from '../support/conversations';

describe('what the bot keeps of a filed plan', () => {
  const filed = (filedAt: string) => {
    const c = finishedWith('2027-01-15', '2027-03-01');
    return {
      ...c,
      notes: { 'adfaerd-1': 'Trives godt' },
      agreements: c.agreements.map((a, i) => ({ ...a, value: 'Tryghed', ...(i === 0 ? { followedUp: { on: '2027-01-15', by: employee.id, note: 'Gjort' } } : {}) })),
      filing: { location: 'Personalemapper/Søren Ærø/MUS.pdf', filedAt }
    };
  };

  it('keeps everything until the retention time after filing has passed, and everything unfiled', () => {
    expect(applyRetention(filed('2026-12-01T10:00:00Z'), '2026-12-30', 30)).toBeUndefined();
    expect(applyRetention({ ...filed('2026-12-01T10:00:00Z'), filing: undefined }, '2027-12-30', 30)).toBeUndefined();
  });

  it('then removes notes, picks and free-text values, and agreements followed up long enough ago — not open ones', () => {
    const c = filed('2026-12-01T10:00:00Z');
    const kept = applyRetention(c, '2027-02-20', 30)!;
    expect(kept.notes).toEqual({});
    expect(kept.picks).toEqual({});
    expect(kept.keywordsInPlay).toEqual({});
    expect(kept.agreements.map((a) => a.what)).toEqual(['Aftale 2']);
    expect(kept.agreements[0]).not.toHaveProperty('value');
    expect(kept.agreements[0]).toMatchObject({ responsibleId: employee.id, followUpDate: '2027-03-01' });
    expect(kept).toMatchObject({ date: c.date, kind: 'MUS', notesRemovedOn: '2027-02-20' });
    expect(kept.participants.map((p) => p.id)).toEqual([leader.id, employee.id]);
    expect(applyRetention(kept, '2027-02-21', 30)).toBeUndefined();
  });

  it('keeps a follow-up note until the retention time after the follow-up has passed', () => {
    const kept = applyRetention(filed('2026-12-01T10:00:00Z'), '2027-01-20', 30)!;
    expect(kept.agreements.map((a) => a.followedUp?.note)).toEqual(['Gjort', undefined]);
  });
});
