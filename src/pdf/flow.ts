import type { Font } from 'fontkit';
import type { FontName } from './fonts';
import { layoutLines, type Line, type Measure, type Span } from './lineLayout';

export const MARGIN = 50;
/** Below the text area: the page footer. */
const FOOTER_SPACE = 30;

export type Struct = PDFKit.PDFStructureElement;
export type StructType = 'P' | 'H1' | 'H2' | 'Lbl' | 'LBody' | 'TH' | 'TD';

/**
 * Text widths per font at 1 pt, remembered across documents as the shaping is: line breaking
 * measures every word, and the plans repeat the same words. Forgotten all at once when full.
 */
const WIDTHS_KEPT = 20_000;
const widths: Record<FontName, Map<string, number>> = { body: new Map(), bold: new Map(), emoji: new Map() };

/**
 * Text flowing down A4 pages, every mark tagged: text in the structure element it belongs to
 * (marked content, so a screen reader reads it in order), decoration and page furniture as
 * artifacts. Pages are added here only, between marked content, never by pdfkit in the middle of it
 * (all text is placed line by line, with pdfkit's own line breaking off).
 */
export class Flow {
  readonly left = MARGIN;
  readonly width: number;
  readonly top = MARGIN;
  private readonly bottom: number;
  y = MARGIN;
  /** What a new page repeats first: a table's heading and header row, while the table runs. */
  private repeat?: () => void;
  /** What finishes a page the table leaves: its borders. */
  private pageEnd?: () => void;
  readonly measure: Measure;

  constructor(
    readonly doc: PDFKit.PDFDocument,
    private readonly fonts: Record<FontName, Font>
  ) {
    this.width = doc.page.width - 2 * MARGIN;
    this.bottom = doc.page.height - MARGIN - FOOTER_SPACE;
    this.measure = (font, size, text) => {
      const known = widths[font];
      let width = known.get(text);
      if (width === undefined) {
        if (known.size >= WIDTHS_KEPT) known.clear();
        known.set(text, (width = doc.font(font).fontSize(1).widthOfString(text)));
      }
      return width * size;
    };
  }

  lines(spans: Span[], width: number): Line[] {
    return layoutLines(spans, width, this.fonts, this.measure);
  }

  room(): number {
    return this.bottom - this.y;
  }

  /** The room on a page of its own. */
  pageRoom(): number {
    return this.bottom - this.top;
  }

  newPage(): void {
    this.pageEnd?.();
    this.doc.addPage();
    this.y = this.top;
    this.repeat?.();
  }

  /** Starts a new page unless `height` points are left: keeps a heading with what follows it. */
  keep(height: number): void {
    if (this.room() < height) this.newPage();
  }

  /** Runs `body` with `repeat` drawn at the top of every page it continues on, and `end` at the end of every page it leaves. */
  repeating(repeat: () => void, end: () => void, body: () => void): void {
    [this.repeat, this.pageEnd] = [repeat, end];
    try {
      body();
    } finally {
      [this.repeat, this.pageEnd] = [undefined, undefined];
    }
  }

  /** A structure element of its own under `parent`; ended by the caller once its content is drawn. */
  element(parent: Struct, type: StructType | 'L' | 'LI' | 'Table' | 'TR', options: object = {}): Struct {
    const element = this.doc.struct(type, options as PDFKit.Mixins.StructureElementOptions);
    parent.add(element);
    return element;
  }

  /** Draws into `element`'s marked content on the current page. */
  into(element: Struct, type: StructType, draw: () => void): void {
    const content = this.doc.markStructureContent(type);
    draw();
    this.doc.endMarkedContent();
    element.add(content);
  }

  /** Fills what `path` draws, in `colour`. */
  fill(colour: string, path: () => void): void {
    this.useFill(colour);
    path();
    this.doc.fill();
  }

  /** pdfkit writes the fill colour again on every call, before every line of text: only a change is written. */
  private fillColour?: { page: PDFKit.PDFPage; colour: string };
  private useFill(colour: string): void {
    if (this.fillColour?.page === this.doc.page && this.fillColour.colour === colour) return;
    this.doc.fillColor(colour);
    this.fillColour = { page: this.doc.page, colour };
  }

  /** Decoration and page furniture, which a screen reader skips. */
  artifact(draw: () => void, type?: 'Pagination' | 'Layout'): void {
    this.doc.markContent('Artifact', type ? { type } : {});
    draw();
    this.doc.endMarkedContent();
  }

  /** A paragraph or heading, continued on the next page where it does not fit. */
  block(parent: Struct, type: StructType, spans: Span[], options: { x?: number; after?: number } = {}): void {
    const x = options.x ?? this.left;
    const lines = this.lines(spans, this.left + this.width - x);
    const element = this.element(parent, type);
    let next = 0;
    while (next < lines.length) {
      this.keep(lines[next].height);
      this.into(element, type, () => {
        for (; next < lines.length && lines[next].height <= this.room(); next++) {
          this.drawLine(lines[next], x, this.y);
          this.y += lines[next].height;
        }
      });
    }
    element.end();
    this.y += options.after ?? 0;
  }

  /** One line's fragments, each in its font; a substitute carries the character it stands for as ActualText. */
  drawLine(line: Line, x: number, top: number): void {
    const doc = this.doc;
    for (const f of line.fragments) {
      if (f.actual) doc.markContent('Span', { actual: f.actual });
      // The width is known: pdfkit would measure the text again.
      this.useFill(f.color);
      doc.font(f.font).fontSize(f.size).text(f.text, x + f.x, top + line.baseline, { lineBreak: false, baseline: 'alphabetic', textWidth: f.width } as PDFKit.Mixins.TextOptions);
      if (f.actual) doc.endMarkedContent();
    }
  }
}
