import { parseConcept, ConceptError } from '../../src/domain/concept';
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

  it('offers MUS, GRUS and LUS, the LUS about 1½ hours and related to well-being, finances and sickness absence', () => {
    expect(concept.kinds).toEqual(['MUS', 'GRUS', 'LUS']);
    expect(concept.guides.LUS).toEqual({
      minutes: 90,
      focusIntro: 'Relatér spørgsmålene til lederens ledelsespraksis og arbejde med',
      focus: ['medarbejdertrivsel', 'økonomistyring', 'sygefravær']
    });
    expect(concept.guides.MUS).toBeUndefined();
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

  it('is refused when the picks outnumber the keywords', () => {
    const raw = valid();
    raw.keywords = ['Mod', 'Ansvar'];
    expect(() => parseConcept(raw, 'kommune.json')).toThrow(/picksPerParticipant/);
  });
});
