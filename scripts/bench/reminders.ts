import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ConversationService } from '../../src/app/conversationService';
import { ReminderService, reminderStores } from '../../src/app/reminderService';
import type { DevelopmentConversation } from '../../src/domain/conversation';
import { FileStorage } from '../../src/storage/fileStorage';
import { recordSource } from '../../src/storage/versionedStore';
import { fullPlan } from './pdf';
import { median, msSince } from './stats';

const quiet = { info() {}, warn() {}, error() {} };
const policy = { daysBefore: 5, hour: 9, annualNoticeDays: 30, hours: { timeZone: 'Europe/Copenhagen', from: 8, until: 16 } };

/**
 * Finding the due reminders among `stored` reminders in the embedded (file) storage: 100 are due
 * this morning, the rest spread over the next two years. The median of repeated due queries.
 */
export async function measureDueQuery(stored: number, queries = 30): Promise<number> {
  const folder = mkdtempSync(join(tmpdir(), 'bench-reminders-'));
  try {
    let now = new Date('2027-04-01T06:00:00Z');
    const clock = { now: () => now, timeZone: policy.hours.timeZone };
    const storage = new FileStorage(folder);
    const records = recordSource(storage);
    const sender = { send: async () => 'sent' as const, reportUnreachable: async () => undefined };
    const reminders = new ReminderService({ stores: reminderStores(records), conversations: ConversationService.in(records, clock), sender, clock, policy, claimMs: 60_000, log: quiet });
    const template = fullPlan();
    const agreement = template.agreements[0];
    const conversation = (i: number): DevelopmentConversation => {
      const date = i < 100 ? '2027-04-01' : `${2027 + (i % 2)}-${String(5 + (i % 8)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
      return { ...template, id: `c${i}`, agreements: [{ ...agreement, followUpDate: date }] };
    };
    // Each conversation has three reminders: early, on the day, and the yearly one.
    const count = Math.ceil(stored / 3);
    for (let i = 0; i < count; i += 50) {
      await Promise.all(Array.from({ length: Math.min(50, count - i) }, (_, k) => reminders.schedule(conversation(i + k))));
    }
    now = new Date('2027-04-01T07:00:00Z');
    const due = (await reminders.dueNow()).entries.length;
    if (due !== 100) throw new Error(`expected 100 due, found ${due}`);
    const times: number[] = [];
    for (let q = 0; q < queries; q++) {
      const start = process.hrtime.bigint();
      await reminders.dueNow();
      times.push(msSince(start));
    }
    return median(times);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
