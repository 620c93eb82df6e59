/** Order statistics of a sample, in the sample's unit. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export const median = (values: number[]) => percentile(values, 50);

/** A measure taken once a round: its median, and the lowest and highest round. */
export interface Spread {
  median: number;
  min: number;
  max: number;
  rounds: number;
}

export function spreadOf(values: number[]): Spread {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values), rounds: values.length };
}

/** Each round's ratio of two measures taken side by side in that round. */
export function ratiosOf(numerators: number[], denominators: number[]): number[] {
  return numerators.map((n, i) => n / denominators[i]);
}

/** Milliseconds since an earlier `process.hrtime.bigint()`. */
export const msSince = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
