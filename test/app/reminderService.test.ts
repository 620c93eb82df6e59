import { ConversationService } from '../../src/app/conversationService';
import type { ReminderSender } from '../../src/app/ports';
import { ReminderService, reminderStores } from '../../src/app/reminderService';
import type { DevelopmentConversation } from '../../src/domain/conversation';
import type { ReminderPolicy } from '../../src/domain/reminders';
import { recordSource, VersionedStore } from '../../src/storage/versionedStore';
import { employee, finishedWith, leader } from '../support/conversations';
import { MemoryStorage } from '../support/memoryStorage';

const policy: ReminderPolicy = { daysBefore: 5, hour: 9, annualNoticeDays: 30, hours: { timeZone: 'Europe/Copenhagen', from: 8, until: 16 } };
const quiet = { info() {}, warn() {}, error() {} };

/** One app instance: its own clock and sender, sharing the storage with any other instance. */
function instance(storage: MemoryStorage, start: string, sender: Partial<ReminderSender> = {}) {
  let now = new Date(start);
  const clock = { now: () => now, timeZone: policy.hours.timeZone };
  const conversations = ConversationService.in(recordSource(storage), clock);
  const stores = reminderStores(recordSource(storage));
  const sends: string[] = [];
  const reports: string[] = [];
  const fullSender: ReminderSender = {
    send: sender.send ?? (async (r, _c, to) => (sends.push(`${r.kind} ${r.date} → ${to}`), 'sent')),
    reportUnreachable: sender.reportUnreachable ?? (async (r, _c, to) => void reports.push(`${r.kind} ${r.date} unreachable ${to}`))
  };
  const reminders = new ReminderService({ stores, conversations, sender: fullSender, clock, policy, claimMs: 60_000, log: quiet });
  return { reminders, conversations, sends, reports, stores, setNow: (iso: string) => (now = new Date(iso)) };
}

async function storedFinished(storage: MemoryStorage, id: string, ...dates: string[]): Promise<DevelopmentConversation> {
  const c = { ...finishedWith(...dates), id };
  await new VersionedStore<DevelopmentConversation>(storage, 'conversation').put(id, c);
  return c;
}

describe('reminders on follow-up dates', () => {
  it('fires at nine local time on the right working days, across the change to summer time, and only once', async () => {
    const storage = new MemoryStorage();
    const app = instance(storage, '2026-11-25T10:00:00Z');
    await app.reminders.schedule(await storedFinished(storage, 'c1', '2027-04-01'));

    app.setNow('2027-03-22T07:59:00Z'); // 08:59 winter time, the early reminder's day
    expect(await app.reminders.deliverDue()).toBe(0);
    app.setNow('2027-03-22T08:00:00Z');
    expect(await app.reminders.deliverDue()).toBe(1);
    expect(app.sends).toEqual([`before 2027-04-01 → ${employee.id}`, `before 2027-04-01 → ${leader.id}`]);

    app.setNow('2027-04-01T06:59:00Z'); // 08:59 summer time
    await app.reminders.deliverDue();
    expect(app.sends).toHaveLength(2);
    app.setNow('2027-04-01T07:00:00Z');
    await app.reminders.deliverDue();
    await app.reminders.deliverDue();
    expect(app.sends.slice(2)).toEqual([`due 2027-04-01 → ${employee.id}`, `due 2027-04-01 → ${leader.id}`]);
  });

  it('sends nothing outside working hours, and catches up on the next working morning after downtime', async () => {
    const storage = new MemoryStorage();
    const app = instance(storage, '2026-11-25T10:00:00Z');
    await app.reminders.schedule(await storedFinished(storage, 'c1', '2027-03-05'));
    app.setNow('2027-03-05T19:00:00Z'); // Friday evening: the day's reminders were missed
    expect(await app.reminders.deliverDue()).toBe(0);
    app.setNow('2027-03-06T09:00:00Z'); // Saturday
    expect(await app.reminders.deliverDue()).toBe(0);
    app.setNow('2027-03-08T07:00:00Z'); // Monday 08:00
    expect(await app.reminders.deliverDue()).toBe(2);
    // The early reminder is no use any more; the one for the day goes out, late.
    expect(app.sends.map((s) => s.split(' → ')[0])).toEqual(['due 2027-03-05', 'due 2027-03-05']);
    expect(await app.stores.cursor.get('due')).toEqual({ day: '2027-03-08' });
  });

  it('never sends twice when the process dies between sending and recording it', async () => {
    const storage = new MemoryStorage();
    const sentToEmployee: string[] = [];
    // The first instance sends to the employee, then hangs for ever: the process is gone before it records anything.
    const dying = instance(storage, '2027-04-01T07:00:00Z', { send: (_r, _c, to) => (sentToEmployee.push(to), new Promise(() => undefined)) });
    await dying.reminders.schedule(await storedFinished(storage, 'c1', '2027-04-01'));
    void dying.reminders.deliverDue();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(sentToEmployee).toEqual([employee.id]);

    const restarted = instance(storage, '2027-04-01T07:00:30Z');
    expect(await restarted.reminders.deliverDue()).toBe(0); // still claimed by the dead instance
    restarted.setNow('2027-04-01T07:01:01Z'); // the claim has lapsed
    expect(await restarted.reminders.deliverDue()).toBe(1);
    expect(restarted.sends).toEqual([`due 2027-04-01 → ${leader.id}`]);
    const [record] = await restarted.reminders.stored('c1');
    expect(record).toMatchObject({ done: true, delivered: { [employee.id]: 'sent', [leader.id]: 'sent' } });
  });

  it('tries a failed send again on the next pass and sends it once', async () => {
    const storage = new MemoryStorage();
    let failures = 1;
    const sends: string[] = [];
    const app = instance(storage, '2027-04-01T07:00:00Z', {
      send: async (_r, _c, to) => {
        if (to === leader.id && failures-- > 0) throw new Error('connector 502');
        sends.push(to);
        return 'sent';
      }
    });
    await app.reminders.schedule(await storedFinished(storage, 'c1', '2027-04-01'));
    expect(await app.reminders.deliverDue()).toBe(0);
    expect(await app.reminders.deliverDue()).toBe(1);
    expect(await app.reminders.deliverDue()).toBe(0);
    expect(sends).toEqual([employee.id, leader.id]);
  });

  it('tells the leader about a person it cannot reach', async () => {
    const storage = new MemoryStorage();
    const app = instance(storage, '2027-04-01T07:00:00Z', { send: async (_r, _c, to) => (to === employee.id ? 'unreachable' : 'sent') });
    await app.reminders.schedule(await storedFinished(storage, 'c1', '2027-04-01'));
    await app.reminders.deliverDue();
    expect(app.reports).toEqual([`due 2027-04-01 unreachable ${employee.id}`]);
    expect((await app.reminders.stored('c1'))[0].delivered).toEqual({ [employee.id]: 'unreachable', [leader.id]: 'sent' });
  });

  it('moves the reminders with a postponement and drops them when the agreement is followed up', async () => {
    const storage = new MemoryStorage();
    const app = instance(storage, '2026-11-25T10:00:00Z');
    const c = await storedFinished(storage, 'c1', '2027-04-01', '2027-05-03');
    await app.reminders.schedule(c);
    const [first, second] = c.agreements;
    const ids = async () => (await app.reminders.stored('c1')).map((r) => r.id).sort();
    expect(await ids()).toEqual([`${first.id}.2027-04-01.before`, `${first.id}.2027-04-01.due`, `${second.id}.2027-05-03.before`, `${second.id}.2027-05-03.due`, 'annual.2027-12-01'].sort());

    const postponed = await app.conversations.followUp('c1', leader.id, { type: 'postpone', agreementId: first.id, to: '2027-06-01' });
    if (postponed.kind !== 'applied') throw new Error(postponed.kind);
    await app.reminders.schedule(postponed.conversation);
    const done = await app.conversations.followUp('c1', employee.id, { type: 'followUp', agreementId: second.id, note: 'Gjort' });
    if (done.kind !== 'applied') throw new Error(done.kind);
    await app.reminders.schedule(done.conversation);
    expect(await ids()).toEqual([`${first.id}.2027-06-01.before`, `${first.id}.2027-06-01.due`, 'annual.2027-12-01'].sort());
    expect((await app.stores.due.ids()).map((id) => id.split('/')[0]).sort()).toEqual(['2027-05-25', '2027-06-01', '2027-11-01']);
  });

  it('sends each reminder once when two instances deliver at the same moment', async () => {
    const storage = new MemoryStorage();
    const [a, b] = [instance(storage, '2027-04-01T07:00:00Z'), instance(storage, '2027-04-01T07:00:00Z')];
    for (const id of ['c1', 'c2', 'c3']) await a.reminders.schedule(await storedFinished(storage, id, '2027-04-01'));
    await Promise.all([a.reminders.deliverDue(), b.reminders.deliverDue(), a.reminders.deliverDue()]);
    await Promise.all([a.reminders.deliverDue(), b.reminders.deliverDue()]);
    expect([...a.sends, ...b.sends]).toHaveLength(6);
  });

  it('finds 100 due reminders among 100,000 stored by touching about 100 records', async () => {
    const storage = new MemoryStorage();
    const app = instance(storage, '2027-04-01T06:00:00Z');
    const template = finishedWith('2027-04-01');
    const agreement = template.agreements[0];
    const conversation = (id: string, date: string): DevelopmentConversation => ({ ...template, id, agreements: [{ ...agreement, followUpDate: date }] });
    // 100 follow-ups due this morning; the rest spread over the next two years, each with its early, due and yearly reminders.
    for (let i = 0; i < 33_400; i++) {
      const date = i < 100 ? '2027-04-01' : `${2027 + (i % 2)}-${String(5 + (i % 8)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
      await app.reminders.schedule(conversation(`c${i}`, date));
    }
    expect((await app.stores.reminders.ids()).length).toBeGreaterThanOrEqual(100_000);

    app.setNow('2027-04-01T07:00:00Z');
    storage.touched.reads = storage.touched.listed = 0;
    const { entries } = await app.reminders.dueNow();
    expect(entries).toHaveLength(100);
    expect(storage.touched.reads + storage.touched.listed).toBeLessThanOrEqual(110);
  }, 60_000);
});
