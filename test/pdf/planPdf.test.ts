import { planPdf } from '../../src/app/archive';
import { pdfRenderer } from '../../src/pdf/pdfRenderer';
import { createConversation } from '../../src/domain/operations';
import type { DevelopmentConversation } from '../../src/domain/conversation';
import { hoejeTaastrup } from '../support/concepts';
import { TODAY, employee, leader, must, started } from '../support/conversations';
import { PdfTools } from '../support/pdfTools';

const agreement = {
  perspectiveId: 'struktur',
  what: 'Øget samarbejde på tværs – også med Ærø',
  when: 'Inden påske',
  responsibleId: employee.id,
  followUpDate: '2027-04-01',
  valueFor: ['workplace'],
  value: 'Færre misforståelser mellem teamene'
};

/** A finished MUS, planned for 1 December 2026; `notes` by question id. */
function finishedMus(notes: Record<string, string> = {}): DevelopmentConversation {
  let c = must(started(), leader.id, { type: 'saveAgreement', agreement });
  c = must(c, leader.id, { type: 'finish' });
  return { ...c, notes };
}

const rendered = async (c: DevelopmentConversation, readerId?: string) => new PdfTools(await planPdf(c, pdfRenderer, 'da', readerId));

describe('the filed plan PDF', () => {
  it('is PDF/A-2a: identified in its XMP packet, tagged, every font embedded with Unicode, and sound to qpdf', async () => {
    const pdf = await rendered(finishedMus({ 'adfaerd-1': 'Glad for teamet 😀' }));
    const info = await pdf.info();
    expect(info).toMatchObject({ Tagged: 'yes', 'PDF version': '1.7', 'Metadata Stream': 'yes' });
    const xmp = await pdf.metadata();
    expect(xmp).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(xmp).toContain('<pdfaid:conformance>A</pdfaid:conformance>');
    const fonts = await pdf.fonts();
    expect(fonts.map((line) => line.split(/\s+/)[0].replace(/^[A-Z]{6}\+/, ''))).toEqual(['DejaVuSans-Bold', 'DejaVuSans', 'NotoEmoji-Regular']);
    for (const line of fonts) expect(line).toMatch(/ yes yes yes /);
    expect(await pdf.check()).toContain('No syntax or stream encoding errors');
    const objects = await pdf.objects();
    expect(objects).toMatch(/\/OutputIntents \[\s*\d+ 0 R/);
    expect(objects).toContain('/S /GTS_PDFA1');
    expect(objects).toMatch(/\/DisplayDocTitle true/);
    expect(objects).toContain('/Lang (da-DK)');
  });

  it('names itself: the plan as title, the leader as author, the kind, the person and the day as subject', async () => {
    const pdf = await rendered(finishedMus());
    const info = await pdf.info();
    expect(info.Title).toBe('Udviklingsplan – MUS med Søren Ærø, 25. november 2026');
    expect(info.Author).toBe('Lene Løvgren');
    expect(info.Subject).toBe('MUS – medarbejderudviklingssamtale med Søren Ærø, 25. november 2026, Albertslund Kommune');
    expect(info.Keywords).toBe('MUS, 2026-11-25, Albertslund Kommune');
    const xmp = await pdf.metadata();
    expect(xmp).toContain('<rdf:li xml:lang="x-default">Udviklingsplan – MUS med Søren Ærø, 25. november 2026</rdf:li>');
    expect(xmp).toContain('<rdf:li>Lene Løvgren</rdf:li>');
  });

  it('keeps its XMP packet well-formed when a name holds & or <', async () => {
    const c = finishedMus();
    const named = { ...c, participants: c.participants.map((p) => (p.role === 'leader' ? { ...p, name: 'Lene <Løvgren> & Co' } : p)) };
    const xmp = await (await rendered(named)).metadata();
    expect(xmp).toContain('<rdf:li>Lene &lt;Løvgren&gt; &amp; Co</rdf:li>');
    expect((await (await rendered(named)).info()).Author).toBe('Lene <Løvgren> & Co');
  });

  it('reads in order: the header, the participants, then per perspective its questions with notes, its keywords and its agreements', async () => {
    const text = await (await rendered(finishedMus({ 'adfaerd-1': 'Trives godt.', 'struktur-2': 'Samarbejdet med Økonomi skal afklares.' }))).text();
    const inOrder = [
      'UDVIKLINGSPLAN',
      'Kommune: Albertslund Kommune',
      'Samtale: MUS – medarbejderudviklingssamtale',
      'Afholdt: 25. november 2026',
      'Planlagt til: 1. december 2026',
      'Form: Ved et bord',
      'Deltagere',
      'Lene Løvgren (Leder) – valgte stikord: Mod, Ansvar, Økonomi',
      'Søren Ærø (Medarbejder) – valgte stikord: Mod, Feedback, Nærvær',
      'Perspektiv: Adfærd (violet)',
      'Spørgsmål Noter 1. Hvordan trives I helt grundlæggende med jeres arbejde og opgaver? Trives godt.',
      'Perspektiv: Struktur',
      'Samarbejdet med Økonomi skal afklares.',
      'Stikord i spil –',
      'Aftaler – Hvad, hvornår, hvem? Hvem har ansvar, hvornår følges der op?',
      'Aftale Øget samarbejde på tværs – også med Ærø',
      'Hvornår Inden påske',
      'Ansvarlig Søren Ærø',
      'Opfølgning 1. april 2027',
      'Værdi for Arbejdsfællesskabet',
      'Værdi Færre misforståelser mellem teamene',
      'Perspektiv: Opgaver'
    ];
    let from = 0;
    for (const expected of inOrder) {
      const at = text.indexOf(expected, from);
      expect({ expected, found: at >= 0 }).toEqual({ expected, found: true });
      from = at + expected.length;
    }
  });

  it('is tagged as headings, a list and tables with header cells, the way a screen reader follows it', async () => {
    const structure = await (await rendered(finishedMus())).structure();
    const types = structure.split('\n').map((line) => line.trim().match(/^([A-Za-z0-9]+)(?::| \(|$)/)?.[1]).filter(Boolean);
    expect(types.slice(0, 9)).toEqual(['Document', 'H1', 'P', 'P', 'P', 'P', 'P', 'H2', 'L']);
    expect(types).toEqual(expect.arrayContaining(['LI', 'Lbl', 'LBody', 'Table', 'TR', 'TH', 'TD']));
    expect(structure).toContain('/Scope /Column');
    expect(structure).toContain('/Scope /Row');
    expect(structure).toMatch(/H2 \(block\)\n\s+"Perspektiv: Adfærd \(violet\)"/);
    expect(structure).toMatch(/TH:\n\s+\/Scope \/Row\n\s+"Ansvarlig"\n\s+TD\n\s+"Søren Ærø"/);
  });

  it('marks every text in the page content as structure or as an artifact (the footer, a repeated header)', async () => {
    const objects = await (await rendered(finishedMus({ 'adfaerd-1': 'Lang note. '.repeat(600) }))).objects();
    const contents = [...objects.matchAll(/stream\n([\s\S]*?)endstream/g)].map((m) => m[1]).filter((s) => /\bBT\b[\s\S]* Tf\b/.test(s));
    expect(contents.length).toBeGreaterThan(1);
    for (const content of contents) {
      // Per open marked-content sequence: whether it tags its content (MCID) or marks it as an artifact.
      const open: boolean[] = [];
      let texts = 0;
      for (const [op] of content.matchAll(/\/\w+ (?:<<(?:[^<>]|<[^<>]*>)*>> )?BDC|\/\w+ BMC|\bEMC\b|\bBT\b/g)) {
        if (op.endsWith('BDC') || op.endsWith('BMC')) open.push(/MCID|Artifact/.test(op));
        else if (op === 'EMC') open.pop();
        else {
          expect(open.some(Boolean)).toBe(true);
          texts++;
        }
      }
      expect(texts).toBeGreaterThan(0);
      expect(open).toEqual([]);
    }
  });

  it('continues a note longer than a page on the next page under the repeated heading and header row, nothing cut', async () => {
    const words = Array.from({ length: 900 }, (_, i) => `ord${i}`);
    const pdf = await rendered(finishedMus({ 'adfaerd-2': words.join(' ') }));
    const text = await pdf.text();
    for (const word of words) expect(text).toContain(` ${word} `);
    expect(Number((await pdf.info()).Pages)).toBeGreaterThanOrEqual(3);
    expect(await pdf.layout()).toMatch(/Perspektiv: Adfærd \(violet\) \(fortsat\)\s+Spørgsmål\s+Noter\s+ord\d+/);
    // The repeat is an artifact: the structure has the header row once.
    expect((await pdf.structure()).match(/"Spørgsmål"/g)).toHaveLength(3);
  });

  it('says both days when the conversation was held on another day than planned', async () => {
    const planned = finishedMus();
    expect(planned.date).toBe('2026-12-01');
    const text = await (await rendered(planned)).text();
    expect(text).toContain('Afholdt: 25. november 2026 Planlagt til: 1. december 2026');
    // Finished late in the evening: the day it was held is the day in Denmark.
    const sameDay = await (await rendered({ ...planned, finishedAt: '2026-11-30T23:30:00.000Z' })).text();
    expect(sameDay).toContain('Dato: 1. december 2026 Form');
    expect(sameDay).not.toContain('Planlagt');
  });

  it('has a footer that names the plan and the page, with no instructions to the reader', async () => {
    const layout = await (await rendered(finishedMus())).layout();
    expect(layout).toMatch(/Udviklingsplan – MUS med Søren Ærø, 25\. november 2026\s+Side 1 af \d/);
    expect(layout).not.toMatch(/Gem planen|Følg op på/);
  });

  it('is the same file when the same plan is rendered again', async () => {
    const c = finishedMus({ 'adfaerd-1': 'Glad 😀 👍🏽 中文' });
    expect((await planPdf(c, pdfRenderer, 'da')).equals(await planPdf(c, pdfRenderer, 'da'))).toBe(true);
  });
});

describe('a GRUS member\'s filed copy in Høje-Taastrup\'s concept', () => {
  const members = [
    { id: 'aad-mette', name: 'Mette Østergaard' },
    { id: 'aad-ali', name: 'Ali Haddad' }
  ];
  async function filedCopy() {
    const created = createConversation({ id: 'h1', kind: 'GRUS', concept: hoejeTaastrup(), leader, employees: members, date: '2026-12-01', format: 'table', questionTexts: {} }, TODAY, `${TODAY}T08:00:00.000Z`);
    if (!created.ok) throw new Error(created.error.code);
    let c = created.value;
    for (const p of [leader, ...members]) c = must(c, p.id, { type: 'pickKeywords', keywords: ['Gruppens samarbejde'] });
    c = must(c, leader.id, { type: 'start' });
    const activity = { perspectiveId: 'kompetencer', when: 'Inden 1. oktober', responsibleId: members[0].id, followUpDate: '2027-03-01', valueFor: [], extra: { develop: 'Digital sagsbehandling', goal: 'Alt digitalt i 2027' } };
    c = must(c, leader.id, { type: 'saveAgreement', agreement: { ...activity, what: 'Kursus i fagsystemet for hele gruppen' } });
    c = must(c, leader.id, { type: 'saveAgreement', agreement: { ...activity, what: 'Mentor for Ali', memberId: members[1].id } });
    c = must(c, leader.id, { type: 'finish' });
    return rendered(c, members[0].id);
  }

  it('names the group and the member whose copy it is', async () => {
    const pdf = await filedCopy();
    const text = await pdf.text();
    expect(text).toContain('Gruppe: 2 gruppemedlemmer med Lene Løvgren som leder');
    expect(text).toContain('Medlemmets kopi: Mette Østergaard');
    expect((await pdf.info()).Title).toBe('Udviklingsplan – GRUS med Mette Østergaard, 25. november 2026');
    expect(text).not.toContain('Mentor for Ali');
  });

  it('labels every agreement field in the concept\'s own words', async () => {
    const text = await (await filedCopy()).text();
    for (const field of [
      'Gælder Hele gruppen',
      'Hvad skal udvikles? Digital sagsbehandling',
      'Hvad er målet med udviklingen? Alt digitalt i 2027',
      'Aktivitet, der skal igangsættes Kursus i fagsystemet for hele gruppen',
      'Tidsfrist for aktiviteten Inden 1. oktober',
      'Ansvarlig for aktiviteten Mette Østergaard',
      'Dato for opfølgning på udviklingsaftalen 1. marts 2027'
    ]) {
      expect(text).toContain(field);
    }
    expect(text).not.toContain('Hvornår');
  });
});
