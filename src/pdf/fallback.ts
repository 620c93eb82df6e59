import type { Font } from 'fontkit';
import type { FontName, TextFont } from './fonts';

/** A stretch of text drawn in one font. */
export interface Piece {
  text: string;
  font: FontName;
  /** What the text layer says instead of the glyphs drawn (ActualText): the character a substitute stands for. */
  actual?: string;
  /** Drawn on its own, so the font does not join it with its neighbours. */
  alone?: boolean;
}

/**
 * Per-character font fallback, so nothing typed is lost in the record: each character (grapheme
 * cluster) is drawn in the text's own font if it has every glyph, else in the emoji font; emoji
 * are drawn as emoji whatever the text font has. A character no bundled font covers — CJK, Hangul,
 * kana, the Indic scripts, Thai and the like — is drawn as its code points ("[U+4E2D]"), a
 * readable substitute, and the text layer (ActualText) keeps the character itself, so copying,
 * searching and a screen reader get what was typed. (PDF/A forbids the empty .notdef box.)
 */
export function piecesOf(text: string, font: TextFont, fonts: Record<FontName, Font>): Piece[] {
  if (PLAIN.test(text)) return [{ text, font }];
  const pieces: Piece[] = [];
  for (const { segment } of graphemes.segment(text)) {
    for (const piece of piecesOfCharacter(segment, font, fonts)) {
      const last = pieces[pieces.length - 1];
      if (last && joinable(last) && joinable(piece) && last.font === piece.font) last.text += piece.text;
      else pieces.push(piece);
    }
  }
  return pieces;
}

/** Latin-1, Latin Extended-A and -B and the usual punctuation: DejaVu Sans has all of them. */
const PLAIN = /^[\n\u0020-\u007E\u00A0-\u024F\u2013\u2014\u2018-\u201E\u2022\u2026\u20AC]*$/;
const graphemes = new Intl.Segmenter('da', { granularity: 'grapheme' });

/** Emoji presentation: what a phone shows as an emoji, which the text font's look-alike would not. */
const EMOJI = /\p{Emoji_Presentation}|\p{Emoji_Modifier}|\p{Regional_Indicator}|\uFE0F|\u20E3/u;
const SKIN_TONES = /\p{Emoji_Modifier}/gu;
/** Joiners, variation selectors and tag characters shape their neighbours and have no glyph of their own. */
const IGNORABLE = /[\u200C\u200D\uFE00-\uFE0F\u{E0020}-\u{E007F}]/gu;

function piecesOfCharacter(character: string, font: TextFont, fonts: Record<FontName, Font>): Piece[] {
  if (character === '\t') return [{ text: ' ', font }];
  if (EMOJI.test(character) && covers(fonts.emoji, character)) return emoji(character);
  if (covers(fonts[font], character)) {
    // A text font draws an ignorable as a space glyph, and pdfkit would then read every space as it.
    const drawn = character.replace(IGNORABLE, '');
    if (!drawn) return []; // a joiner with nothing to join
    return [drawn === character ? { text: character, font } : { text: drawn, font, actual: character }];
  }
  if (covers(fonts.emoji, character)) return emoji(character);
  const codes = Array.from(character, (c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
  return [{ text: `[${codes.join('\u00A0')}]`, font, actual: character }];
}

/**
 * Monochrome emoji have no skin tones, and the font draws "👍🏽" as a plain 👍. So the emoji is drawn
 * without its tones, followed by the tones' swatches, as Unicode suggests where a font lacks the
 * sequence; each alone, so the font cannot swallow the swatch again. The text layer, read from the
 * glyphs, keeps every code point: "👍🏽" exactly, a joined sequence (🧑🏿‍💻) with its tone after it.
 */
function emoji(character: string): Piece[] {
  const tones = character.match(SKIN_TONES);
  if (!tones) return [{ text: character, font: 'emoji' }];
  return [character.replace(SKIN_TONES, ''), tones.join('')].filter(Boolean).map((text): Piece => ({ text, font: 'emoji', alone: true }));
}

const joinable = (piece: Piece) => !piece.actual && !piece.alone;

function covers(font: Font, character: string): boolean {
  for (const c of character.replace(IGNORABLE, '')) if (!font.hasGlyphForCodePoint(c.codePointAt(0)!)) return false;
  return true;
}
