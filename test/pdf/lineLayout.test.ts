import type { Font } from 'fontkit';
import { pdfParts, type FontName } from '../../src/pdf/fonts';
import { layoutLines, type Line, type TextStyle } from '../../src/pdf/lineLayout';

let fonts: Record<FontName, Font>;
beforeAll(async () => {
  fonts = (await pdfParts()).fonts;
});

const body: TextStyle = { font: 'body', size: 10, color: '#000000' };
/** Every character 5 points wide, so the expected lines can be counted by hand. */
const measure = (_font: FontName, _size: number, text: string) => Array.from(text).length * 5;
const lay = (text: string, width: number) => layoutLines([{ text, style: body }], width, fonts, measure);
const textOf = (line: Line) => line.fragments.map((f) => f.text).join('');
const visible = (line: Line) => Math.max(...line.fragments.map((f) => f.x + measure(f.font, f.size, f.text.trimEnd())));

describe('breaking the plan\'s text into lines', () => {
  it('fills each line up to the width and breaks at spaces, keeping the space that ends a line for the text layer', () => {
    const lines = lay('en to tre fire fem seks', 50);
    expect(lines.map(textOf)).toEqual(['en to tre ', 'fire fem ', 'seks']);
    for (const line of lines) expect(visible(line)).toBeLessThanOrEqual(50);
  });

  it('keeps the note\'s own line breaks, an empty line as high as the text', () => {
    const lines = lay('første\n\nsidste', 100);
    expect(lines.map(textOf)).toEqual(['første ', '', 'sidste']);
    expect(lines[1].height).toBe(lines[0].height);
  });

  it('breaks a word longer than the line where it must, losing nothing', () => {
    const lines = lay('https://albertslund.dk/om-kommunen', 50);
    expect(lines.map(textOf).join('')).toBe('https://albertslund.dk/om-kommunen');
    for (const line of lines) expect(visible(line)).toBeLessThanOrEqual(50);
  });

  it('stands right-to-left words right to left within the line, drawn in the order they were typed', () => {
    const [line] = lay('Navn: שלום עולם 2024 ok', 500);
    expect(line.fragments.map((f) => f.text.trim()).filter(Boolean)).toEqual(['Navn:', 'שלום', 'עולם', '2024 ok']);
    const x = Object.fromEntries(line.fragments.map((f) => [f.text.trim(), f.x]));
    expect(x['עולם']).toBeLessThan(x['שלום']);
    expect(x['Navn:']).toBeLessThan(x['עולם']);
    expect(x['שלום']).toBeLessThan(x['2024 ok']);
  });
});
