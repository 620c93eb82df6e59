import type { Font } from 'fontkit';

/** What fontkit's layout returns, as far as pdfkit reads it. */
interface GlyphRun {
  glyphs: unknown[];
  positions: Record<string, number>[];
  readonly advanceWidth: number;
}

/**
 * Words remembered per font (about 1.2 KB each): a plan uses a few hundred distinct words, mostly
 * the same from plan to plan; when free text fills the memory up, it is forgotten all at once.
 */
const WORDS_KEPT = 2000;

/**
 * The font with its shaping remembered across documents. pdfkit shapes text word by word through
 * fontkit (a third of a plan's render) and remembers words only within one document, while every
 * plan repeats the same labels and much the same words. pdfkit scales a run's positions in place,
 * so each use gets its own copy of them; the glyphs are only read.
 */
export function withSharedShaping(font: Font): Font {
  const runs = new Map<string, GlyphRun>();
  const layout = (text: string, features?: unknown): GlyphRun => {
    if (features !== undefined) return font.layout(text, features) as GlyphRun;
    let run = runs.get(text);
    if (!run) {
      if (runs.size >= WORDS_KEPT) runs.clear();
      run = font.layout(text) as GlyphRun;
      runs.set(text, run);
    }
    return copyOf(run);
  };
  return new Proxy(font, {
    get(target, key) {
      if (key === 'layout') return layout;
      const value = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    }
  });
}

function copyOf(run: GlyphRun): GlyphRun {
  return {
    glyphs: run.glyphs,
    // One object shape for every position keeps pdfkit's loop over their keys fast.
    positions: run.positions.map(({ xAdvance, yAdvance, xOffset, yOffset }) => ({ xAdvance, yAdvance, xOffset, yOffset })),
    // As fontkit's GlyphRun: the sum of the positions as they are now (pdfkit reads it after scaling them).
    get advanceWidth() {
      return this.positions.reduce((sum, position) => sum + position.xAdvance, 0);
    }
  };
}
