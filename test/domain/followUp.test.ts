import { applyFollowUp, openAgreements, type FollowUpCommand } from '../../src/domain/followUp';
import type { DevelopmentConversation } from '../../src/domain/conversation';
import { TODAY, employee, finishedWith, leader, started } from '../support/conversations';

const attempt = (c: DevelopmentConversation, actorId: string, command: FollowUpCommand) => applyFollowUp(c, command, { actorId, today: TODAY });
const codeOf = (result: ReturnType<typeof attempt>) => (result.ok ? 'accepted' : result.error.code);

describe('following up an agreement', () => {
  it('marks exactly that agreement as followed up, with the note, the day and who did it', () => {
    const c = finishedWith('2027-03-01', '2027-04-01');
    const result = attempt(c, employee.id, { type: 'followUp', agreementId: c.agreements[0].id, note: '  Kurset er taget. ' });
    if (!result.ok) throw new Error(result.error.code);
    expect(result.value.agreements[0].followedUp).toEqual({ on: TODAY, by: employee.id, note: 'Kurset er taget.' });
    expect(result.value.agreements[1]).toEqual(c.agreements[1]);
    expect(openAgreements(result.value).map((a) => a.id)).toEqual([c.agreements[1].id]);
  });

  it('postpones by moving the follow-up date and remembering the old one, and nothing else', () => {
    const c = finishedWith('2027-03-01');
    const result = attempt(c, leader.id, { type: 'postpone', agreementId: c.agreements[0].id, to: '2027-05-01' });
    if (!result.ok) throw new Error(result.error.code);
    expect(result.value.agreements[0]).toEqual({ ...c.agreements[0], followUpDate: '2027-05-01', postponedFrom: ['2027-03-01'] });
  });

  it('takes the same follow-up sent twice as done once: the same note by the same person changes nothing and is not refused', () => {
    const c = finishedWith('2027-03-01');
    const id = c.agreements[0].id;
    const done = attempt(c, employee.id, { type: 'followUp', agreementId: id, note: 'Kurset er taget.' });
    if (!done.ok) throw new Error(done.error.code);
    const again = attempt(done.value, employee.id, { type: 'followUp', agreementId: id, note: ' Kurset er taget. ' });
    expect(again).toEqual({ ok: true, value: done.value });
    expect(codeOf(attempt(done.value, employee.id, { type: 'followUp', agreementId: id, note: 'En anden note' }))).toBe('already_followed_up');
  });

  it('takes a postponement sent again from the same card as done: the date moves once and the old date is remembered once', () => {
    const c = finishedWith('2027-03-01');
    const id = c.agreements[0].id;
    const postpone: FollowUpCommand = { type: 'postpone', agreementId: id, to: '2027-05-01', from: '2027-03-01' };
    const once = attempt(c, leader.id, postpone);
    if (!once.ok) throw new Error(once.error.code);
    const twice = attempt(once.value, leader.id, postpone);
    expect(twice).toEqual({ ok: true, value: once.value });
    expect(once.value.agreements[0]).toMatchObject({ followUpDate: '2027-05-01', postponedFrom: ['2027-03-01'] });
    expect(codeOf(attempt(once.value, leader.id, { ...postpone, from: '2027-05-01' }))).toBe('date_unchanged');
  });

  it('refuses strangers, a participant who is neither leader nor responsible, and plans not yet finished', () => {
    const c = finishedWith('2027-03-01');
    const leadersOwn = { ...c, agreements: [{ ...c.agreements[0], responsibleId: leader.id }] };
    const id = c.agreements[0].id;
    expect(codeOf(attempt(c, 'aad-stranger', { type: 'followUp', agreementId: id, note: '' }))).toBe('not_participant');
    expect(codeOf(attempt(leadersOwn, employee.id, { type: 'followUp', agreementId: id, note: '' }))).toBe('not_responsible');
    expect(codeOf(attempt(started(), leader.id, { type: 'followUp', agreementId: id, note: '' }))).toBe('not_finished');
  });

  it('refuses a date in the past, the same date, an unknown agreement, and following up twice', () => {
    const c = finishedWith('2027-03-01');
    const id = c.agreements[0].id;
    expect(codeOf(attempt(c, leader.id, { type: 'postpone', agreementId: id, to: '2026-11-24' }))).toBe('date_past');
    expect(codeOf(attempt(c, leader.id, { type: 'postpone', agreementId: id, to: '2027-03-01' }))).toBe('date_unchanged');
    expect(codeOf(attempt(c, leader.id, { type: 'postpone', agreementId: id, to: '1. marts' }))).toBe('date_invalid');
    expect(codeOf(attempt(c, leader.id, { type: 'followUp', agreementId: 'nope', note: '' }))).toBe('agreement_not_found');
    const done = attempt(c, leader.id, { type: 'followUp', agreementId: id, note: '' });
    if (!done.ok) throw new Error(done.error.code);
    expect(codeOf(attempt(done.value, employee.id, { type: 'followUp', agreementId: id, note: 'igen' }))).toBe('already_followed_up');
  });
});
