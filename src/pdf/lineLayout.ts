import type { Font } from 'fontkit';
import { piecesOf } from './fallback';
import type { FontName, TextFont } from './fonts';

export interface TextStyle {
  font: TextFont;
  size: number;
  color: string;
}

/** Text in one style; a paragraph is a list of them ("Ansvarlig:" in bold, then the name). */
export interface Span {
  text: string;
  style: TextStyle;
}

/** What one text operation draws: the same font, size and colour, at `x` from the line's start. */
export interface Fragment {
  text: string;
  font: FontName;
  size: number;
  color: string;
  x: number;
  width: number;
  /** The text layer's text for it (ActualText), where the glyphs stand in for a character. */
  actual?: string;
  /** Not joined with its neighbours into one text operation (the font would form a ligature). */
  alone?: boolean;
}

export interface Line {
  /** In reading order, which is the order they are drawn in; `x` is where each stands. */
  fragments: Fragment[];
  height: number;
  /** From the line's top. */
  baseline: number;
}

export type Measure = (font: FontName, size: number, text: string) => number;

/** Line height and baseline as parts of the font size (DejaVu's and Noto Emoji's ascent is 0.93 em). */
const LEADING = 1.25;
const ASCENT = 0.95;

type Atom = Fragment;

interface Word {
  atoms: Atom[];
  /** The space after it (or the line break), in its span's style; none at the end. */
  space?: Atom;
  rtl: boolean;
  neutral: boolean;
}

/**
 * Breaks a paragraph into lines of at most `width` points, at spaces and line breaks; a word longer
 * than a line is broken where it must. Right-to-left words (Hebrew, Arabic) are shaped right to
 * left by fontkit and stand in right-to-left order within a line, drawn in the order they were
 * typed (a simple form of the bidirectional algorithm: enough for a name or a sentence in a Danish
 * note, not for nested embeddings).
 */
export function layoutLines(spans: Span[], width: number, fonts: Record<FontName, Font>, measure: Measure): Line[] {
  const lines: Line[] = [];
  let words: Word[] = [];
  let used = 0;
  // An empty line (two line breaks in a row) is as high as the text around it.
  const size = spans[0]?.style.size ?? 0;
  const flush = () => {
    lines.push(lineOf(words, size));
    words = [];
    used = 0;
  };
  for (const word of wordsOf(spans, fonts, measure)) {
    if (word === BREAK) {
      flush();
      continue;
    }
    const before = words.length ? (words[words.length - 1].space?.width ?? 0) : 0;
    const wide = widthOf(word.atoms);
    if (used + before + wide <= width) {
      words.push(word);
      used += before + wide;
      continue;
    }
    if (words.length) flush();
    if (wide <= width) {
      words.push(word);
      used = wide;
      continue;
    }
    for (const part of brokenWord(word, width, measure)) {
      if (words.length) flush();
      words.push(part);
      used = widthOf(part.atoms);
    }
  }
  if (words.length || lines.length === 0) flush();
  return lines;
}

const BREAK = Symbol('line break');
const RTL = /[\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;
const LETTER = /\p{L}/u;

function wordsOf(spans: Span[], fonts: Record<FontName, Font>, measure: Measure): (Word | typeof BREAK)[] {
  const words: (Word | typeof BREAK)[] = [];
  let atoms: Atom[] = [];
  const endWord = (space?: Atom) => {
    if (!atoms.length) return;
    const text = atoms.map((a) => a.text).join('');
    const rtl = RTL.test(text);
    words.push({ atoms, space, rtl, neutral: !rtl && !LETTER.test(text) });
    atoms = [];
  };
  for (const { text, style } of spans) {
    const atom = (t: string, font: FontName, piece: { actual?: string; alone?: boolean } = {}): Atom => ({
      text: t,
      font,
      size: style.size,
      color: style.color,
      x: 0,
      width: measure(font, style.size, t),
      ...piece
    });
    for (const part of text.split(/( +|\n)/)) {
      if (part === '\n') {
        endWord(atom(' ', style.font));
        words.push(BREAK);
      } else if (part.startsWith(' ')) {
        endWord(atom(' ', style.font));
      } else if (part) {
        for (const piece of piecesOf(part, style.font, fonts)) atoms.push(atom(piece.text, piece.font, piece));
      }
    }
  }
  endWord();
  return words;
}

/** A word wider than the line: as many characters on each line as fit (a long address or number). */
function brokenWord(word: Word, width: number, measure: Measure): Word[] {
  const parts: Word[] = [];
  let atoms: Atom[] = [];
  let used = 0;
  const push = (atom: Atom) => {
    if (used + atom.width > width && atoms.length) {
      parts.push({ ...word, atoms, space: undefined });
      atoms = [];
      used = 0;
    }
    atoms.push(atom);
    used += atom.width;
  };
  for (const atom of word.atoms) {
    if (atom.width <= width || atom.actual) push(atom);
    else for (const c of Array.from(atom.text)) push({ ...atom, text: c, width: measure(atom.font, atom.size, c) });
  }
  parts.push({ ...word, atoms });
  return parts;
}

function lineOf(words: Word[], emptySize: number): Line {
  // Each word and the space after it, in reading order. The line's last space is drawn too (past the
  // text, unseen): without it the text layer and a screen reader would join the words across lines.
  const slots: Atom[][] = words.flatMap((w) => (w.space ? [w.atoms, [w.space]] : [w.atoms]));
  const x = new Map<Atom[], number>();
  let at = 0;
  for (const slot of words.some((w) => w.rtl) ? visualOrder(words, slots) : slots) {
    x.set(slot, at);
    at += widthOf(slot);
  }
  const fragments: Fragment[] = [];
  for (const slot of slots) {
    let left = x.get(slot)!;
    for (const atom of slot) {
      const last = fragments[fragments.length - 1];
      if (last && joinable(last) && joinable(atom) && sameStyle(last, atom) && Math.abs(last.x + last.width - left) < 0.01) {
        last.text += atom.text;
        last.width += atom.width;
      } else {
        fragments.push({ ...atom, x: left });
      }
      left += atom.width;
    }
  }
  const size = words.length ? Math.max(...words.flatMap((w) => w.atoms.map((a) => a.size))) : emptySize;
  return { fragments, height: size * LEADING, baseline: size * ASCENT };
}

/**
 * The slots left to right: each run of right-to-left words (with numbers between them) reversed,
 * with the spaces inside the run; the space after the run stays after it.
 */
function visualOrder(words: Word[], slots: Atom[][]): Atom[][] {
  const order = [...slots];
  const slotOf = (word: number) => slots.indexOf(words[word].atoms);
  for (let i = 0; i < words.length; i++) {
    if (!words[i].rtl) continue;
    let end = i;
    for (let j = i + 1; j < words.length && (words[j].rtl || words[j].neutral); j++) if (words[j].rtl) end = j;
    const [from, to] = [slotOf(i), slotOf(end)];
    order.splice(from, to - from + 1, ...slots.slice(from, to + 1).reverse());
    i = end;
  }
  return order;
}

const widthOf = (atoms: Atom[]) => atoms.reduce((sum, a) => sum + a.width, 0);
const joinable = (f: Fragment) => !f.actual && !f.alone;
const sameStyle = (a: Fragment, b: Fragment) => a.font === b.font && a.size === b.size && a.color === b.color;
