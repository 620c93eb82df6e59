/**
 * Runs `work` for every item with at most `limit` running at once, results in the items' order:
 * one request per person (a card, a record), sent one after another, would make a group of 30 wait
 * for 30 round trips; the limit keeps within what the other side allows.
 */
export async function inParallel<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
