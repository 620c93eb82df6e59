import type { ConversationService } from '../../src/app/conversationService';
import type { Clock, RecordSource } from '../../src/app/ports';
import { ReminderService, reminderStores } from '../../src/app/reminderService';
import { RetentionService } from '../../src/app/retentionService';
import type { Logger } from '../../src/log';

const quiet: Logger = { info() {}, warn() {}, error() {} };

/** The tests' reminder service over one record source: every reminder counts as sent, the app's default policy. */
export function testReminders(source: RecordSource, conversations: ConversationService, clock: Clock, log: Logger): ReminderService {
  return new ReminderService({
    stores: reminderStores(source),
    conversations,
    sender: { send: async () => 'sent', reportUnreachable: async () => undefined },
    clock,
    policy: { daysBefore: 5, hour: 9, annualNoticeDays: 30, hours: { timeZone: clock.timeZone, from: 8, until: 16 } },
    claimMs: 60_000,
    log
  });
}

/** The retention sweep over one record source, with the reminder service it removes reminders through. */
export function retentionSweep(source: RecordSource, conversations: ConversationService, clock: Clock, options: { auditDays?: number; log?: Logger } = {}) {
  const log = options.log ?? quiet;
  const reminders = testReminders(source, conversations, clock, log);
  return { reminders, retention: new RetentionService({ conversations, reminders, source, clock, auditDays: options.auditDays ?? 365, log }) };
}
