import { inParallel } from '../../src/app/inParallel';

describe('inParallel', () => {
  it('keeps at most the limit running and returns results in the order of the items', async () => {
    let running = 0;
    let most = 0;
    const results = await inParallel([5, 1, 4, 2, 3, 0], 2, async (n) => {
      most = Math.max(most, ++running);
      await new Promise((resolve) => setTimeout(resolve, n));
      running--;
      return n * 10;
    });
    expect(results).toEqual([50, 10, 40, 20, 30, 0]);
    expect(most).toBe(2);
  });

  it('does nothing for no items', async () => {
    expect(await inParallel([], 8, async () => 1)).toEqual([]);
  });
});
