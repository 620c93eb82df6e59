import { mayHoldWith } from '../../src/domain/plan';

describe('who a leader may hold a conversation with', () => {
  const soeren = { id: 'aad-soeren', name: 'Søren Ærø' };
  const mette = { id: 'aad-mette', name: 'Mette Østergaard' };

  it('is anyone when the directory cannot say, and otherwise only the leader\'s own direct reports', () => {
    expect(mayHoldWith([soeren, mette], undefined).ok).toBe(true);
    expect(mayHoldWith([soeren], [soeren, mette]).ok).toBe(true);
    expect(mayHoldWith([soeren, mette], [soeren])).toEqual({ ok: false, error: { code: 'not_direct_report', params: { names: 'Mette Østergaard' } } });
    expect(mayHoldWith([soeren], []).ok).toBe(false);
  });
});
