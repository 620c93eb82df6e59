import * as fontkit from 'fontkit';
import { withSharedShaping } from '../../src/pdf/sharedShaping';

interface Run {
  glyphs: { id: number }[];
  positions: Record<string, number>[];
  advanceWidth: number;
}

const file = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const plain = () => fontkit.openSync(file);
const shape = (run: unknown) => {
  const { glyphs, positions, advanceWidth } = run as Run;
  return { ids: glyphs.map((g) => g.id), positions: positions.map((p) => ({ xAdvance: p.xAdvance, yAdvance: p.yAdvance, xOffset: p.xOffset, yOffset: p.yOffset })), advanceWidth };
};

describe('shaping remembered across PDF documents', () => {
  const words = ['Søren', 'Ærø', 'trives', 'fflæk', 'Opfølgning:', 'AVATAR', '–'];

  it('shapes every word exactly as fontkit does, the first time and from memory', () => {
    const shared = withSharedShaping(plain());
    for (const word of words) {
      const expected = shape(plain().layout(word));
      expect(shape(shared.layout(word))).toEqual(expected);
      expect(shape(shared.layout(word))).toEqual(expected);
    }
  });

  it('gives each use its own positions, so pdfkit scaling one run in place leaves the next untouched', () => {
    const shared = withSharedShaping(plain());
    const first = shared.layout('Udviklingsplan') as Run;
    const width = first.advanceWidth;
    for (const position of first.positions) for (const key of Object.keys(position)) position[key] *= 2;
    expect(first.advanceWidth).toBe(width * 2);
    expect((shared.layout('Udviklingsplan') as Run).advanceWidth).toBe(width);
  });

  it('still answers everything else as the font itself does', () => {
    const font = plain() as any;
    const shared = withSharedShaping(font) as any;
    expect(shared.unitsPerEm).toBe(font.unitsPerEm);
    expect(shared.getGlyph(36).advanceWidth).toBe(font.getGlyph(36).advanceWidth);
    expect(shared.createSubset().font).toBe(font);
  });
});
