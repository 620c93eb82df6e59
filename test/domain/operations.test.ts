import { currentStep, hasEveryonePicked, stepsOf, upgradeStored } from '../../src/domain/conversation';
import { planDocument } from '../../src/domain/plan';
import { textFingerprint } from '../../src/domain/text';
import { apply, createConversation, type Command } from '../../src/domain/operations';
import { albertslund } from '../support/concepts';
import { TODAY, contextFor, employee, finishedWith, leader, must, newMus, started } from '../support/conversations';

const refusal = (c = newMus(), actorId: string, command: Command) => {
  const result = apply(c, command, contextFor(actorId));
  return result.ok ? 'accepted' : result.error.code;
};

describe('creating a MUS', () => {
  const base = { id: 'x', kind: 'MUS' as const, concept: albertslund(), leader, employees: [employee], format: 'walk' as const };

  it('keeps the leader\'s wording of a question and the concept\'s for the rest', () => {
    const result = createConversation({ ...base, date: '2026-12-01', questionTexts: { 'adfaerd-1': 'Hvordan har du det på arbejdet?' } }, TODAY, 'now');
    if (!result.ok) throw new Error(result.error.code);
    const [first, second] = result.value.concept.perspectives[0].questions;
    expect(first.text).toBe('Hvordan har du det på arbejdet?');
    expect(second.text).toBe('Hvornår motiveres I, og hvad skaber arbejdsglæde for jer og jeres kollegaer?');
  });

  it('refuses a date in the past, a non-date and the leader as employee', () => {
    const code = (r: ReturnType<typeof createConversation>) => (r.ok ? 'accepted' : r.error.code);
    expect(code(createConversation({ ...base, date: '2026-11-24', questionTexts: {} }, TODAY, 'now'))).toBe('date_past');
    expect(code(createConversation({ ...base, date: '2026-02-30', questionTexts: {} }, TODAY, 'now'))).toBe('date_invalid');
    expect(code(createConversation({ ...base, employees: [leader], date: TODAY, questionTexts: {} }, TODAY, 'now'))).toBe('employee_is_leader');
  });

  it('creates a LUS where the concept offers one, and refuses a kind the concept does not offer', () => {
    const lus = createConversation({ ...base, kind: 'LUS', date: TODAY, questionTexts: {} }, TODAY, 'now');
    expect(lus.ok && lus.value.kind).toBe('LUS');
    const musOnly = { ...albertslund(), kinds: ['MUS' as const], guides: {} };
    const refused = createConversation({ ...base, kind: 'LUS', concept: musOnly, date: TODAY, questionTexts: {} }, TODAY, 'now');
    expect(refused).toEqual({ ok: false, error: { code: 'kind_unavailable', params: { kind: 'LUS' } } });
  });
});

describe('picking keywords', () => {
  it('accepts exactly three known keywords for the acting participant only', () => {
    const c = must(newMus(), employee.id, { type: 'pickKeywords', keywords: ['Økonomi', 'Mod', 'Ansvar'] });
    expect(c.picks).toEqual({ [employee.id]: ['Mod', 'Ansvar', 'Økonomi'] });
    expect(hasEveryonePicked(c)).toBe(false);
  });

  it('refuses a fourth keyword, an unknown one and a repeated one', () => {
    expect(refusal(undefined, employee.id, { type: 'pickKeywords', keywords: ['Mod', 'Ansvar', 'Økonomi', 'Møder'] })).toBe('keyword_count');
    expect(refusal(undefined, employee.id, { type: 'pickKeywords', keywords: ['Mod', 'Ansvar', 'Kaffe'] })).toBe('keyword_unknown');
    expect(refusal(undefined, employee.id, { type: 'pickKeywords', keywords: ['Mod', 'Mod', 'Ansvar'] })).toBe('keyword_duplicate');
  });

  it('lets picks change until the conversation starts, not after', () => {
    let c = must(newMus(), employee.id, { type: 'pickKeywords', keywords: ['Mod', 'Ansvar', 'Økonomi'] });
    c = must(c, employee.id, { type: 'pickKeywords', keywords: ['Feedback', 'Nærvær', 'Mod'] });
    expect(c.picks[employee.id]).toEqual(['Mod', 'Feedback', 'Nærvær']);
    c = must(c, leader.id, { type: 'start', withoutPicks: true });
    expect(refusal(c, employee.id, { type: 'pickKeywords', keywords: ['Mod', 'Ansvar', 'Økonomi'] })).toBe('not_preparing');
  });

  it('refuses anyone who is not a participant', () => {
    expect(refusal(undefined, 'aad-stranger', { type: 'pickKeywords', keywords: ['Mod', 'Ansvar', 'Økonomi'] })).toBe('not_participant');
  });
});

describe('cancelling before the conversation is held', () => {
  it('deletes every pick at once and keeps the leader\'s message, cleaned', () => {
    const picked = must(newMus(), employee.id, { type: 'pickKeywords', keywords: ['Mod', 'Ansvar', 'Økonomi'] });
    const c = must(picked, leader.id, { type: 'cancel', message: '  Vi finder en ny dato\u202E efter ferien. ' });
    expect(c).toMatchObject({ phase: 'cancelled', picks: {}, cancellation: { message: 'Vi finder en ny dato efter ferien.' } });
  });

  it('is the leader\'s, before the start only, and leaves nothing to do on a cancelled conversation', () => {
    expect(refusal(undefined, employee.id, { type: 'cancel' })).toBe('not_leader');
    expect(refusal(started(), leader.id, { type: 'cancel' })).toBe('cancel_started');
    expect(refusal(undefined, leader.id, { type: 'cancel', message: 'x'.repeat(501) })).toBe('text_too_long');
    const cancelled = must(newMus(), leader.id, { type: 'cancel' });
    expect(refusal(cancelled, employee.id, { type: 'pickKeywords', keywords: ['Mod', 'Ansvar', 'Økonomi'] })).toBe('cancelled');
    expect(refusal(cancelled, leader.id, { type: 'start', withoutPicks: true })).toBe('cancelled');
    expect(refusal(cancelled, leader.id, { type: 'cancel' })).toBe('cancelled');
  });
});

describe('holding the conversation', () => {
  it('lets only the leader start it', () => {
    expect(refusal(undefined, employee.id, { type: 'start' })).toBe('not_leader');
  });

  it('starts before everyone has picked only when the leader confirms it', () => {
    const c = must(newMus(), leader.id, { type: 'pickKeywords', keywords: ['Mod', 'Ansvar', 'Økonomi'] });
    expect(apply(c, { type: 'start' }, contextFor(leader.id))).toEqual({ ok: false, error: { code: 'picks_missing', params: { count: 1 } } });
    expect(must(c, leader.id, { type: 'start', withoutPicks: true }).phase).toBe('holding');
  });

  it('remembers reaching the review, and goes straight back to it from any step', () => {
    const c = started();
    const review = stepsOf(c).length - 1;
    expect(must(c, leader.id, { type: 'goToStep', step: 4 }).reachedReview).toBeUndefined();
    const reviewed = must(c, leader.id, { type: 'goToStep', step: review });
    expect(reviewed.reachedReview).toBe(true);
    const mending = must(reviewed, leader.id, { type: 'goToStep', step: 4 });
    expect(must(mending, leader.id, { type: 'saveStep', atStep: 4, move: 'review' }).step).toBe(review);
  });

  it('walks the overview, each perspective\'s three questions and agreements, then the review', () => {
    const steps = stepsOf(started()).map((s) => (s.kind === 'question' ? s.questionId : s.kind === 'agreements' ? `aftaler:${s.perspectiveId}` : s.kind));
    expect(steps).toEqual([
      'overview', 'adfaerd-1', 'adfaerd-2', 'adfaerd-3', 'aftaler:adfaerd',
      'struktur-1', 'struktur-2', 'struktur-3', 'aftaler:struktur',
      'opgaver-1', 'opgaver-2', 'opgaver-3', 'aftaler:opgaver', 'review'
    ]);
  });

  it('saves the note and keyword marks of the question shown, then moves on', () => {
    let c = must(started(), leader.id, { type: 'saveStep', atStep: 0, move: 'next' });
    c = must(c, employee.id, {
      type: 'saveStep', atStep: 1, move: 'next',
      note: { text: 'Trives godt, men travlt i perioder', base: '' },
      keywords: { selected: ['Nærvær'], base: [] }
    });
    expect(c.notes['adfaerd-1']).toBe('Trives godt, men travlt i perioder');
    expect(c.keywordsInPlay).toEqual({ adfaerd: ['Nærvær'] });
    expect(currentStep(c)).toEqual({ kind: 'question', perspectiveId: 'adfaerd', questionId: 'adfaerd-2' });
  });

  it('keeps both people\'s notes when two submit the same question at once', () => {
    let c = must(started(), leader.id, { type: 'saveStep', atStep: 0, move: 'next' });
    c = must(c, leader.id, { type: 'saveStep', atStep: 1, move: 'stay', note: { text: 'Lene: travlt', base: '' } });
    c = must(c, employee.id, { type: 'saveStep', atStep: 1, move: 'stay', note: { text: 'Søren: glad for kollegaerne', base: '' } });
    expect(c.notes['adfaerd-1']).toBe('Lene: travlt\nSøren: glad for kollegaerne');
  });

  it('tells from the fingerprint a card carries whether the note changed since it was shown', () => {
    let c = must(started(), leader.id, { type: 'saveStep', atStep: 0, move: 'next' });
    c = must(c, leader.id, { type: 'saveStep', atStep: 1, move: 'stay', note: { text: 'Lene: travlt', base: '' } });
    const shown = textFingerprint('Lene: travlt');
    const edited = must(c, leader.id, { type: 'saveStep', atStep: 1, move: 'stay', note: { text: 'Lene: travlt i december', base: shown } });
    expect(edited.notes['adfaerd-1']).toBe('Lene: travlt i december');
    const meanwhile = must(c, employee.id, { type: 'saveStep', atStep: 1, move: 'stay', note: { text: 'Søren: glad', base: shown } });
    const both = must(meanwhile, leader.id, { type: 'saveStep', atStep: 1, move: 'stay', note: { text: 'Lene: travlt i december', base: shown } });
    expect(both.notes['adfaerd-1']).toBe('Søren: glad\nLene: travlt i december');
    expect(must(meanwhile, leader.id, { type: 'saveStep', atStep: 1, move: 'stay', note: { text: 'Lene: travlt', base: shown } }).notes['adfaerd-1']).toBe('Søren: glad');
  });

  it('does not move twice when a stale card is replayed, but keeps its input', () => {
    let c = must(started(), leader.id, { type: 'saveStep', atStep: 0, move: 'next' });
    const result = apply(c, { type: 'saveStep', atStep: 0, move: 'next', keywords: { selected: [], base: [] } }, contextFor(employee.id));
    if (!result.ok) throw new Error(result.error.code);
    expect(result.value.stale).toBe(true);
    expect(result.value.conversation.step).toBe(1);
    c = must(c, employee.id, { type: 'saveStep', atStep: 1, move: 'next', keywords: { selected: ['Mod'], base: [] } });
    c = must(c, leader.id, { type: 'saveStep', atStep: 1, move: 'stay', keywords: { selected: ['Mod', 'Ansvar'], base: ['Mod'] } });
    expect(c.keywordsInPlay).toEqual({ adfaerd: ['Mod', 'Ansvar'] });
  });

  it('keeps each perspective\'s own keywords in play, as the form\'s column does, and the plan lists what each recorded', () => {
    let c = must(started(), leader.id, { type: 'saveStep', atStep: 0, move: 'next' });
    c = must(c, leader.id, { type: 'saveStep', atStep: 1, move: 'next', keywords: { selected: ['Mod', 'Feedback'], base: [] } });
    c = must(c, leader.id, { type: 'goToStep', step: 5 });
    // The Struktur question shows none ticked: Adfærd's are Adfærd's.
    c = must(c, leader.id, { type: 'saveStep', atStep: 5, move: 'stay', keywords: { selected: ['Mod'], base: [] } });
    c = must(c, leader.id, { type: 'goToStep', step: 2 });
    c = must(c, leader.id, { type: 'saveStep', atStep: 2, move: 'stay', keywords: { selected: ['Feedback'], base: ['Mod', 'Feedback'] } });
    expect(c.keywordsInPlay).toEqual({ adfaerd: ['Feedback'], struktur: ['Mod'] });
    expect(planDocument(c).perspectives.map((p) => [p.id, p.keywords])).toEqual([['adfaerd', ['Feedback']], ['struktur', ['Mod']], ['opgaver', []]]);
  });

  it('reads a conversation stored when keywords in play were kept as keyword → perspective', () => {
    const stored = { ...started(), keywordsInPlay: { Nærvær: 'struktur', Mod: 'adfaerd', Feedback: 'adfaerd' } as unknown as Record<string, string[]> };
    expect(upgradeStored(stored).keywordsInPlay).toEqual({ adfaerd: ['Mod', 'Feedback'], struktur: ['Nærvær'] });
    const current = started();
    expect(upgradeStored(current)).toBe(current);
  });

  it('refuses to mark a keyword nobody picked', () => {
    const c = must(started(), leader.id, { type: 'saveStep', atStep: 0, move: 'next' });
    expect(refusal(c, leader.id, { type: 'saveStep', atStep: 1, move: 'next', keywords: { selected: ['Møder'], base: [] } })).toBe('keyword_unknown');
  });
});

describe('agreements', () => {
  const agreement = { perspectiveId: 'adfaerd', what: 'Kursus i konflikthåndtering', when: 'Inden sommerferien 2027', responsibleId: employee.id, followUpDate: '2027-03-01', valueFor: ['person'] };

  it('adds, edits and deletes agreements', () => {
    let c = must(started(), leader.id, { type: 'saveAgreement', agreement });
    const id = c.agreements[0].id;
    c = must(c, employee.id, { type: 'saveAgreement', agreement: { ...agreement, id, what: 'Kursus i svære samtaler' } });
    expect(c.agreements).toHaveLength(1);
    expect(c.agreements[0].what).toBe('Kursus i svære samtaler');
    c = must(c, leader.id, { type: 'deleteAgreement', agreementId: id });
    expect(c.agreements).toHaveLength(0);
  });

  it('stores a form sent twice once: the second save with the form\'s id updates the agreement it made', () => {
    let c = must(started(), leader.id, { type: 'saveAgreement', agreement: { ...agreement, newId: 'form-1' } });
    c = must(c, leader.id, { type: 'saveAgreement', agreement: { ...agreement, newId: 'form-1' } });
    expect(c.agreements.map((a) => [a.id, a.what])).toEqual([['form-1', agreement.what]]);
    c = must(c, leader.id, { type: 'saveAgreement', agreement: { ...agreement, newId: 'form-1', what: 'Kursus i svære samtaler' } });
    expect(c.agreements.map((a) => [a.id, a.what])).toEqual([['form-1', 'Kursus i svære samtaler']]);
    c = must(c, leader.id, { type: 'saveAgreement', agreement: { ...agreement, newId: 'form-2' } });
    expect(c.agreements.map((a) => a.id)).toEqual(['form-1', 'form-2']);
  });

  it('stores the agreement typed into a form once when moving on from it is sent twice', () => {
    let c = must(started(), leader.id, { type: 'goToStep', step: 4 });
    const moveOn = { type: 'saveStep' as const, atStep: 4, move: 'next' as const, agreement: { ...agreement, newId: 'form-1' } };
    c = must(c, leader.id, moveOn);
    c = must(c, leader.id, moveOn);
    expect(c.agreements).toHaveLength(1);
    expect(c.step).toBe(5);
  });

  it('still refuses editing an agreement that is gone', () => {
    expect(refusal(started(), leader.id, { type: 'saveAgreement', agreement: { ...agreement, id: 'deleted', newId: 'form-1' } })).toBe('agreement_not_found');
  });

  it('refuses an empty agreement, a follow-up in the past or not a date, and a responsible outside the conversation', () => {
    const c = started();
    const save = (patch: object) => refusal(c, leader.id, { type: 'saveAgreement', agreement: { ...agreement, ...patch } });
    expect(save({ what: '   ' })).toBe('text_required');
    expect(save({ followUpDate: '2026-11-24' })).toBe('date_past');
    expect(save({ followUpDate: '1. marts' })).toBe('date_invalid');
    expect(save({ responsibleId: 'aad-stranger' })).toBe('responsible_not_participant');
    expect(save({ valueFor: ['aktionærer'] })).toBe('value_target_unknown');
    expect(save({ what: 'x'.repeat(501) })).toBe('text_too_long');
  });

  it('saves what was typed into an agreements form with the step it moves on from: one command, nothing lost', () => {
    const c = started();
    const at = stepsOf(c).findIndex((s) => s.kind === 'agreements' && s.perspectiveId === 'adfaerd');
    const onForm = { ...c, step: at };
    const moved = must(onForm, leader.id, { type: 'saveStep', atStep: at, move: 'next', agreement: { ...agreement, when: '', followUpDate: undefined } });
    expect(moved.step).toBe(at + 1);
    expect(moved.agreements).toEqual([expect.objectContaining({ what: agreement.what, when: '', perspectiveId: 'adfaerd' })]);
    expect(moved.agreements[0]).not.toHaveProperty('followUpDate');
  });

  it('does not move on when what was typed into the form is refused, and keeps nothing of it', () => {
    const c = started();
    const at = stepsOf(c).findIndex((s) => s.kind === 'agreements');
    const onForm = { ...c, step: at };
    expect(refusal(onForm, leader.id, { type: 'saveStep', atStep: at, move: 'next', agreement: { ...agreement, followUpDate: '2020-01-01' } })).toBe('date_past');
  });

  it('strips control characters and normalises to NFC', () => {
    const c = must(started(), leader.id, { type: 'saveAgreement', agreement: { ...agreement, what: 'Kurs\u0007us i sa\u030Amarbejde' } });
    expect(c.agreements[0].what).toBe('Kursus i såmarbejde');
  });

  it('strips bidirectional overrides and isolates, so a text shows in the order it was typed', () => {
    const spoofed = 'løn \u202E0001\u202C kr, \u2067עברית\u2069 og \u202Atekst\u202B';
    const c = must(started(), leader.id, { type: 'saveAgreement', agreement: { ...agreement, what: spoofed } });
    expect(c.agreements[0].what).toBe('løn 0001 kr, עברית og tekst');
  });
});

describe('finishing', () => {
  const complete = { perspectiveId: 'struktur', what: 'Fast sparring med kollega', when: 'Fra januar', responsibleId: leader.id, followUpDate: '2027-02-01', valueFor: [] };

  it('blocks a plan with no agreements', () => {
    expect(refusal(started(), leader.id, { type: 'finish' })).toBe('plan_empty');
  });

  it('blocks while an agreement lacks a responsible person or a follow-up date', () => {
    const c = must(started(), leader.id, { type: 'saveAgreement', agreement: { ...complete, responsibleId: undefined } });
    const result = apply(c, { type: 'finish' }, contextFor(leader.id));
    expect(result.ok ? null : result.error).toEqual({ code: 'plan_incomplete', params: { count: 1 } });
  });

  it('lets only the leader finish, and nothing changes afterwards', () => {
    let c = must(started(), leader.id, { type: 'saveAgreement', agreement: complete });
    expect(refusal(c, employee.id, { type: 'finish' })).toBe('not_leader');
    c = must(c, leader.id, { type: 'finish' });
    expect(c.phase).toBe('finished');
    expect(refusal(c, leader.id, { type: 'deleteAgreement', agreementId: c.agreements[0].id })).toBe('finished');
  });
});

describe('the next conversation with the same people', () => {
  const lastYear = finishedWith('2027-01-15');
  const next = () => {
    const result = createConversation({ id: 'c2', kind: 'MUS', concept: albertslund(), leader, employees: [employee], date: '2027-11-20', format: 'table', questionTexts: {}, previous: lastYear }, TODAY, 'now');
    if (!result.ok) throw new Error(result.error.code);
    return must(must(must(result.value, leader.id, { type: 'pickKeywords', keywords: ['Mod', 'Ansvar', 'Økonomi'] }), employee.id, { type: 'pickKeywords', keywords: ['Mod', 'Ansvar', 'Økonomi'] }), leader.id, { type: 'start' });
  };

  it('opens with last plan\'s agreements, then the overview', () => {
    const c = next();
    expect(c.previous).toMatchObject({ conversationId: lastYear.id, date: lastYear.date, outcomes: {} });
    expect(c.previous?.agreements.map((a) => a.what)).toEqual(['Aftale 1']);
    expect(stepsOf(c).slice(0, 2)).toEqual([{ kind: 'previous' }, { kind: 'overview' }]);
  });

  it('records how each went, merging two people\'s text, and refuses an agreement the last plan did not have', () => {
    const id = lastYear.agreements[0].id;
    let c = must(next(), leader.id, { type: 'saveStep', atStep: 0, move: 'stay', outcomes: { [id]: { text: 'Godt', base: '' } } });
    c = must(c, employee.id, { type: 'saveStep', atStep: 0, move: 'next', outcomes: { [id]: { text: 'Kurset er taget', base: '' } } });
    expect(c.previous?.outcomes).toEqual({ [id]: 'Godt\nKurset er taget' });
    expect(c.step).toBe(1);
    expect(refusal(c, leader.id, { type: 'saveStep', atStep: 0, move: 'stay', outcomes: { nope: { text: 'x', base: '' } } })).toBe('agreement_not_found');
  });
});
