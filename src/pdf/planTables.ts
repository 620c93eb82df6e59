import type { PlanDocument, PlannedAgreement, PlanPerspective } from '../domain/plan';
import type { Translator } from '../i18n/catalog';
import { followUpStatus } from '../i18n/followUpStatus';
import type { Flow, Struct } from './flow';
import { AGREEMENT_FILL, DEFAULT_ACCENT, HEADER_FILL, span, style } from './styles';
import { drawTable, type Cell } from './table';

/** The band's inner space around its heading. */
const BAND_PAD = 4;

/**
 * One perspective as the customer's form has it (Perspektiver · Spørgsmål · Stikord for samtalen ·
 * Noter · Aftaler): its heading, a table of the questions with their notes and the keywords that
 * came into play, and a table of the agreements, every field under the concept's own label.
 */
export function writePerspective(flow: Flow, parent: Struct, plan: PlanDocument, perspective: PlanPerspective, tr: Translator): void {
  const accent = perspective.colour ?? DEFAULT_ACCENT;
  const heading = `${tr.t('pdf.perspective')}: ${perspective.colourName ? `${perspective.name} (${perspective.colourName})` : perspective.name}`;
  const continued = () => band(flow, undefined, tr.t('pdf.continued', { heading }), accent);
  flow.y += 14;
  // The heading stays with the table's header row and its first lines.
  flow.keep(90);
  band(flow, parent, heading, accent);
  drawTable(flow, parent, {
    columns: [0.42, 0.58].map((share) => share * flow.width),
    header: [headerCell(tr.t('pdf.questions')), headerCell(tr.t('pdf.notes'))],
    groups: [
      ...perspective.questions.map((q, i): Cell[][] => [
        [{ spans: [span(`${i + 1}. ${q.text}`, style.label)] }, { spans: [q.note ? span(q.note) : span(tr.t('pdf.noNotes'), style.quiet)] }]
      ]),
      [row(tr.t('pdf.keywords'), perspective.keywords.length ? perspective.keywords.join(', ') : '–')]
    ],
    continued
  });
  flow.y += 8;
  if (perspective.agreements.length === 0) {
    flow.block(parent, 'P', [span(`${tr.t('pdf.agreements')}: ${tr.t('pdf.noAgreements')}`, style.quiet)]);
    return;
  }
  writeAgreements(flow, parent, plan, `${tr.t('pdf.agreements')} – ${plan.agreementPrompt}`, perspective.agreements, tr, { continued });
}

/** Agreements under one header row; last year's also say how each went. */
export function writeAgreements(
  flow: Flow,
  parent: Struct,
  plan: PlanDocument,
  title: string,
  agreements: (PlannedAgreement & { outcome?: string })[],
  tr: Translator,
  options: { continued?: () => void; showOpen?: boolean } = {}
): void {
  drawTable(flow, parent, {
    columns: [0.32, 0.68].map((share) => share * flow.width),
    header: [{ ...headerCell(title), colSpan: 2 }],
    groups: agreements.map((a) => agreementRows(plan, a, tr, options.showOpen ?? false)),
    continued: options.continued
  });
}

function agreementRows(plan: PlanDocument, a: PlannedAgreement & { outcome?: string }, tr: Translator, showOpen: boolean): Cell[][] {
  const labels = plan.agreementLabels;
  const fields: [string, string][] = [
    [tr.t('agreement.memberLabel'), a.forGroup ? tr.t('agreement.wholeGroup') : (a.memberName ?? '')],
    ...a.extraFields.map((f): [string, string] => [f.label, f.value]),
    [labels.what ?? tr.t('pdf.what'), a.what],
    [labels.when ?? tr.t('agreement.whenLabel'), a.when],
    [labels.responsible ?? tr.t('agreement.responsibleLabel'), a.responsibleName ?? ''],
    [labels.followUp ?? tr.t('agreement.followUpLabel'), a.followUpDate ? tr.date(a.followUpDate) : ''],
    [tr.t('pdf.valueFor'), a.valueForLabels.join(', ')],
    [tr.t('agreement.valueLabel'), a.value ?? ''],
    [tr.t('followUp.statusLabel'), followUpStatus(a, tr, showOpen)],
    [tr.t('pdf.outcome'), a.outcome ?? '']
  ];
  return fields.filter(([, value]) => value).map(([label, value], i) => row(label, value, i === 0 ? AGREEMENT_FILL : undefined));
}

const headerCell = (text: string): Cell => ({ spans: [span(text, style.label)], header: 'Column', fill: HEADER_FILL });
const row = (label: string, value: string, fill?: string): Cell[] => [
  { spans: [span(label, style.label)], header: 'Row', fill },
  { spans: [span(value)], fill }
];

/** A perspective's heading on its colour; without a parent it is the repeat on a new page, an artifact. */
function band(flow: Flow, parent: Struct | undefined, text: string, accent: string): void {
  const x = flow.left + 8;
  const lines = flow.lines([span(text, style.band)], flow.width - 16);
  const height = lines.reduce((sum, l) => sum + l.height, 2 * BAND_PAD);
  const top = flow.y;
  const draw = () => lines.reduce((y, line) => (flow.drawLine(line, x, y), y + line.height), top + BAND_PAD);
  flow.artifact(() => flow.fill(accent, () => flow.doc.rect(flow.left, top, flow.width, height)), 'Layout');
  if (parent) {
    const element = flow.element(parent, 'H2');
    flow.into(element, 'H2', draw);
    element.end();
  } else {
    flow.artifact(draw, 'Pagination');
  }
  flow.y = top + height + 4;
}
