import { dirname } from 'path';
import * as fontkit from 'fontkit';

/** A PDF's text as pdf.js reads it back: every run of text with its page, place, size and which of the two fonts it is in. */
export interface TextRun {
  text: string;
  x: number;
  /** The baseline, from the top of the page. */
  y: number;
  size: number;
  bold: boolean;
}

export interface PageText {
  width: number;
  height: number;
  runs: TextRun[];
}

interface PdfJs {
  getDocument(source: { data: Uint8Array; verbosity: number }): {
    promise: Promise<{
      numPages: number;
      getPage(n: number): Promise<{
        getViewport(options: { scale: number }): { width: number; height: number };
        getTextContent(): Promise<{ items: { str?: string; transform?: number[]; width?: number; fontName?: string }[] }>;
      }>;
    }>;
  };
}

type LaidOut = { advanceWidth: number };
const fonts = {
  body: fontkit.openSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')) as fontkit.Font & { unitsPerEm: number },
  bold: fontkit.openSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')) as fontkit.Font & { unitsPerEm: number }
};
const widthIn = (font: typeof fonts.body, text: string, size: number) => ((font.layout(text) as LaidOut).advanceWidth / font.unitsPerEm) * size;

/** The pdf.js that pdf-parse (a dev dependency) reads PDFs with. */
function pdfjs(): PdfJs {
  return require(require.resolve('pdfjs-dist/legacy/build/pdf.mjs', { paths: [dirname(require.resolve('pdf-parse'))] })) as PdfJs;
}

/**
 * The text of a PDF laid out with DejaVu Sans and DejaVu Sans Bold, page by page. pdf.js names a
 * run's font only by an id within the file, so each id is matched to the font whose widths fit
 * its runs.
 */
export async function textOfPdf(bytes: Buffer): Promise<PageText[]> {
  const doc = await pdfjs().getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  const pages: (PageText & { fontOf: string[] })[] = [];
  const misfit = new Map<string, { body: number; bold: number }>();
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const { width, height } = page.getViewport({ scale: 1 });
    const runs: TextRun[] = [];
    const fontOf: string[] = [];
    for (const item of (await page.getTextContent()).items) {
      if (!item.str?.trim() || !item.transform) continue;
      const [size, , , , x, y] = item.transform;
      const fit = misfit.get(item.fontName!) ?? { body: 0, bold: 0 };
      fit.body += Math.abs(widthIn(fonts.body, item.str, size) - item.width!);
      fit.bold += Math.abs(widthIn(fonts.bold, item.str, size) - item.width!);
      misfit.set(item.fontName!, fit);
      runs.push({ text: item.str, x, y: height - y, size, bold: false });
      fontOf.push(item.fontName!);
    }
    pages.push({ width, height, runs, fontOf });
  }
  return pages.map(({ fontOf, ...page }) => ({ ...page, runs: page.runs.map((run, i) => ({ ...run, bold: misfit.get(fontOf[i])!.bold < misfit.get(fontOf[i])!.body })) }));
}
