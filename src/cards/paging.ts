import type { Translator } from '../i18n/catalog';
import { CARD_BUDGET_BYTES, utf16Bytes } from './budget';
import { escapeMarkdown } from './plainText';
import { renderCard, type AdaptiveCardJson, type CardHeader, type CardMessage, type TemplateName } from './render';

/** One page of a card's list: its items, which page it is, and where it starts in the whole list. */
export interface Page<T> {
  items: T[];
  page: number;
  pages: number;
  first: number;
  total: number;
}

/**
 * Splits a list into pages that each take at most `room` bytes, measured as Teams counts them.
 * `overhead` is what the template adds around each item's data (its elements and buttons). A page
 * holds at least one item, so nothing is ever left unshown.
 */
export function pageWithin<T>(items: T[], wanted: number, room: number, overhead: number): Page<T> {
  const starts = [0];
  let used = 0;
  items.forEach((item, i) => {
    const size = utf16Bytes(asShown(item)) + overhead;
    if (used > 0 && used + size > room) {
      starts.push(i);
      used = 0;
    }
    used += size;
  });
  const page = Math.min(Math.max(Math.trunc(wanted) || 0, 0), starts.length - 1);
  const first = starts[page];
  return { items: items.slice(first, starts[page + 1] ?? items.length), page, pages: starts.length, first, total: items.length };
}

/** An item's texts as the card will show them, Markdown escaped: a text of asterisks takes three times its length. */
function asShown(value: unknown): unknown {
  if (typeof value === 'string') return escapeMarkdown(value);
  if (Array.isArray(value)) return value.map(asShown);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asShown(v)]));
  return value;
}

/** The button that shows another page of a list: its verb and the data it sends besides the page. */
export interface PageTurn {
  verb: string;
  data: Record<string, unknown>;
}

/**
 * The line and buttons that move through a list's pages ("6–10 af 23 · side 2 af 5"), for a
 * template to place with its list; none when the list fits on one page.
 */
export function pagerOf(p: Page<unknown>, turn: PageTurn, tr: Translator): unknown[] {
  if (p.pages <= 1) return [];
  const button = (page: number, title: string) => ({ type: 'Action.Execute', verb: turn.verb, title, associatedInputs: 'none', isEnabled: page >= 0 && page < p.pages, data: { ...turn.data, page: Math.min(Math.max(page, 0), p.pages - 1) } });
  return [
    { type: 'TextBlock', text: tr.t('paging.position', { first: p.first + 1, last: p.first + p.items.length, total: p.total, page: p.page + 1, pages: p.pages }), isSubtle: true, wrap: true },
    { type: 'ActionSet', actions: [button(p.page - 1, tr.t('paging.previous')), button(p.page + 1, tr.t('paging.next'))] }
  ];
}

/**
 * Renders a card whose list may be longer than Teams accepts in one message: the card without the
 * list is measured first, and the list gets the rest of the budget, a page at a time.
 */
export function renderPaged<T>(
  name: TemplateName,
  header: CardHeader,
  list: { items: T[]; page: number; overhead: number; turn: PageTurn; reserved?: number },
  data: (page: Page<T>, pager: unknown[]) => object,
  tr: Translator,
  message?: CardMessage
): AdaptiveCardJson {
  // Measured with the widest page line and both buttons, so every page fits what is measured.
  const widest = pagerOf({ items: list.items.slice(0, 1), page: 1, pages: 3, first: list.items.length, total: list.items.length }, list.turn, tr);
  const without = renderCard(name, header, data({ items: [], page: 0, pages: 2, first: 0, total: list.items.length }, widest), message);
  const page = pageWithin(list.items, list.page, CARD_BUDGET_BYTES - (list.reserved ?? 0) - utf16Bytes(without), list.overhead);
  return renderCard(name, header, data(page, pagerOf(page, list.turn, tr)), message);
}
