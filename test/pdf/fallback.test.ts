import type { Font } from 'fontkit';
import { planPdf } from '../../src/app/archive';
import { pdfRenderer } from '../../src/pdf/pdfRenderer';
import { piecesOf } from '../../src/pdf/fallback';
import { pdfParts, type FontName } from '../../src/pdf/fonts';
import { finishedWith } from '../support/conversations';
import { PdfTools } from '../support/pdfTools';

let fonts: Record<FontName, Font>;
beforeAll(async () => {
  fonts = (await pdfParts()).fonts;
});

const pieces = (text: string) => piecesOf(text, 'body', fonts).map(({ text: t, font, actual, alone }) => ({ t, font, ...(actual ? { actual } : {}), ...(alone ? { alone } : {}) }));

/** Everything the app accepts in a note that we have seen people type, and scripts beyond Latin. */
const EVERYTHING = [
  'Søren: 😀 👍🏽 👨‍👩‍👧 🧑🏿‍💻 🏳️‍🌈 🇩🇰 1️⃣ ❤️ ☕ ✓ → © ½ €',
  'q\u0307 Ελληνικά Кириллица Հայերեն ქართული',
  'עברית שלום العربية مرحبا',
  '中文 한국어 ひらがな हिन्दी ไทย'
].join('\n');

describe('font fallback in the plan PDF', () => {
  it('draws Danish, and Latin text at large, in the text font as it is', () => {
    expect(pieces('Søren Ærø – “fint” … 5 €')).toEqual([{ t: 'Søren Ærø – “fint” … 5 €', font: 'body' }]);
  });

  it('draws emoji in the emoji font, a joined sequence (ZWJ, flag, keycap) as one', () => {
    expect(pieces('Glad 😀!')).toEqual([{ t: 'Glad ', font: 'body' }, { t: '😀', font: 'emoji' }, { t: '!', font: 'body' }]);
    expect(pieces('👨‍👩‍👧🇩🇰1️⃣')).toEqual([{ t: '👨‍👩‍👧🇩🇰1️⃣', font: 'emoji' }]);
  });

  it('draws a skin tone as its swatch after the emoji, each alone, so the font cannot drop it', () => {
    expect(pieces('👍🏽')).toEqual([{ t: '👍', font: 'emoji', alone: true }, { t: '🏽', font: 'emoji', alone: true }]);
    expect(pieces('🧑🏿‍💻')).toEqual([{ t: '🧑‍💻', font: 'emoji', alone: true }, { t: '🏿', font: 'emoji', alone: true }]);
  });

  it('keeps symbols with a text look, combining marks, Greek, Cyrillic, Armenian, Georgian, Hebrew and Arabic in the text font', () => {
    expect(pieces('✓ → © q\u0307 Ελληνικά Кириллица Հայերեն ქართული עברית العربية').map((p) => p.font)).toEqual(['body']);
  });

  it('writes a character no bundled font has as its code points, and keeps the character for the text layer', () => {
    expect(pieces('中文 हि')).toEqual([
      { t: '[U+4E2D]', font: 'body', actual: '中' },
      { t: '[U+6587]', font: 'body', actual: '文' },
      { t: ' ', font: 'body' },
      { t: '[U+0939\u00A0U+093F]', font: 'body', actual: 'हि' }
    ]);
  });

  it('never leaves a character to the empty .notdef box: every piece drawn is in a font that has all its glyphs', () => {
    for (const piece of piecesOf(EVERYTHING, 'bold', fonts)) {
      for (const c of piece.text.replace(/[\u200C\u200D\uFE00-\uFE0F\n]/g, '')) {
        expect({ c, font: piece.font, covered: fonts[piece.font].hasGlyphForCodePoint(c.codePointAt(0)!) }).toEqual({ c, font: piece.font, covered: true });
      }
    }
  });

  it('keeps every typed character as text in the filed PDF: emoji as their code points, the rest as typed', async () => {
    const c = { ...finishedWith('2027-04-01'), notes: { 'adfaerd-1': EVERYTHING } };
    const pdf = new PdfTools(await planPdf(c, pdfRenderer, 'da'));
    const text = await pdf.text();
    for (const expected of ['😀', '👍🏽', '👨‍👩‍👧', '🏳️‍🌈', '🇩🇰', '1️⃣', '❤️', '☕', '✓ → © ½ €', 'q\u0307', 'Ελληνικά Кириллица Հայերեն ქართული', '中', '文', '한', 'ひ', 'हि', 'ไ']) {
      expect(text).toContain(expected);
    }
    // A joined sequence with a skin tone keeps every code point, its tone after it.
    expect(text).toContain('🧑‍💻🏿');
    expect(text).not.toMatch(/[\u0000\uFFFD]/);
    // Right-to-left words read as typed.
    const layout = await pdf.layout();
    for (const word of ['עברית', 'שלום', 'العربية', 'مرحبا']) expect(layout).toContain(word);
    // The substitute carries the character as ActualText (UTF-16).
    expect(await pdf.objects()).toContain('/ActualText <feff4e2d>');
  });
});
