import { apply, createConversation } from '../../src/domain/operations';
import { followMeeting, meetingAt, meetingMinutes, meetingWindow, validTime } from '../../src/domain/meeting';
import { albertslund } from '../support/concepts';
import { TODAY, contextFor, employee, leader, must } from '../support/conversations';

const booked = (time: string | undefined, kind: 'MUS' | 'LUS' = 'MUS') =>
  createConversation({ id: 'b1', kind, concept: albertslund(), leader, employees: [employee], date: '2027-03-25', format: 'walk', time, questionTexts: {} }, TODAY, `${TODAY}T08:00:00.000Z`);

describe('a conversation booked as a meeting', () => {
  it('lasts what the concept suggests for its kind: a MUS an hour, a LUS 1½ hours', () => {
    expect(meetingMinutes(albertslund(), 'MUS')).toBe(60);
    expect(meetingMinutes(albertslund(), 'LUS')).toBe(90);
    const mus = booked('10:00');
    const lus = booked('13:30', 'LUS');
    expect(mus.ok && mus.value.meeting).toEqual({ time: '10:00', minutes: 60 });
    expect(lus.ok && lus.value.meeting).toEqual({ time: '13:30', minutes: 90 });
  });

  it('is not a meeting when no time was asked for, and refuses a missing or malformed time', () => {
    const plain = booked(undefined);
    expect(plain.ok && plain.value.meeting).toBeUndefined();
    for (const time of ['', '25:00', '9', '10.00', '10:00; DROP']) {
      const refused = booked(time);
      expect(refused.ok ? 'accepted' : refused.error.code).toBe('time_invalid');
    }
    expect(validTime('09:30:00')).toEqual({ ok: true, value: '09:30' });
  });

  it('starts at the local time in Copenhagen on both sides of the change to summer time', () => {
    // Summer time begins on 28 March 2027: 10:00 is 09:00 UTC before it and 08:00 UTC after.
    expect(meetingWindow({ date: '2027-03-26', meeting: { time: '10:00', minutes: 60 } }, 'Europe/Copenhagen')).toEqual({
      start: new Date('2027-03-26T09:00:00Z'),
      end: new Date('2027-03-26T10:00:00Z')
    });
    expect(meetingWindow({ date: '2027-03-29', meeting: { time: '10:00', minutes: 90 } }, 'Europe/Copenhagen')).toEqual({
      start: new Date('2027-03-29T08:00:00Z'),
      end: new Date('2027-03-29T09:30:00Z')
    });
  });
});

describe('moving a booked conversation', () => {
  const c = () => {
    const result = booked('10:00');
    if (!result.ok) throw new Error(result.error.code);
    return result.value;
  };
  const code = (result: ReturnType<typeof apply>) => (result.ok ? 'accepted' : result.error.code);

  it('changes its date and time, and keeps its length', () => {
    const moved = must(c(), leader.id, { type: 'reschedule', date: '2027-04-01', time: '08:15' });
    expect(moved.date).toBe('2027-04-01');
    expect(moved.meeting).toEqual({ time: '08:15', minutes: 60 });
  });

  it('is the leader\'s, before the conversation is held, to a valid future date and time that differs', () => {
    expect(code(apply(c(), { type: 'reschedule', date: '2027-04-01', time: '08:15' }, contextFor(employee.id)))).toBe('not_leader');
    expect(code(apply(c(), { type: 'reschedule', date: '2026-11-01', time: '08:15' }, contextFor(leader.id)))).toBe('date_past');
    expect(code(apply(c(), { type: 'reschedule', date: '2027-04-01', time: '8' }, contextFor(leader.id)))).toBe('time_invalid');
    expect(code(apply(c(), { type: 'reschedule', date: '2027-03-25', time: '10:00' }, contextFor(leader.id)))).toBe('meeting_unchanged');
    const started = must(must(must(c(), leader.id, { type: 'pickKeywords', keywords: ['Mod', 'Ansvar', 'Økonomi'] }), leader.id, { type: 'start', withoutPicks: true }), leader.id, { type: 'goToStep', step: 0 });
    expect(code(apply(started, { type: 'reschedule', date: '2027-04-01', time: '08:15' }, contextFor(leader.id)))).toBe('not_preparing');
  });
});

describe('a booked conversation following its meeting in the calendar', () => {
  const c = () => {
    const result = booked('10:00');
    if (!result.ok) throw new Error(result.error.code);
    return result.value;
  };

  it('reads a meeting\'s instants as the local date, start and length, on either side of the change to summer time', () => {
    expect(meetingAt(new Date('2027-03-27T09:00:00Z'), new Date('2027-03-27T10:30:00Z'), 'Europe/Copenhagen')).toEqual({ date: '2027-03-27', meeting: { time: '10:00', minutes: 90 } });
    expect(meetingAt(new Date('2027-03-29T08:00:00Z'), new Date('2027-03-29T09:00:00Z'), 'Europe/Copenhagen')).toEqual({ date: '2027-03-29', meeting: { time: '10:00', minutes: 60 } });
    // Late in the evening UTC is the next day in Copenhagen.
    expect(meetingAt(new Date('2027-03-29T22:30:00Z'), new Date('2027-03-29T23:00:00Z'), 'Europe/Copenhagen').date).toBe('2027-03-30');
  });

  it('takes the meeting\'s date, time and length before it is held, and nothing when nothing moved or it has started', () => {
    const moved = followMeeting(c(), { date: '2027-03-30', meeting: { time: '13:15', minutes: 45 } });
    expect(moved).toMatchObject({ date: '2027-03-30', meeting: { time: '13:15', minutes: 45 } });
    expect(followMeeting(c(), { date: '2027-03-25', meeting: { time: '10:00', minutes: 60 } })).toBeUndefined();
    const started = must(c(), leader.id, { type: 'start', withoutPicks: true });
    expect(followMeeting(started, { date: '2027-03-30', meeting: { time: '13:15', minutes: 45 } })).toBeUndefined();
  });
});
