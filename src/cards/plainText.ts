/**
 * Teams renders TextBlocks and facts as Markdown. Everything the cards show is plain text (dates,
 * names, notes, agreements), so "14. marts" must not become a numbered list, nor "*vigtigt*" italics.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_~[\]]/g, (c) => `\\${c}`)
    .replace(/^(\s*)(\d+)([.)])/gm, '$1$2\\$3')
    .replace(/^(\s*)([#>+-])/gm, '$1\\$2');
}

/** Escapes the displayed text of every TextBlock and fact in a card, in place. */
export function asPlainText(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(asPlainText);
  if (!node || typeof node !== 'object') return;
  const element = node as Record<string, unknown>;
  if (element.type === 'TextBlock' && typeof element.text === 'string') element.text = escapeMarkdown(element.text);
  if (element.type === 'FactSet' && Array.isArray(element.facts)) {
    for (const fact of element.facts as Record<string, unknown>[]) {
      if (typeof fact.title === 'string') fact.title = escapeMarkdown(fact.title);
      if (typeof fact.value === 'string') fact.value = escapeMarkdown(fact.value);
    }
  }
  Object.values(element).forEach(asPlainText);
}
