import { localParts } from '../domain/calendar';
import type { PlanDocument } from '../domain/plan';
import type { Translator } from '../i18n/catalog';
import { archivalOptions, escapeXmpValues } from './archival';
import { Flow, MARGIN, type Struct } from './flow';
import { pdfParts, type FontName } from './fonts';
import type { Span } from './lineLayout';
import { writeAgreements, writePerspective } from './planTables';
import { span, style } from './styles';

/** The record is a Danish municipality's: the day it was held is the day in Denmark. */
const RECORD_TIME_ZONE = 'Europe/Copenhagen';

/**
 * Renders the development plan laid out like the customer's Udviklingsplan: a header with the
 * municipality, the conversation, when it was held and who took part; then per perspective the
 * questions as asked with their notes and the keywords in play, and the agreements with every field.
 */
export async function renderPlanPdf(plan: PlanDocument, tr: Translator): Promise<Buffer> {
  const { PDFDocument, fonts } = await pdfParts();
  const about = aboutPlan(plan, tr);
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    // No default Helvetica: pdfkit would parse its metrics for every document, and it is not embedded (PDF/A).
    font: null as never,
    ...archivalOptions({
      title: about.title,
      author: about.leader,
      subject: tr.t('pdf.subject', { kind: tr.t(`kind.${plan.kind}`), name: about.name, date: tr.date(about.date), municipality: plan.municipality }),
      keywords: [plan.kind, about.date, plan.municipality].join(', '),
      lang: tr.t('pdf.lang'),
      // A fixed date keeps the same plan's file identical when it is rendered again.
      created: new Date(plan.finishedAt ?? `${plan.date}T00:00:00Z`)
    })
  });
  escapeXmpValues(doc);
  // pdfkit takes a fontkit font as it is (its types only name paths and buffers).
  for (const name of Object.keys(fonts) as FontName[]) doc.registerFont(name, fonts[name] as never);
  const done = collect(doc);

  const flow = new Flow(doc, fonts);
  const root = doc.struct('Document');
  doc.addStructure(root);
  writeHeader(flow, root, plan, about, tr);
  if (plan.previous) {
    const title = tr.t('pdf.previous', { kind: plan.previous.kind, date: tr.date(plan.previous.date) });
    flow.y += 14;
    writeAgreements(flow, root, plan, title, plan.previous.agreements, tr, { showOpen: true });
  }
  for (const perspective of plan.perspectives) writePerspective(flow, root, plan, perspective, tr);
  root.end();
  writeFooters(flow, about.title, tr);
  doc.end();
  return done;
}

interface AboutPlan {
  title: string;
  leader: string;
  /** Whose plan it is: the employee, a GRUS member's copy's member, or the group. */
  name: string;
  /** The day it was held (finished), or planned for while it is not. */
  date: string;
  /** Set when it was held on another day than planned. */
  planned?: string;
}

function aboutPlan(plan: PlanDocument, tr: Translator): AboutPlan {
  const employees = plan.participants.filter((p) => p.role === 'employee').map((p) => p.name);
  const name = plan.copyFor ?? (plan.kind === 'GRUS' ? tr.t('pdf.theGroup') : tr.list(employees));
  const held = plan.finishedAt ? localParts(new Date(plan.finishedAt), RECORD_TIME_ZONE).date : undefined;
  const date = held ?? plan.date;
  return {
    title: tr.t('pdf.documentTitle', { title: tr.t('pdf.title'), kind: plan.kind, name, date: tr.date(date) }),
    leader: plan.participants.find((p) => p.role === 'leader')?.name ?? '',
    name,
    date,
    ...(held && held !== plan.date ? { planned: plan.date } : {})
  };
}

function writeHeader(flow: Flow, root: Struct, plan: PlanDocument, about: AboutPlan, tr: Translator): void {
  flow.block(root, 'H1', [span(tr.t('pdf.title').toUpperCase(), style.title)], { after: 8 });
  const employees = plan.participants.filter((p) => p.role === 'employee');
  const facts: [string, string][] = [
    [tr.t('pdf.municipality'), plan.municipality],
    [tr.t('pdf.kind'), tr.t(`kind.${plan.kind}`)]
  ];
  if (plan.kind === 'GRUS') facts.push([tr.t('pdf.group'), tr.t('pdf.groupValue', { count: employees.length, leader: about.leader })]);
  if (plan.copyFor) facts.push([tr.t('pdf.copyFor'), plan.copyFor]);
  // Held on another day than planned: both, so the dates make sense together.
  if (about.planned) facts.push([tr.t('pdf.heldOn'), tr.date(about.date)], [tr.t('pdf.plannedFor'), tr.date(about.planned)]);
  else facts.push([tr.t('pdf.date'), tr.date(about.date)]);
  facts.push([tr.t('pdf.format'), tr.t(`format.${plan.format}`)]);
  for (const [label, value] of facts) flow.block(root, 'P', labelled(label, value), { after: 1 });
  if (plan.focus) flow.block(root, 'P', [span(`${plan.focus.intro} ${tr.list(plan.focus.items)}.`)], { after: 1 });
  if (plan.notesRemovedOn) flow.block(root, 'P', [span(tr.t('pdf.notesRemoved', { date: tr.date(plan.notesRemovedOn) }), style.quiet)]);
  flow.y += 8;
  flow.block(root, 'H2', [span(tr.t('pdf.participants'), style.heading)], { after: 2 });
  const list = flow.element(root, 'L');
  for (const p of plan.participants) {
    const picks = p.picks.length ? ` – ${tr.t('pdf.picks')}: ${p.picks.join(', ')}` : '';
    listItem(flow, list, [span(`${p.name} (${tr.t(`role.${p.role}`)})${picks}`)]);
  }
  list.end();
}

const labelled = (label: string, value: string): Span[] => [span(`${label}: `, style.label), span(value)];

function listItem(flow: Flow, list: Struct, body: Span[]): void {
  const item = flow.element(list, 'LI');
  const [line] = flow.lines(body, flow.width - 12);
  flow.keep(line.height);
  const label = flow.element(item, 'Lbl');
  flow.into(label, 'Lbl', () => flow.drawLine(flow.lines([span('•')], 12)[0], flow.left + 2, flow.y));
  label.end();
  flow.block(item, 'LBody', body, { x: flow.left + 12, after: 1 });
  item.end();
}

/** Each page names the plan and its page; no instructions: the filed plan is a record. */
function writeFooters(flow: Flow, title: string, tr: Translator): void {
  const { doc } = flow;
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const top = doc.page.height - MARGIN;
    const page = flow.lines([span(tr.t('pdf.page', { n: i + 1, total: range.count }), style.footer)], 80)[0];
    const pageWidth = page.fragments.reduce((sum, f) => sum + f.width, 0);
    flow.artifact(() => {
      flow.lines([span(title, style.footer)], flow.width - 90).forEach((line, n) => flow.drawLine(line, flow.left, top + n * line.height));
      flow.drawLine(page, flow.left + flow.width - pageWidth, top);
    }, 'Pagination');
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
