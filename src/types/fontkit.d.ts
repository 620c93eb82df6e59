/** The part of fontkit the PDF renderer uses: opening a font file once, to hand to pdfkit. */
declare module 'fontkit' {
  export interface Font {
    layout(text: string, features?: unknown): unknown;
  }
  export function openSync(path: string): Font;
}
