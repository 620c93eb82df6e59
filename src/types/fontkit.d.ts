/** The part of fontkit the PDF renderer uses: opening a font file once, to hand to pdfkit. */
declare module 'fontkit' {
  export interface Font {
    layout(text: string, features?: unknown): unknown;
    /** Whether the font draws this character (its cmap maps it to a glyph): what font fallback asks. */
    hasGlyphForCodePoint(codePoint: number): boolean;
  }
  export function openSync(path: string): Font;
}
