import { jobRecords, Jobs } from '../../src/app/jobs';
import type { Logger } from '../../src/log';
import { recordSource } from '../../src/storage/versionedStore';
import { MemoryStorage } from '../support/memoryStorage';

const log: Logger = { info() {}, warn() {}, error() {} };
const clock = { now: () => new Date(), timeZone: 'Europe/Copenhagen' };

describe('durable jobs', () => {
  it('keep their claim while a run lasts longer than the claim: another instance does not run the job a second time', async () => {
    const records = jobRecords(recordSource(new MemoryStorage()));
    const options = { records, clock, log, claimMs: 300, firstDelayMs: 50, maxDelayMs: 50 };
    const first = new Jobs(options);
    const second = new Jobs(options);
    let runs = 0;
    const slow = async () => {
      runs++;
      await new Promise((r) => setTimeout(r, 1500));
    };
    first.handle('slow', slow);
    second.handle('slow', slow);
    const { done } = await first.start('slow/1', { kind: 'slow', conversationId: 'c1' });
    // The second instance's periodic pass, five times the claim's length.
    for (let i = 0; i < 15; i++) {
      await second.runDue();
      await new Promise((r) => setTimeout(r, 100));
    }
    await done;
    expect(runs).toBe(1);
    expect(await first.done('slow/1')).toBe(true);
  });

  it('are taken over by another instance once the one that claimed them stopped renewing', async () => {
    const records = jobRecords(recordSource(new MemoryStorage()));
    const claimed = new Date(Date.now() - 1000);
    await records.put('slow/2', { kind: 'slow', conversationId: 'c2', attempts: 0, nextAttemptAt: claimed.toISOString(), claimedUntil: new Date(claimed.getTime() + 300).toISOString(), claimedBy: 'an instance that died' });
    const survivor = new Jobs({ records, clock, log, claimMs: 300, firstDelayMs: 50, maxDelayMs: 50 });
    let runs = 0;
    survivor.handle('slow', async () => void runs++);
    expect(await survivor.runDue()).toBe(1);
    expect(runs).toBe(1);
  });
});
