import { fail, ok, type Result } from './errors';

/** Upper bounds on what a person can type, so one card cannot fill the storage or the PDF. */
export const limits = {
  name: 120,
  question: 400,
  note: 4000,
  agreementWhat: 500,
  agreementWhen: 200,
  agreementValue: 1000,
  agreementExtra: 500,
  cancelMessage: 500
} as const;

// Control characters other than tab and newline are never meaningful in a note and break PDFs and logs.
// Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) reorder what is shown,
// so "løn 1000 kr" could display as something else: the letters' own direction is all a note needs.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;

/** Normalises free text: NFC (so "å" typed either way is one letter), no control characters, trimmed. */
export function cleanText(value: string): string {
  return value.normalize('NFC').replace(/\r\n?/g, '\n').replace(CONTROL, '').trim();
}

/** Cleans a text field and enforces its length; `field` names it in the error. */
export function textField(value: string | undefined, field: string, max: number, required: boolean): Result<string> {
  const text = cleanText(value ?? '');
  if (required && text.length === 0) return fail('text_required', { field });
  if (text.length > max) return fail('text_too_long', { field, max });
  return ok(text);
}

/**
 * A short fingerprint of a text (53 bits, not cryptographic). A card carries it instead of the
 * text it showed, to tell whether the text changed since: a card may show many long texts, and
 * Teams limits its size.
 */
export function textFingerprint(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return `fp:${(4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36)}`;
}
