/** The part of fontkit the PDF renderer uses: opening a font file once, to hand to pdfkit. */
declare module 'fontkit' {
  export interface Font {
    layout(text: string): unknown;
  }
  export function openSync(path: string): Font;
}
