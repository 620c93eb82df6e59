/**
 * Runs `work` for every item with at most `limit` running at once, results in the items' order.
 * Each participant's card is a separate request to the Bot Connector; sent one after another,
 * a group of 30 would wait for 30 round trips. The limit stays inside the connector's rate limits.
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

/** Requests to the Bot Connector one conversation's participants may have in flight at once. */
export const PARTICIPANT_REQUESTS = 8;
