import { Pacer } from '../../src/teams/pacer';

/** Reserves the calls at once on a frozen clock and returns the moments they were given. */
function moments(pacer: Pacer, clock: { t: number }, calls: [string, string][]): number[] {
  return calls.map(([tenant, thread]) => clock.t + pacer.reserve(tenant, thread));
}

const limits = { tenant: [{ windowMs: 1000, max: 10 }], thread: [{ windowMs: 1000, max: 3 }, { windowMs: 30_000, max: 5 }] };

/** The most calls that fall into any window of this length. */
function busiest(times: number[], windowMs: number): number {
  return Math.max(...times.map((start) => times.filter((t) => t >= start && t < start + windowMs).length));
}

describe('pacing calls to the Bot Connector', () => {
  it('keeps every window of a conversation within its maximum when many calls are made at once', () => {
    const clock = { t: 0 };
    const given = moments(new Pacer(limits, () => clock.t), clock, Array.from({ length: 12 }, () => ['t1', 'c1'] as [string, string]));
    expect(busiest(given, 1000)).toBeLessThanOrEqual(3);
    expect(busiest(given, 30_000)).toBeLessThanOrEqual(5);
    expect(given.slice(0, 3)).toEqual([0, 0, 0]);
    expect(given[3]).toBe(1000);
    expect(given[5]).toBe(30_000);
  });

  it('lets other conversations use the tenant’s room while one conversation waits for its own', () => {
    const clock = { t: 0 };
    const calls: [string, string][] = [...Array.from({ length: 6 }, () => ['t1', 'busy'] as [string, string]), ...Array.from({ length: 5 }, (_, i) => ['t1', `other-${i}`] as [string, string])];
    const given = moments(new Pacer(limits, () => clock.t), clock, calls);
    expect(given.slice(6)).toEqual([0, 0, 0, 0, 0]);
    expect(busiest(given, 1000)).toBeLessThanOrEqual(10);
  });

  it('keeps the tenant within its rate across conversations', () => {
    const clock = { t: 0 };
    const given = moments(new Pacer(limits, () => clock.t), clock, Array.from({ length: 25 }, (_, i) => ['t1', `chat-${i}`] as [string, string]));
    expect(busiest(given, 1000)).toBeLessThanOrEqual(10);
    expect(Math.max(...given)).toBe(2000);
  });
});
