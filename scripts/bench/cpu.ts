import { readdirSync, readFileSync } from 'fs';

/**
 * The CPU time a process has used so far, in ms: the kernel's run time of each of its threads
 * (/proc/<pid>/task/<tid>/schedstat, in nanoseconds). It is the same time /proc/<pid>/stat gives
 * as utime + stime, which counts in 10 ms ticks: too coarse for a batch of a few hundred ms.
 * Time the process waits for the CPU is not counted, so a busy machine does not add to it.
 */
export function cpuMs(pid: number): number {
  let ns = 0;
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    try {
      ns += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // the thread ended between listing and reading
    }
  }
  return ns / 1e6;
}

/** A process's resident memory, in MB. */
export function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Number(/(\d+)/.exec(line ?? '')?.[1]) / 1024;
}

/** How long a process must stay quiet to count as done; a smoke run, which only keeps the code working, waits less. */
export const quietWindow = { ms: 50 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until a process has gone quiet: under 2% of a CPU over the quiet window. False if it did not within `maxMs`. */
export async function settle(pid: number, maxMs = 10_000): Promise<boolean> {
  const windowMs = quietWindow.ms;
  const deadline = Date.now() + maxMs;
  let before = cpuMs(pid);
  while (Date.now() < deadline) {
    await sleep(windowMs);
    const now = cpuMs(pid);
    if (now - before < 0.02 * windowMs) return true;
    before = now;
  }
  return false;
}

/**
 * Counts a process's CPU in laps: each lap is what it used since the previous one, once it has
 * gone quiet, so work a batch leaves behind is counted with that batch.
 */
export class CpuMeter {
  private last = 0;

  constructor(readonly pid: number) {}

  async start(): Promise<void> {
    await settle(this.pid);
    this.last = cpuMs(this.pid);
  }

  async lap(): Promise<number> {
    await settle(this.pid);
    const now = cpuMs(this.pid);
    const used = now - this.last;
    this.last = now;
    return used;
  }
}
