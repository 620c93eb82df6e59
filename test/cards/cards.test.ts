import { employeesOf, stepsOf } from '../../src/domain/conversation';
import { createCard, finishedCard, keywordCard, preparationCard, sessionCard } from '../../src/cards/views';
import { createConversation } from '../../src/domain/operations';
import type { Concept } from '../../src/domain/concept';
import { albertslund, hoejeTaastrup } from '../support/concepts';
import { cardSamples } from '../../scripts/cardSamples';
import { questionDraft, sentVerbs, verbs, type Verb } from '../../src/cards/inputs';
import { suggestedWording } from '../../src/domain/concept';
import { planDocument } from '../../src/domain/plan';
import { translator } from '../../src/i18n/catalog';
import { followUpListCard, yearlyCard } from '../../src/cards/followUpViews';
import { TODAY, employee, finishedWith, leader, must, newMus, started } from '../support/conversations';
import { adaptiveCardProblems } from '../support/adaptiveCards';
import { largestHeld, largestLeader } from '../support/largestConversations';
import { actionsOf, inputsOf, textOf } from '../support/teamsClient';

const da = translator('da');

/** A held conversation with notes, keywords in play and one complete and one unfinished agreement. */
function heldConversation() {
  let c = started();
  c = must(c, leader.id, { type: 'saveStep', atStep: 0, move: 'next' });
  c = must(c, employee.id, { type: 'saveStep', atStep: 1, move: 'stay', note: { text: 'Noter med æøå', base: '' }, keywords: { selected: ['Mod'], base: [] } });
  c = must(c, leader.id, { type: 'saveAgreement', agreement: { perspectiveId: 'adfaerd', what: 'Kursus', when: 'Foråret', responsibleId: employee.id, followUpDate: '2027-03-01', valueFor: ['person'], value: 'Tryghed' } });
  return must(c, leader.id, { type: 'saveAgreement', agreement: { perspectiveId: 'adfaerd', what: 'Mentor', when: '', valueFor: [] } });
}

/** The largest GRUS's cards a page in: a long list's page buttons, and a filter that searches as the leader types. */
function pagedCards(): [string, unknown][] {
  const c = largestHeld('GRUS', { groupAgreements: 1 });
  const finished = must(c, largestLeader.id, { type: 'finish' });
  const refs = finished.agreements.map((a) => ({ conversation: finished, agreementId: a.id }));
  const list = { refs, employees: employeesOf(finished).map((p) => ({ id: p.id, name: p.name })), filter: '', total: refs.length };
  const rows = employeesOf(finished).map((person) => ({ person, status: 'never' as const }));
  const view = { viewerId: largestLeader.id, today: TODAY, planUrl: () => 'https://app.example/plan' };
  return [
    ['agreements, a page in', sessionCard({ ...c, step: 4 }, da, { page: 1 })],
    ['review, a page in', sessionCard(c, da, { page: 1 })],
    ['finished, a page in', finishedCard(finished, largestLeader.id, da, { page: 1 })],
    ['follow-up list with a searched filter, a page in', followUpListCard(list, da, { ...view, page: 1 })],
    ['yearly overview, a page in', yearlyCard([...rows, ...rows, ...rows], true, da, undefined, 1)]
  ];
}

/** The gallery's cards in both languages, the session card at every step of the walk, and long lists a page in. */
function everyCard(): [string, unknown][] {
  const c = heldConversation();
  return [
    ...cardSamples('da').map((s): [string, unknown] => [`${s.name} (da)`, s.card]),
    ...cardSamples('en').map((s): [string, unknown] => [`${s.name} (en)`, s.card]),
    ...stepsOf(c).map((_, step): [string, unknown] => [`session step ${step}`, sessionCard({ ...c, step }, da)]),
    ...pagedCards(),
    ...(['da', 'en'] as const).flatMap((locale): [string, unknown][] => {
      const tr = translator(locale);
      const offers = [{ concept: albertslund(), kind: 'LUS' as const }];
      return [
        [`the create card with booking (${locale})`, createCard(tr, { members: [employee], offers, chosen: offers[0], today: TODAY, homeKind: 'personal', booking: true })],
        [`a booked conversation's preparation card (${locale})`, preparationCard({ ...newMus(), meeting: { time: '10:00', minutes: 60 } }, leader.id, [], tr)]
      ];
    })
  ];
}

describe('every card', () => {
  const handled = new Set((Object.keys(verbs) as Verb[]).flatMap(sentVerbs));

  it.each(everyCard())('%s expands fully as an Adaptive Card 1.5 with labelled inputs, described images and handled buttons', (_name, card: any) => {
    expect(card.type).toBe('AdaptiveCard');
    expect(card.version).toBe('1.5');
    expect(JSON.stringify(card)).not.toMatch(/\$\{|\$data|\$when/);
    expect(adaptiveCardProblems(card)).toEqual([]);
    const walk = (node: any): any[] => (Array.isArray(node) ? node.flatMap(walk) : node && typeof node === 'object' ? [node, ...Object.values(node).flatMap(walk)] : []);
    for (const input of walk(card).filter((n) => typeof n.type === 'string' && n.type.startsWith('Input.'))) {
      expect(input.label).toEqual(expect.any(String));
      expect(input.label.length).toBeGreaterThan(0);
    }
    for (const image of walk(card).filter((n) => n.type === 'Image')) expect(image.altText).toEqual(expect.stringMatching(/\S/));
    for (const action of actionsOf(card)) expect(handled).toContain(action.verb);
  });
});

describe('booking on the cards', () => {
  it('asks for the time and offers booking, with the concept\'s length for the kind, only where booking is on', () => {
    const offers = [{ concept: albertslund(), kind: 'LUS' as const }];
    const booking = createCard(da, { members: [employee], offers, chosen: offers[0], today: TODAY, homeKind: 'personal', booking: true });
    expect(inputsOf(booking)).toMatchObject({ book: 'true', time: '' });
    expect(textOf(booking)).toContain('Mødet varer 1½ time, som konceptet foreslår.');
    const plain = createCard(da, { members: [employee], offers, chosen: offers[0], today: TODAY, homeKind: 'personal' });
    expect(Object.keys(inputsOf(plain))).not.toContain('time');
  });

  it('shows a booked conversation\'s time to everyone, and the leader a way to move it and the nudge while the others have still to pick', () => {
    const booked = { ...newMus(), meeting: { time: '10:00', minutes: 60 } };
    const card = preparationCard(booked, leader.id, [], da);
    expect(textOf(card)).toContain('Teams-møde kl. 10:00 (1 time).');
    expect(inputsOf(card)).toMatchObject({ meetingDate: booked.date, meetingTime: '10:00' });
    expect(actionsOf(card).map((a) => a.verb)).toEqual(expect.arrayContaining(['meeting.move', 'preparation.nudge']));
    const othersPicked = must(booked, employee.id, { type: 'pickKeywords', keywords: ['Mod', 'Ansvar', 'Økonomi'] });
    expect(actionsOf(preparationCard(othersPicked, leader.id, [], da)).map((a) => a.verb)).not.toContain('preparation.nudge');
    // The employee sees when it is, not the leader's buttons.
    expect(textOf(preparationCard(booked, employee.id, [], da))).toContain('Teams-møde kl. 10:00 (1 time).');
    expect(actionsOf(preparationCard(booked, employee.id, [], da)).map((a) => a.verb)).not.toEqual(expect.arrayContaining(['meeting.move']));
    expect(actionsOf(preparationCard(booked, employee.id, [], da)).map((a) => a.verb)).not.toContain('preparation.nudge');
    expect(actionsOf(preparationCard(newMus(), leader.id, [], da)).map((a) => a.verb)).not.toContain('meeting.move');
  });
});

describe('the question card', () => {
  const c = heldConversation();
  const card = sessionCard({ ...c, step: 1 }, da);

  it('names the perspective in words as well as colour, and counts the questions', () => {
    expect(textOf(card)).toContain('Adfærd (violet)');
    expect(textOf(card)).toContain('Spørgsmål 1 af 9');
  });

  it('shows the saved note and which chosen keywords are in play, with who chose them', () => {
    expect(inputsOf(card)).toMatchObject({ note: 'Noter med æøå', inPlay: 'Mod' });
    expect(textOf(card)).toContain('Mod (Lene Løvgren, Søren Ærø)');
  });

  it('shows as in play what its own perspective recorded: a Struktur question has none of Adfærd\'s ticked', () => {
    expect(inputsOf(sessionCard({ ...c, step: 2 }, da)).inPlay).toBe('Mod');
    expect(inputsOf(sessionCard({ ...c, step: 5 }, da)).inPlay).toBe('');
  });
});

describe('the agreements card', () => {
  const c = heldConversation();
  const card = sessionCard({ ...c, step: 4 }, da);

  it('lists the perspective\'s agreements and flags the unfinished one with what is missing', () => {
    const text = textOf(card);
    expect(text).toContain('Kursus');
    expect(text).toContain('Den enkelte: Tryghed');
    expect(text).toContain('Ikke færdig – mangler: tidshorisont, ansvarlig og opfølgningsdato');
  });

  it('offers the participants as responsible and prefills the form when editing', () => {
    const mentor = c.agreements.find((a) => a.what === 'Mentor')!;
    const editing = sessionCard({ ...c, step: 4 }, da, { editingId: mentor.id });
    expect(inputsOf(editing)).toMatchObject({ what: 'Mentor' });
    expect(textOf(editing)).toContain('Du redigerer aftalen: Mentor');
    expect(textOf(card)).toContain('Søren Ærø');
  });
});

describe('a long plan, a page at a time', () => {
  const c = largestHeld('GRUS', { groupAgreements: 1 });
  const unfinished = { ...c, agreements: c.agreements.map((a, i) => (i % 20 === 0 ? { ...a, responsibleId: undefined } : a)) };
  const pages = (view: (page: number) => any) => {
    const first = view(0);
    const count = Number(textOf(first).match(/side 1 af (\d+)/)?.[1] ?? 1);
    return Array.from({ length: count }, (_, page) => (page ? view(page) : first));
  };

  it('shows what is missing and that finishing waits on every page of the review, and every agreement on one of them', () => {
    const review = pages((page) => sessionCard(unfinished, da, { page }));
    expect(review.length).toBeGreaterThan(1);
    for (const card of review) {
      expect(textOf(card)).toContain('62 aftaler: 4 mangler ansvarlig.');
      expect(textOf(card)).toContain(da.t('review.problems', { count: 4 }));
      expect(actionsOf(card).find((a) => a.verb === 'session.finish')?.isEnabled).toBe(false);
    }
    const shown = review.map(textOf).join('\n');
    for (const a of c.agreements) expect(shown).toContain(a.what.slice(0, a.what.indexOf(':') + 1));
  });

  it('turns pages with buttons that carry the page, the first without a way back and the last without a way on', () => {
    const review = pages((page) => sessionCard(c, da, { page }));
    const turns = (card: any) => actionsOf(card).filter((a) => a.verb === 'card.page');
    expect(turns(review[0]).map((a) => [a.data.page, a.isEnabled])).toEqual([[0, false], [1, true]]);
    expect(turns(review[review.length - 1]).map((a) => a.isEnabled)).toEqual([true, false]);
    expect(textOf(review[1])).toContain(`side 2 af ${review.length}`);
  });

  it('keeps a short plan on one card with no page buttons', () => {
    const short = heldConversation();
    expect(actionsOf(sessionCard({ ...short, step: stepsOf(short).length - 1 }, da, { page: 0 })).filter((a) => a.verb === 'card.page')).toEqual([]);
  });
});

describe('the finished card', () => {
  it('shows a GRUS member the group\'s agreements and their own, as their copy holds, and the leader all of them', () => {
    const members = [{ id: 'aad-m1', name: 'Medlem 1' }, { id: 'aad-m2', name: 'Medlem 2' }];
    const created = createConversation({ id: 'g1', kind: 'GRUS', concept: albertslund(), leader, employees: members, replacesMus: true, date: TODAY, format: 'table', questionTexts: {} }, TODAY, `${TODAY}T08:00:00.000Z`);
    if (!created.ok) throw new Error(created.error.code);
    let c = created.value;
    for (const p of [leader, ...members]) c = must(c, p.id, { type: 'pickKeywords', keywords: ['Samarbejde', 'Kompetencer', 'Mod'] });
    c = must(c, leader.id, { type: 'start' });
    const agree = (what: string, memberId?: string) => must(c, leader.id, { type: 'saveAgreement', agreement: { perspectiveId: 'opgaver', what, when: 'I foråret', responsibleId: memberId ?? leader.id, followUpDate: '2027-03-01', valueFor: [], ...(memberId ? { memberId } : {}) } });
    c = agree('Fælles kursus');
    c = agree('Medlem 1 bliver superbruger', 'aad-m1');
    c = agree('Medlem 2 tager vagtplanen', 'aad-m2');
    c = must(c, leader.id, { type: 'finish' });
    const seenBy = (viewerId: string) => textOf(finishedCard(c, viewerId, da, {}));
    expect(seenBy('aad-m1')).toContain('Medlem 1 bliver superbruger');
    expect(seenBy('aad-m1')).toContain('Fælles kursus');
    expect(seenBy('aad-m1')).not.toContain('vagtplanen');
    expect(seenBy('aad-m2')).not.toContain('superbruger');
    expect(seenBy(leader.id)).toContain('superbruger');
    expect(seenBy(leader.id)).toContain('vagtplanen');
  });
});

describe('the keyword card', () => {
  it('offers the 33 keywords as one labelled, required list that opens, compact on a desktop and a phone alike', () => {
    const card = keywordCard(newMus(), employee.id, da);
    const input = JSON.stringify(card).match(/\{"type":"Input.ChoiceSet","id":"keywords"[^]*?"choices":\[/)![0];
    expect(input).toContain('"isMultiSelect":true');
    expect(input).toContain('"style":"compact"');
    expect(input).toContain('"isRequired":true');
    expect(input).toContain('"label":"Dine 3 stikord"');
  });
});

describe('a concept\'s picture tiles', () => {
  it('appear on the keyword card and the overview as described images, where the app serves them', () => {
    const pictures = [{ file: 'tile-1.png', alt: 'To kolleger lægger et puslespil sammen' }];
    const c = heldConversation();
    const withPictures = { ...c, concept: { ...c.concept, pictures } };
    const pictureUrl = (conceptId: string, file: string) => `https://app.example/concepts/${conceptId}/pictures/${file}`;
    for (const card of [keywordCard(withPictures, employee.id, da, { pictureUrl }), sessionCard({ ...withPictures, step: 0 }, da, { pictureUrl })]) {
      expect(adaptiveCardProblems(card)).toEqual([]);
      expect(JSON.stringify(card)).toContain('{"type":"Image","url":"https://app.example/concepts/albertslund/pictures/tile-1.png","altText":"To kolleger lægger et puslespil sammen"}');
    }
    expect(JSON.stringify(keywordCard(withPictures, employee.id, da))).not.toContain('ImageSet');
  });
});

describe('cards on a walk', () => {
  const walk = { ...heldConversation(), format: 'walk' as const };
  const find = (node: any, id: string): any => {
    if (Array.isArray(node)) return node.map((n) => find(n, id)).find(Boolean);
    if (!node || typeof node !== 'object') return undefined;
    return node.id === id ? node : find(Object.values(node), id);
  };

  it('fold the keyword choice and show the question large, for a phone in a hand', () => {
    const question = sessionCard({ ...walk, step: 1 }, da);
    expect(find(question, 'inPlay').style).toBe('compact');
    expect(find(sessionCard({ ...walk, format: 'table', step: 1 }, da), 'inPlay').style).toBe('expanded');
    expect(JSON.stringify(question)).toContain('"size":"Large"');
  });

  it('show each agreement as one line instead of a two-column table', () => {
    const agreements = sessionCard({ ...walk, step: 4 }, da);
    expect(JSON.stringify(agreements)).not.toContain('"FactSet"');
    expect(textOf(agreements)).toContain('Foråret · Søren Ærø · 1. marts 2027');
  });
});

describe('the message catalogs', () => {
  const keys = (node: unknown, prefix = ''): string[] =>
    typeof node === 'object' && node !== null
      ? Object.entries(node).flatMap(([k, v]) => keys(v, `${prefix}${k}.`))
      : [prefix.slice(0, -1)];

  it('have the same messages in Danish and English', () => {
    expect(keys(require('../../src/i18n/en.json')).sort()).toEqual(keys(require('../../src/i18n/da.json')).sort());
  });

  it('fill in placeholders and write dates as people do', () => {
    expect(da.t('error.keyword_count', { wanted: 3, got: 4 })).toBe('Vælg præcis 3 stikord – du valgte 4.');
    expect(da.date('2027-03-01')).toBe('1. marts 2027');
    expect(translator('en').date('2027-03-01')).toBe('1 March 2027');
    expect(da.list(['Lene', 'Søren'])).toBe('Lene og Søren');
  });
});

describe('text on cards', () => {
  it('is shown as written, never as Markdown: a date at the start is not a numbered list', () => {
    const card = preparationCard(newMus(), leader.id, [], da);
    expect(JSON.stringify(card.body)).toContain('"text":"1\\\\. december 2026 · Ved et bord"');
    expect(textOf(card)).toContain('1. december 2026 · Ved et bord');
  });

  it('keeps typed notes unescaped in their input, so saving them again changes nothing', () => {
    let c = must(started(), leader.id, { type: 'saveStep', atStep: 0, move: 'next' });
    c = must(c, leader.id, { type: 'saveStep', atStep: 1, move: 'stay', note: { text: '2. kvartal: *vigtigt*', base: '' } });
    expect(inputsOf(sessionCard(c, da)).note).toBe('2. kvartal: *vigtigt*');
  });
});

describe('the follow-up cards', () => {
  const refs = (c: ReturnType<typeof finishedWith>) => c.agreements.map((a) => ({ conversation: c, agreementId: a.id }));
  const view = { viewerId: leader.id, today: '2027-01-10', planUrl: () => 'https://app.example/plan.pdf' };

  it('answer beside the agreement acted on, not at the top of a long list, and ask for the date in Danish', () => {
    const c = finishedWith('2027-02-01', '2027-03-01', '2027-04-01');
    const message = { kind: 'error' as const, text: da.t('error.postpone_without_date') };
    const card = followUpListCard({ refs: refs(c), employees: [employee], filter: '', total: 3 }, da, { ...view, answer: { cid: c.id, agreementId: c.agreements[2].id, message } });
    const items = card.body.flatMap((b: any) => b.items ?? []).filter((i: any) => i.type === 'Container' && textOf(i).includes('Aftale'));
    expect(items.map((i: any) => textOf(i).includes(message.text))).toEqual([false, false, true]);
    expect(textOf(items[2])).toMatch(/Aftale 3[\s\S]*Vælg en ny dato for opfølgningen, og tryk så Udskyd\./);
    const dates = JSON.stringify(card).match(/"type":"Input.Date"[^}]*/g)!;
    expect(dates).toHaveLength(3);
    for (const date of dates) expect(date).toContain('"placeholder":"Vælg en dato"');
  });

  it('answer at the top when the agreement has left the list (it was just followed up)', () => {
    const c = finishedWith('2027-02-01');
    const message = { kind: 'info' as const, text: da.t('followUp.markedDone') };
    const card = followUpListCard({ refs: [], employees: [], filter: '', total: 0 }, da, { ...view, answer: { cid: c.id, agreementId: c.agreements[0].id, message } });
    expect(textOf(card)).toContain('Aftalen er markeret som fulgt op.');
  });
});

describe('the create card', () => {
  const offersOf = (...concepts: Concept[]) => concepts.flatMap((concept) => concept.kinds.map((kind) => ({ concept, kind })));
  const grusOnly: Concept = { ...albertslund(), id: 'albertslund-grus', name: 'GRUS med puslespil', kinds: ['GRUS'] };
  const find = (card: any, id: string) => JSON.parse(JSON.stringify(card.body)).flatMap(function all(n: any): any[] { return n && typeof n === 'object' ? [n, ...Object.values(n).flatMap(all)] : []; }).filter((n: any) => n.id === id);

  it('asks first which conversation, offering only what the concepts hold, each choice whole', () => {
    const card = createCard(da, { members: [employee], offers: offersOf(albertslund(), grusOnly), today: TODAY, homeKind: 'group' });
    const [choice] = find(card, 'offer');
    expect(choice).toMatchObject({ type: 'Input.ChoiceSet', style: 'expanded', wrap: true });
    expect(choice.choices.map((c: any) => c.value)).toEqual(['albertslund:MUS', 'albertslund:GRUS', 'albertslund:LUS', 'albertslund-grus:GRUS']);
    expect(choice.choices[3].title).toBe('GRUS – gruppeudviklingssamtale (Albertslund Kommune: GRUS med puslespil)');
    expect(find(card, 'employeeId')).toEqual([]);
  });

  it('is the form for the conversation chosen: one person and no group toggle for a MUS, the group and the toggle for a GRUS', () => {
    const offers = offersOf(albertslund());
    const mus = createCard(da, { members: [employee], offers, chosen: offers[0], today: TODAY, homeKind: 'group' });
    expect(find(mus, 'employeeId')[0].isMultiSelect).toBe(false);
    expect(find(mus, 'replacesMus')).toEqual([]);
    expect(textOf(mus)).toContain('MUS – medarbejderudviklingssamtale\nAlbertslund Kommune: Udviklingssamtale – Én kommune, én organisation');
    expect(actionsOf(mus).find((a) => a.verb === 'mus.create').data).toMatchObject({ kind: 'MUS', concept: 'albertslund' });
    const grus = createCard(da, { members: [employee], offers, chosen: offers[1], today: TODAY, homeKind: 'group' });
    expect(find(grus, 'employeeId')[0]).toMatchObject({ isMultiSelect: true, label: 'Gruppens medlemmer (vælg alle i gruppen)' });
    expect(find(grus, 'replacesMus')).toHaveLength(1);
    expect(actionsOf(grus).map((a) => a.verb)).toEqual(['create.choose', 'mus.create']);
  });

  it('offers no other choice where the concept holds one conversation', () => {
    const offers = offersOf(hoejeTaastrup());
    expect(actionsOf(createCard(da, { members: [employee], offers, chosen: offers[0], today: TODAY, homeKind: 'group' })).map((a) => a.verb)).toEqual(['mus.create']);
  });
});

describe('cards in English', () => {
  const en = translator('en');
  const c = heldConversation();

  it('show the concept\'s own English: questions, perspectives, keywords, the agreement prompt and value options, while the choices keep their values', () => {
    const question = sessionCard({ ...c, step: 1 }, en);
    expect(textOf(question)).toContain('Behaviour (violet)');
    expect(textOf(question)).toContain('At heart, how are you thriving in your work and your tasks?');
    expect(textOf(question)).toContain('Courage (Lene Løvgren, Søren Ærø)');
    expect(JSON.stringify(question)).toContain('"title":"Courage (Lene Løvgren, Søren Ærø)","value":"Mod"');
    const agreements = textOf(sessionCard({ ...c, step: 4 }, en));
    expect(agreements).toContain('What, when, who? Who is responsible, and when is it followed up?');
    expect(agreements).toContain('The individual');
    expect(agreements).toContain('What are you agreeing on?');
    expect(agreements).not.toMatch(/Hvad|Adfærd|Den enkelte/);
    expect(textOf(keywordCard(newMus(), employee.id, en))).toContain('Sounding board');
  });

  it('and an English copy of the plan reads the same, while a question the leader reworded stays as written', () => {
    const reworded = { ...c, concept: { ...c.concept, perspectives: c.concept.perspectives.map((p, i) => (i ? p : { ...p, questions: [{ ...p.questions[0], text: 'Hvordan har du det i Borgerservice?' }, ...p.questions.slice(1)] })) } };
    const plan = planDocument(reworded, undefined, 'en');
    expect(plan.perspectives.map((p) => p.name)).toEqual(['Behaviour', 'Structure', 'Tasks']);
    expect(plan.perspectives[0].questions.map((q) => q.text).slice(0, 2)).toEqual(['Hvordan har du det i Borgerservice?', 'What motivates you, and what brings joy at work for you and your colleagues?']);
    expect(plan.perspectives[0].keywords).toEqual(['Courage']);
    expect(planDocument(reworded).perspectives[0].name).toBe('Adfærd');
  });
});

describe('rewording the questions', () => {
  it('offers the concept\'s wording for one person beside each question, and puts it in with one button', () => {
    const card = preparationCard(newMus(), leader.id, [], da);
    expect(textOf(card)).toContain('Forslag: »Hvordan trives du helt grundlæggende med dit arbejde og dine opgaver?«');
    expect(actionsOf(card).map((a) => a.verb)).toContain('questions.suggest');
    const accepted = preparationCard(newMus(), leader.id, [], da, { draft: questionDraft(suggestedWording(newMus().concept, 'MUS')), showQuestions: true });
    expect(inputsOf(accepted)['q_adfaerd-1']).toBe('Hvordan trives du helt grundlæggende med dit arbejde og dine opgaver?');
    expect(textOf(accepted)).not.toContain('Forslag: »Hvordan trives du');
    expect(JSON.stringify(accepted)).toContain('"id":"questions","isVisible":true');
  });

  it('is the leader\'s: an employee\'s view of the preparation card has neither the questions to reword nor the start', () => {
    const card = preparationCard(newMus(), employee.id, [], da);
    expect(actionsOf(card).map((a) => a.verb)).not.toEqual(expect.arrayContaining(['questions.rephrase']));
    expect(actionsOf(card).map((a) => a.verb)).not.toContain('session.start');
    expect(textOf(card)).not.toContain('Tilpas spørgsmålene');
    expect(inputsOf(card)).toEqual({});
    expect(textOf(card)).toContain('Lederen starter samtalen');
  });
});
