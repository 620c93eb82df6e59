import type { Span, TextStyle } from './lineLayout';

export const BLACK = '#000000';
export const GREY = '#555555';
export const WHITE = '#FFFFFF';
export const DEFAULT_ACCENT = '#1F4E79';
/** Header cells, and the first row of each agreement, so one agreement reads as one block. */
export const HEADER_FILL = '#E6E6E6';
export const AGREEMENT_FILL = '#F2F2F2';

export const style = {
  title: { font: 'bold', size: 20, color: BLACK },
  band: { font: 'bold', size: 12, color: WHITE },
  heading: { font: 'bold', size: 11, color: GREY },
  label: { font: 'bold', size: 9.5, color: BLACK },
  body: { font: 'body', size: 9.5, color: BLACK },
  quiet: { font: 'body', size: 9.5, color: GREY },
  footer: { font: 'body', size: 7, color: GREY }
} satisfies Record<string, TextStyle>;

export const span = (text: string, as: TextStyle = style.body): Span => ({ text, style: as });
