import { danishDaysOff, isWithinWorkingHours, localInstant, shiftWorkingDays } from '../../src/domain/calendar';
import { isStillWanted, plannedReminders, type ReminderPolicy } from '../../src/domain/reminders';
import { employee, finishedWith, leader } from '../support/conversations';

const hours = { timeZone: 'Europe/Copenhagen', from: 8, until: 16 };
const policy: ReminderPolicy = { daysBefore: 5, hour: 9, annualNoticeDays: 30, hours };
const NOW = new Date('2026-11-25T10:00:00Z');

describe('the working-day calendar', () => {
  it('knows the Danish days off, Easter included, and that Store Bededag is gone', () => {
    const days = danishDaysOff(2027);
    for (const day of ['2027-01-01', '2027-03-25', '2027-03-26', '2027-03-28', '2027-03-29', '2027-05-06', '2027-05-16', '2027-05-17', '2027-06-05', '2027-12-24', '2027-12-25', '2027-12-26', '2027-12-31']) {
      expect(days).toContain(day);
    }
    expect(days).not.toContain('2027-04-23');
    expect(danishDaysOff(2023)).toContain('2023-05-05');
  });

  it('moves a weekend or holiday back to the working day before, and counts working days', () => {
    expect(shiftWorkingDays('2027-03-06', 0)).toBe('2027-03-05');
    expect(shiftWorkingDays('2027-03-29', 0)).toBe('2027-03-24');
    expect(shiftWorkingDays('2027-04-01', -5)).toBe('2027-03-22');
  });

  it('turns a local hour into the right instant in winter, in summer and on the days the clocks change', () => {
    expect(localInstant('2027-03-26', 9, hours.timeZone).toISOString()).toBe('2027-03-26T08:00:00.000Z');
    expect(localInstant('2027-03-28', 9, hours.timeZone).toISOString()).toBe('2027-03-28T07:00:00.000Z');
    expect(localInstant('2027-10-31', 9, hours.timeZone).toISOString()).toBe('2027-10-31T08:00:00.000Z');
    expect(localInstant('2027-03-28', 2, hours.timeZone).toISOString()).toBe('2027-03-28T01:00:00.000Z');
  });

  it('sends only in working hours on working days, local time', () => {
    expect(isWithinWorkingHours(new Date('2027-03-22T07:30:00Z'), hours)).toBe(true);
    expect(isWithinWorkingHours(new Date('2027-03-22T06:30:00Z'), hours)).toBe(false);
    expect(isWithinWorkingHours(new Date('2027-06-01T14:30:00Z'), hours)).toBe(false);
    expect(isWithinWorkingHours(new Date('2027-03-27T09:00:00Z'), hours)).toBe(false);
  });
});

describe('the reminders a finished plan gets', () => {
  it('reminds five working days before and on the date at nine, local time, across the change to summer time', () => {
    const c = finishedWith('2027-04-01');
    const [agreement] = c.agreements;
    expect(plannedReminders(c, policy, NOW).filter((r) => r.kind !== 'annual')).toEqual([
      { id: `${agreement.id}.2027-04-01.before`, kind: 'before', agreementId: agreement.id, date: '2027-04-01', dueAt: '2027-03-22T08:00:00.000Z', recipients: [employee.id, leader.id] },
      { id: `${agreement.id}.2027-04-01.due`, kind: 'due', agreementId: agreement.id, date: '2027-04-01', dueAt: '2027-04-01T07:00:00.000Z', recipients: [employee.id, leader.id] }
    ]);
  });

  it('reminds on the Friday for a Saturday date, and across the change back to winter time', () => {
    const c = finishedWith('2027-11-01', '2027-03-06');
    const dueAt = plannedReminders(c, { ...policy, daysBefore: 2 }, NOW).map((r) => `${r.kind} ${r.date} ${r.dueAt}`);
    expect(dueAt).toEqual([
      'before 2027-11-01 2027-10-28T07:00:00.000Z',
      'due 2027-11-01 2027-11-01T08:00:00.000Z',
      'before 2027-03-06 2027-03-03T08:00:00.000Z',
      'due 2027-03-06 2027-03-05T08:00:00.000Z',
      'annual 2027-12-01 2027-11-01T08:00:00.000Z'
    ]);
  });

  it('leaves out moments already past, but still reminds today of a follow-up date that is today', () => {
    const c = finishedWith('2026-11-27', '2026-11-25');
    const planned = plannedReminders(c, policy, NOW).filter((r) => r.kind !== 'annual');
    expect(planned.map((r) => `${r.kind} ${r.date} ${r.dueAt}`)).toEqual([
      'due 2026-11-27 2026-11-27T08:00:00.000Z',
      'due 2026-11-25 2026-11-25T10:00:00.000Z'
    ]);
  });

  it('sends a leader their own agreement once, and nothing for agreements followed up', () => {
    const c = finishedWith('2027-04-01');
    const own = { ...c, agreements: [{ ...c.agreements[0], responsibleId: leader.id }] };
    expect(plannedReminders(own, policy, NOW)[0].recipients).toEqual([leader.id]);
    const done = { ...c, agreements: [{ ...c.agreements[0], followedUp: { on: '2026-11-25', by: leader.id, note: '' } }] };
    expect(plannedReminders(done, policy, NOW).map((r) => r.kind)).toEqual(['annual']);
    expect(isStillWanted(done, plannedReminders(c, policy, NOW)[0], '2026-11-25')).toBe(false);
    const [before, due] = plannedReminders(c, policy, NOW);
    expect([isStillWanted(c, before, '2027-03-31'), isStillWanted(c, before, '2027-04-01'), isStillWanted(c, due, '2027-04-01')]).toEqual([true, false, true]);
  });

  it('stops the yearly reminder once the next conversation exists', () => {
    const c = { ...finishedWith('2027-04-01'), supersededBy: 'c2' };
    expect(plannedReminders(c, policy, NOW).map((r) => r.kind)).toEqual(['before', 'due']);
  });
});
