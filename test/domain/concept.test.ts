import { conceptText, conceptTexts, parseConcept, suggestedWording, ConceptError } from '../../src/domain/concept';
import { albertslund, hoejeTaastrup } from '../support/concepts';

describe('the Albertslund concept file', () => {
  const concept = albertslund();

  it('has the three perspectives in order, starting with the violet Adfærd', () => {
    expect(concept.perspectives.map((p) => p.name)).toEqual(['Adfærd', 'Struktur', 'Opgaver']);
    expect(concept.perspectives[0].colourName).toBe('violet');
  });

  it('has nine questions, three per perspective, verbatim from the form', () => {
    expect(concept.perspectives.map((p) => p.questions.length)).toEqual([3, 3, 3]);
    expect(concept.perspectives[1].questions[1].text).toBe(
      'Er der nogle samarbejdsrelationer, der skal afklares, for at I lykkes i jeres rolle – og vi fælles lykkes med vores opgave?'
    );
  });

  it('has the 33 keywords and three picks per participant', () => {
    expect(concept.keywords).toHaveLength(33);
    expect(concept.keywords).toContain('Work-life balance');
    expect(concept.keywords).toContain('Økonomi');
    expect(concept.picksPerParticipant).toBe(3);
  });

  it('carries the agreement prompt', () => {
    expect(concept.agreementPrompt).toBe('Hvad, hvornår, hvem? Hvem har ansvar, hvornår følges der op?');
  });

  it('offers MUS, GRUS and LUS, a MUS booked for an hour, the LUS about 1½ hours and related to well-being, finances and sickness absence', () => {
    expect(concept.kinds).toEqual(['MUS', 'GRUS', 'LUS']);
    expect(concept.guides.LUS).toEqual({
      minutes: 90,
      focusIntro: 'Relatér spørgsmålene til lederens ledelsespraksis og arbejde med',
      focus: ['medarbejdertrivsel', 'økonomistyring', 'sygefravær']
    });
    expect(concept.guides.MUS).toEqual({ minutes: 60, focus: [] });
  });
});

describe('the Albertslund concept in other words', () => {
  const concept = albertslund();

  it('suggests a wording for a conversation with one person, while the form\'s own wording stays the default, verbatim', () => {
    expect(concept.perspectives[0].questions[0].text).toBe('Hvordan trives I helt grundlæggende med jeres arbejde og opgaver?');
    expect(suggestedWording(concept, 'MUS')['adfaerd-1']).toBe('Hvordan trives du helt grundlæggende med dit arbejde og dine opgaver?');
    expect(suggestedWording(concept, 'LUS')['adfaerd-2']).toBe('Hvornår motiveres du, og hvad skaber arbejdsglæde for dig og dine medarbejdere?');
    // A GRUS is held with a group: the form's "I" is right, nothing to suggest.
    expect(suggestedWording(concept, 'GRUS')).toEqual({});
    for (const text of Object.values(suggestedWording(concept, 'MUS'))) expect(text).not.toMatch(/\b(I|jer|jeres)\b/);
  });

  it('carries English for every text a person reads, Danish being the source; a text of the leader\'s own is shown as written', () => {
    const english = conceptText(concept, 'en');
    for (const text of conceptTexts(concept)) expect(concept.translations?.en?.[text]).toEqual(expect.any(String));
    expect(english('Adfærd')).toBe('Behaviour');
    expect(english('Sparring')).toBe('Sounding board');
    expect(english('Hvordan har du det i Borgerservice?')).toBe('Hvordan har du det i Borgerservice?');
    expect(conceptText(concept, 'da')('Adfærd')).toBe('Adfærd');
  });
});

describe('the Høje-Taastrup concept file', () => {
  const concept = hoejeTaastrup();

  it('offers a GRUS around the group\'s competences with the strategic questions from the seed', () => {
    expect(concept.kinds).toEqual(['GRUS']);
    expect(concept.perspectives.flatMap((p) => p.questions.map((q) => q.text))).toEqual([
      'Hvilke kompetencer besidder gruppen allerede?',
      'I hvilken retning udvikles gruppens arbejdsopgaver?',
      'I hvilken retning udvikles gruppens relationer til borgere/brugere?',
      'Hvordan kan der tilføres nye kompetencer til gruppen, og hvad betyder det for den enkelte medarbejder?'
    ]);
  });

  it('has its own agreement form: what to develop and the goal, then each activity with its deadline, responsible and the follow-up date', () => {
    expect(concept.agreementForm.extra.map((f) => [f.label, f.required])).toEqual([['Hvad skal udvikles?', true], ['Hvad er målet med udviklingen?', true]]);
    expect(concept.agreementForm.labels).toEqual({
      what: 'Aktivitet, der skal igangsættes',
      when: 'Tidsfrist for aktiviteten',
      responsible: 'Ansvarlig for aktiviteten',
      followUp: 'Dato for opfølgning på udviklingsaftalen'
    });
    expect(concept.valueTargets).toEqual([]);
  });
});

describe('a broken concept file', () => {
  const valid = () => JSON.parse(JSON.stringify(albertslund()));

  it('is refused with a message naming the missing field', () => {
    const raw = valid();
    delete raw.perspectives[1].questions[2].text;
    expect(() => parseConcept(raw, 'kommune.json')).toThrow(ConceptError);
    expect(() => parseConcept(raw, 'kommune.json')).toThrow(/kommune\.json.*perspectives\[1\]\.questions\[2\]\.text/);
  });

  it('is refused when a keyword appears twice', () => {
    const raw = valid();
    raw.keywords.push('Mod');
    expect(() => parseConcept(raw, 'kommune.json')).toThrow(/keywords: stikordet "Mod" står to gange/);
  });

  it('is refused when it guides a kind it does not offer, or gives a focus without its introduction', () => {
    const raw = valid();
    raw.kinds = ['MUS'];
    expect(() => parseConcept(raw, 'kommune.json')).toThrow(/guides\.LUS: LUS står ikke i kinds/);
    const noIntro = valid();
    delete noIntro.guides.LUS.focusIntro;
    expect(() => parseConcept(noIntro, 'kommune.json')).toThrow(/guides\.LUS\.focusIntro/);
    const unknown = valid();
    unknown.guides.SUS = { minutes: 30 };
    expect(() => parseConcept(unknown, 'kommune.json')).toThrow(/guides/);
  });

  it('is refused when its own agreement fields repeat an id or carry an unknown setting', () => {
    const raw = JSON.parse(JSON.stringify(hoejeTaastrup()));
    raw.agreementForm.extra.push({ id: 'goal', label: 'Igen' });
    expect(() => parseConcept(raw, 'kommune.json')).toThrow(/agreementForm\.extra: feltet "goal" står to gange/);
    const unknown = JSON.parse(JSON.stringify(hoejeTaastrup()));
    unknown.agreementForm.labels.hvem = 'Hvem';
    expect(() => parseConcept(unknown, 'kommune.json')).toThrow(/agreementForm\.labels/);
  });

  it('is refused when it translates a text it does not have, or suggests a wording for a kind it does not offer', () => {
    const raw = valid();
    raw.translations.en['Hvordan har I det?'] = 'How are you?';
    expect(() => parseConcept(raw, 'kommune.json')).toThrow(/translations\.en\.Hvordan har I det\?: teksten findes ikke i konceptet/);
    const wording = valid();
    wording.kinds = ['MUS', 'GRUS'];
    delete wording.guides.LUS;
    expect(() => parseConcept(wording, 'kommune.json')).toThrow(/perspectives\[0\]\.questions\[0\]\.wording\.LUS: LUS står ikke i kinds/);
  });

  it('is refused when the picks outnumber the keywords', () => {
    const raw = valid();
    raw.keywords = ['Mod', 'Ansvar'];
    expect(() => parseConcept(raw, 'kommune.json')).toThrow(/picksPerParticipant/);
  });
});
