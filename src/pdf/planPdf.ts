import type { Font } from 'fontkit';
import type { PlanDocument, PlannedAgreement } from '../domain/plan';
import type { Translator } from '../i18n/catalog';
import { followUpStatus } from '../i18n/followUpStatus';
import { withSharedShaping } from './sharedShaping';

/**
 * pdfkit and its fonts, loaded on the first plan rather than at start-up (most turns make no PDF).
 * DejaVu covers æ ø å and the rest of Latin, and is embedded (subset) so every reader shows it alike.
 * Parsed once per process (parsing the font tables again for every document was most of a render),
 * with the words they have shaped remembered across documents.
 */
let parts: Promise<{ PDFDocument: typeof import('pdfkit'); body: Font; bold: Font }> | undefined;
const pdfParts = () =>
  (parts ??= Promise.all([import('pdfkit'), import('fontkit')]).then(([pdfkit, fontkit]) => ({
    PDFDocument: pdfkit.default,
    body: withSharedShaping(fontkit.openSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'))),
    bold: withSharedShaping(fontkit.openSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')))
  })));

const MARGIN = 50;
const GREY = '#555555';
const DEFAULT_ACCENT = '#1F4E79';

/**
 * Renders the development plan laid out like the seed's Udviklingsplan: a header with the
 * municipality, conversation type, date and participants; then per perspective the questions as
 * asked with their notes, the keywords that came into play, and the agreements with every field.
 */
export async function renderPlanPdf(plan: PlanDocument, tr: Translator): Promise<Buffer> {
  const { PDFDocument, body, bold } = await pdfParts();
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    // No default Helvetica: pdfkit would parse its metrics for every document, and only DejaVu is used.
    font: null as never,
    info: {
      Title: `${tr.t('pdf.title')} – ${plan.kind} ${plan.date}`,
      Author: plan.municipality,
      // A fixed date keeps the same plan's file identical when it is rendered again.
      CreationDate: new Date(plan.finishedAt ?? `${plan.date}T00:00:00Z`)
    }
  });
  // pdfkit takes a fontkit font as it is (its types only name paths and buffers).
  doc.registerFont('body', body as never);
  doc.registerFont('bold', bold as never);
  const done = collect(doc);

  writeHeader(doc, plan, tr);
  if (plan.previous) {
    subheading(doc, tr.t('pdf.previous', { kind: plan.previous.kind, date: tr.date(plan.previous.date) }));
    for (const a of plan.previous.agreements) writeAgreement(doc, a, tr, [[tr.t('pdf.outcome'), a.outcome]], true);
  }
  for (const perspective of plan.perspectives) {
    const accent = perspective.colour ?? DEFAULT_ACCENT;
    ensureSpace(doc, 80);
    doc.moveDown(0.8);
    const top = doc.y;
    doc.rect(MARGIN, top, doc.page.width - 2 * MARGIN, 22).fill(accent);
    const heading = perspective.colourName ? `${perspective.name} (${perspective.colourName})` : perspective.name;
    doc.fillColor('#FFFFFF').font('bold').fontSize(13).text(`${tr.t('pdf.perspective')}: ${heading}`, MARGIN + 8, top + 4);
    doc.fillColor('#000000').moveDown(0.8);
    doc.x = MARGIN;

    subheading(doc, tr.t('pdf.questions'));
    perspective.questions.forEach((q, i) => {
      ensureSpace(doc, 40);
      doc.font('bold').fontSize(10).text(`${i + 1}. ${q.text}`);
      doc.font('body').fontSize(10).fillColor(q.note ? '#000000' : GREY).text(q.note || tr.t('pdf.noNotes'), { indent: 12 });
      doc.fillColor('#000000').moveDown(0.4);
    });

    subheading(doc, tr.t('pdf.keywords'));
    doc.font('body').fontSize(10).text(perspective.keywords.length ? perspective.keywords.join(', ') : '–');

    subheading(doc, `${tr.t('pdf.agreements')} – ${plan.agreementPrompt}`);
    if (perspective.agreements.length === 0) doc.font('body').fontSize(10).fillColor(GREY).text(tr.t('pdf.noAgreements')).fillColor('#000000');
    perspective.agreements.forEach((a) => writeAgreement(doc, a, tr));
  }
  writeFooters(doc, tr);
  doc.end();
  return done;
}

function writeHeader(doc: PDFKit.PDFDocument, plan: PlanDocument, tr: Translator): void {
  doc.font('bold').fontSize(20).text(tr.t('pdf.title').toUpperCase());
  doc.moveDown(0.5);
  const facts: [string, string][] = [
    [tr.t('pdf.municipality'), plan.municipality],
    [tr.t('pdf.kind'), tr.t(`kind.${plan.kind}`)],
    ...(plan.copyFor ? [[tr.t('pdf.copyFor'), plan.copyFor] as [string, string]] : []),
    [tr.t('pdf.date'), tr.date(plan.date)],
    [tr.t('pdf.format'), tr.t(`format.${plan.format}`)]
  ];
  if (plan.finishedAt) facts.push([tr.t('pdf.finishedAt'), tr.date(plan.finishedAt.slice(0, 10))]);
  for (const [label, value] of facts) labelled(doc, label, value);
  if (plan.focus) doc.moveDown(0.3).font('body').fontSize(10).text(`${plan.focus.intro} ${tr.list(plan.focus.items)}.`);
  if (plan.notesRemovedOn) doc.moveDown(0.3).font('body').fontSize(10).fillColor(GREY).text(tr.t('pdf.notesRemoved', { date: tr.date(plan.notesRemovedOn) })).fillColor('#000000');
  doc.moveDown(0.3);
  doc.font('bold').fontSize(10).text(`${tr.t('pdf.participants')}:`);
  for (const p of plan.participants) {
    const picks = p.picks.length ? ` – ${tr.t('pdf.picks')}: ${p.picks.join(', ')}` : '';
    doc.font('body').fontSize(10).text(`${p.name} (${tr.t(`role.${p.role}`)})${picks}`, { indent: 12 });
  }
}

function writeAgreement(doc: PDFKit.PDFDocument, a: PlannedAgreement, tr: Translator, more: [string, string][] = [], showOpen = false): void {
  ensureSpace(doc, 70);
  doc.font('bold').fontSize(10).text(`• ${a.what}`);
  const rows: [string, string][] = [
    ...a.extraFields.map((f): [string, string] => [f.label, f.value]),
    [tr.t('agreement.memberLabel'), a.forGroup ? tr.t('agreement.wholeGroup') : (a.memberName ?? '')],
    [tr.t('agreement.whenLabel'), a.when],
    [tr.t('agreement.responsibleLabel'), a.responsibleName ?? ''],
    [tr.t('agreement.followUpLabel'), a.followUpDate ? tr.date(a.followUpDate) : ''],
    [tr.t('pdf.valueFor'), a.valueForLabels.join(', ')],
    [tr.t('agreement.valueLabel'), a.value ?? ''],
    [tr.t('followUp.statusLabel'), followUpStatus(a, tr, showOpen)],
    ...more
  ];
  for (const [label, value] of rows) if (value) labelled(doc, label, value, 12);
  doc.moveDown(0.4);
}

function labelled(doc: PDFKit.PDFDocument, label: string, value: string, indent = 0): void {
  doc.font('bold').fontSize(10).text(`${label}: `, { continued: true, indent }).font('body').text(value);
}

function subheading(doc: PDFKit.PDFDocument, text: string): void {
  // Keep a heading with at least the first lines under it.
  ensureSpace(doc, 90);
  doc.moveDown(0.3).font('bold').fontSize(11).fillColor(GREY).text(text).fillColor('#000000').moveDown(0.2);
}

function ensureSpace(doc: PDFKit.PDFDocument, points: number): void {
  if (doc.y + points > doc.page.height - MARGIN - 30) doc.addPage();
}

function writeFooters(doc: PDFKit.PDFDocument, tr: Translator): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.height - MARGIN + 10;
    // Writing below the bottom margin must not start a new page.
    doc.page.margins.bottom = 0;
    doc.font('body').fontSize(7).fillColor(GREY);
    doc.text(tr.t('pdf.footer'), MARGIN, bottom - 12, { width: doc.page.width - 2 * MARGIN - 70, lineBreak: true });
    doc.text(tr.t('pdf.page', { n: i + 1, total: range.count }), doc.page.width - MARGIN - 70, bottom - 12, { width: 70, align: 'right' });
  }
}

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}
