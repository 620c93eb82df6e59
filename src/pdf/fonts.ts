import type { Font } from 'fontkit';
import { withSharedShaping } from './sharedShaping';

export type FontName = 'body' | 'bold' | 'emoji';
/** The fonts text is written in; emoji are drawn in the emoji font whatever the text's weight. */
export type TextFont = Exclude<FontName, 'emoji'>;

export interface PdfParts {
  PDFDocument: typeof import('pdfkit');
  fonts: Record<FontName, Font>;
}

/**
 * pdfkit and its fonts, loaded on the first plan rather than at start-up (most turns make no PDF).
 * DejaVu Sans covers Latin (æ ø å and the rest), Greek, Cyrillic, Armenian, Georgian, Hebrew and
 * Arabic; Noto Emoji (monochrome, from npm, so every installation has it) covers the emoji,
 * including ZWJ sequences and flags. Both are embedded (subset) so every reader shows them alike.
 * Parsed once per process (parsing the font tables again for every document was most of a render),
 * with the words they have shaped remembered across documents.
 */
let parts: Promise<PdfParts> | undefined;
export const pdfParts = (): Promise<PdfParts> =>
  (parts ??= Promise.all([import('pdfkit'), import('fontkit')]).then(([pdfkit, fontkit]) => {
    const open = (file: string) => withSharedShaping(fontkit.openSync(require.resolve(file)));
    return {
      PDFDocument: pdfkit.default,
      fonts: {
        body: open('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
        bold: open('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
        emoji: open('@expo-google-fonts/noto-emoji/400Regular/NotoEmoji_400Regular.ttf')
      }
    };
  }));
