import { ConversationService } from '../../src/app/conversationService';
import { ReminderService, reminderStores } from '../../src/app/reminderService';
import type { DevelopmentConversation } from '../../src/domain/conversation';
import { plannedReminders, type ReminderPolicy } from '../../src/domain/reminders';
import { recordSource, VersionedStore } from '../../src/storage/versionedStore';
import { employee, leader, must, newMus } from '../support/conversations';
import { MemoryStorage } from '../support/memoryStorage';

const policy: ReminderPolicy = { daysBefore: 5, hour: 9, annualNoticeDays: 30, hours: { timeZone: 'Europe/Copenhagen', from: 8, until: 16 } };
const quiet = { info() {}, warn() {}, error() {} };

/** A MUS between the leader and the employee on a date, nobody has picked yet. */
const mus = (date: string): DevelopmentConversation => ({ ...newMus(), id: 'p1', date });

describe('reminders to prepare before the conversation', () => {
  it('are planned two working days before, at the reminder hour, and on the morning of the day, for every participant', () => {
    // Thursday 8 April 2027: two working days before is Tuesday 6 April (summer time: 09:00 is 07:00 UTC).
    const planned = plannedReminders(mus('2027-04-08'), policy, new Date('2026-11-25T10:00:00Z'));
    expect(planned).toEqual([
      { id: 'prepare.2027-04-08.before', kind: 'prepare', date: '2027-04-08', recipients: [leader.id, employee.id], dueAt: '2027-04-06T07:00:00.000Z' },
      { id: 'prepare.2027-04-08.morning', kind: 'prepare', date: '2027-04-08', recipients: [leader.id, employee.id], dueAt: '2027-04-08T06:00:00.000Z' }
    ]);
  });

  it('skip the days off in between, and leave out what has passed', () => {
    // Tuesday 30 March 2027, after Easter: two working days before is Tuesday 23 March (Wednesday 24 is the one).
    expect(plannedReminders(mus('2027-03-30'), policy, new Date('2026-11-25T10:00:00Z'))[0].dueAt).toBe('2027-03-23T08:00:00.000Z');
    expect(plannedReminders(mus('2027-04-08'), policy, new Date('2027-04-07T10:00:00Z')).map((r) => r.id)).toEqual(['prepare.2027-04-08.morning']);
  });

  it('go only to those who have not picked, once each, and not once the conversation has started or moved', async () => {
    const storage = new MemoryStorage();
    let now = new Date('2026-11-25T10:00:00Z');
    const clock = { now: () => now, timeZone: policy.hours.timeZone };
    const conversations = ConversationService.in(recordSource(storage), clock);
    const sends: string[] = [];
    const reminders = new ReminderService({
      stores: reminderStores(recordSource(storage)),
      conversations,
      sender: { send: async (r, _c, to) => (sends.push(`${r.id} → ${to}`), 'sent'), reportUnreachable: async () => undefined },
      clock,
      policy,
      claimMs: 60_000,
      log: quiet
    });
    const stored = new VersionedStore<DevelopmentConversation>(storage, 'conversation');
    const picked = must(mus('2027-04-08'), leader.id, { type: 'pickKeywords', keywords: ['Mod', 'Ansvar', 'Økonomi'] });
    await stored.put(picked.id, picked);
    await reminders.schedule(picked);

    now = new Date('2027-04-06T07:00:00Z');
    await reminders.deliverDue();
    await reminders.deliverDue();
    expect(sends).toEqual([`prepare.2027-04-08.before → ${employee.id}`]);

    const started = must(picked, leader.id, { type: 'start', withoutPicks: true });
    await stored.put(started.id, started);
    now = new Date('2027-04-08T06:00:00Z');
    await reminders.deliverDue();
    expect(sends).toHaveLength(1);
  });
});
