import type { Spread } from './stats';

/** One line of the results: the app's figure, the baseline's, their ratio, and the target it is held to. */
export interface Row {
  measure: string;
  app: string;
  baseline: string;
  ratio: string;
  target?: { text: string; met: boolean };
}

/** A section of the results, printed as its own table. */
export interface Section {
  title: string;
  /** How it was measured, in a sentence or two under the title. */
  method: string;
  rows: Row[];
}

const digits = (n: number) => (Math.abs(n) >= 100 ? 0 : Math.abs(n) >= 10 ? 1 : 2);
export const num = (n: number, unit = '') => `${n.toFixed(digits(n))}${unit}`;
export const ms = (n: number) => num(n, ' ms');

export const count = (n: number, thing: string) => `${n} ${thing}${n === 1 ? '' : 's'}`;

/** How a figure taken once a round is given: the median round, and the lowest and highest. */
export const roundsText = (rounds: number) => (rounds > 1 ? `median round of ${rounds} (lowest–highest)` : 'one round');

/** "2.14 ms (2.05–2.30)": the median round, and the lowest and highest. */
export function spread(s: Spread, unit = ''): string {
  return s.rounds > 1 ? `${num(s.median, unit)} (${num(s.min)}–${num(s.max)})` : num(s.median, unit);
}

export function times(s: Spread): string {
  return spread(s, '×');
}

/** A target of at most `limit`× (or at least, for a figure where more is better), met by the median. */
export function atMost(s: Spread | number, limit: number): Row['target'] {
  const value = typeof s === 'number' ? s : s.median;
  return { text: `≤ ${limit}×`, met: value <= limit };
}

export function atLeast(s: Spread | number, limit: number): Row['target'] {
  const value = typeof s === 'number' ? s : s.median;
  return { text: `≥ ${limit}×`, met: value >= limit };
}

export function markdown(sections: Section[]): string {
  return sections
    .map((section) =>
      [
        `### ${section.title}`,
        '',
        section.method,
        ...(section.rows.length === 0 ? [] : ['', '| measure | app | baseline | app ÷ baseline | target | |', '|---|---|---|---|---|---|']),
        ...section.rows.map((r) => `| ${r.measure} | ${r.app} | ${r.baseline} | ${r.ratio} | ${r.target?.text ?? ''} | ${r.target ? (r.target.met ? 'pass' : 'short') : ''} |`)
      ].join('\n')
    )
    .join('\n\n');
}

/** Every target, met or not, one line each: the summary a run ends with. */
export function verdicts(sections: Section[]): string {
  return sections
    .flatMap((section) => section.rows.filter((r) => r.target).map((r) => `${r.target!.met ? 'pass ' : 'SHORT'}  ${section.title}: ${r.measure}: ${r.ratio} (target ${r.target!.text})`))
    .join('\n');
}
