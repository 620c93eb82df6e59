import type { CoverageFigures } from '../domain/coverage';
import type { Translator } from '../i18n/catalog';

/** One unit's line: its depth (0 for the organisation), its name and the unit above it. */
export interface CoverageRow {
  level: number;
  name: string;
  parent?: string;
  figures: CoverageFigures;
}

/** The columns after the unit's own, in order: each a figure. */
const figureColumns: [string, (f: CoverageFigures) => number][] = [
  ['employees', (f) => f.employees],
  ['covered', (f) => f.covered],
  ['coveredPercent', (f) => percent(f.covered, f.employees)],
  ['mus', (f) => f.byKind.MUS],
  ['grus', (f) => f.byKind.GRUS],
  ['lus', (f) => f.byKind.LUS],
  ['dueSoon', (f) => f.dueSoon],
  ['planned', (f) => f.planned],
  ['overdue', (f) => f.overdue],
  ['never', (f) => f.never],
  ['leaders', (f) => f.leaders],
  ['leadersCovered', (f) => f.leadersCovered],
  ['filed', (f) => f.filed],
  ['agreementsDue', (f) => f.agreementsDue],
  ['agreementsOnTime', (f) => f.agreementsOnTime]
];

/** A whole percentage, as the card shows it (0 for no one). */
export function percent(part: number, whole: number): number {
  return whole ? Math.round((part / whole) * 100) : 0;
}

/**
 * The figures as a CSV file Danish Excel opens as it is: UTF-8 with a byte-order mark (else Excel
 * reads it as Windows-1252 and "Ærø" breaks), semicolons between fields (Danish Excel's list
 * separator, since the comma is its decimal sign), CRLF line ends, whole numbers only. Units are
 * named by the directory, so a name that Excel would take for a formula is written as text.
 */
export function coverageCsv(rows: CoverageRow[], period: { from: string; to: string }, tr: Translator): string {
  const header = [
    tr.t('hr.csv.level'), tr.t('hr.csv.unit'), tr.t('hr.csv.parent'),
    ...figureColumns.map(([key]) => tr.t(`hr.csv.${key}`)),
    tr.t('hr.csv.from'), tr.t('hr.csv.to')
  ];
  const lines = rows.map((row) => [
    String(row.level), row.name, row.parent ?? '',
    ...figureColumns.map(([, figure]) => String(figure(row.figures))),
    period.from, period.to
  ]);
  return '\uFEFF' + [header, ...lines].map((fields) => fields.map(field).join(';')).join('\r\n') + '\r\n';
}

function field(value: string): string {
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
