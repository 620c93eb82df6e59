/** Order statistics of a sample, in the sample's unit. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export const median = (values: number[]) => percentile(values, 50);

/** Milliseconds since an earlier `process.hrtime.bigint()`. */
export const msSince = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
