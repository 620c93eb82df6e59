import type { ConversationKind } from '../domain/kinds';
import da from './da.json';
import en from './en.json';

export type Locale = 'da' | 'en';
export type Catalog = typeof da;

const catalogs: Record<Locale, Catalog> = { da, en };

/**
 * A kind of conversation may word any text its own way: in a LUS the one leading is the leader's
 * leader and the other is a leader, so "the leader starts the conversation" must say so.
 * `byKind.<kind>` in a catalog holds those texts; the rest is shared.
 */
const forKinds = new Map<string, Catalog>();
function catalogOf(locale: Locale, kind: ConversationKind | undefined): Catalog {
  const base = catalogs[locale];
  const overrides = kind && (base.byKind as Partial<Record<ConversationKind, object>>)[kind];
  if (!overrides) return base;
  const key = `${locale}/${kind}`;
  let merged = forKinds.get(key);
  if (!merged) forKinds.set(key, (merged = mergeDeep(base, overrides) as Catalog));
  return merged;
}

function mergeDeep(base: object, overrides: object): object {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    const under = merged[key];
    merged[key] = typeof value === 'object' && typeof under === 'object' && under ? mergeDeep(under, value) : value;
  }
  return merged;
}

const intlLocale: Record<Locale, string> = { da: 'da-DK', en: 'en-GB' };

/** Danish unless the Teams client says English. */
export function localeOf(teamsLocale: string | undefined): Locale {
  return teamsLocale?.toLowerCase().startsWith('en') ? 'en' : 'da';
}

export type Params = Record<string, string | number | undefined>;

/**
 * Looks a dotted key up ("error.date_past") and fills its {placeholders}. A message that depends on
 * a number holds `one` and `other` and is chosen by `count` ("1 aftale er", "2 aftaler er").
 */
export interface Translator {
  locale: Locale;
  /** Every text, for card templates; with the kind's own wording once `forKind` was asked. */
  catalog: Catalog;
  /** The same language, with a kind of conversation's own wording. */
  forKind(kind: ConversationKind): Translator;
  t(key: string, params?: Params): string;
  /** A calendar date (yyyy-mm-dd) as people write it: "1. december 2026". */
  date(isoDate: string): string;
  list(items: string[]): string;
  /** A length of time as people say it: "1½ time", "45 minutter". */
  duration(minutes: number): string;
}

/** Intl formatters are slow to build and cheap to use: one of each per language. */
const formats = {
  date: new Map<Locale, Intl.DateTimeFormat>(),
  list: new Map<Locale, Intl.ListFormat>()
};

function formatOf<F>(cache: Map<Locale, F>, locale: Locale, make: () => F): F {
  let format = cache.get(locale);
  if (!format) cache.set(locale, (format = make()));
  return format;
}

export function translator(locale: Locale, kind?: ConversationKind): Translator {
  const catalog = catalogOf(locale, kind);
  const dateFormat = () => formatOf(formats.date, locale, () => new Intl.DateTimeFormat(intlLocale[locale], { dateStyle: 'long', timeZone: 'UTC' }));
  const listFormat = () => formatOf(formats.list, locale, () => new Intl.ListFormat(intlLocale[locale], { type: 'conjunction' }));
  return {
    locale,
    catalog,
    forKind: (other) => translator(locale, other),
    t(key, params = {}) {
      const found = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], catalog);
      const template = typeof found === 'object' && found && typeof params.count === 'number' ? (found as Record<string, unknown>)[params.count === 1 ? 'one' : 'other'] : found;
      if (typeof template !== 'string') throw new Error(`missing message ${key}`);
      return template.replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole));
    },
    date(isoDate) {
      const [y, m, d] = isoDate.split('-').map(Number);
      return dateFormat().format(Date.UTC(y, m - 1, d));
    },
    list(items) {
      return listFormat().format(items);
    },
    duration(minutes) {
      const [h, m] = [Math.floor(minutes / 60), minutes % 60];
      if (h === 0) return this.t('guide.minutes', { n: m });
      if (m === 0) return h === 1 ? this.t('guide.hour') : this.t('guide.hours', { n: h });
      return m === 30 ? this.t('guide.halfHours', { n: h }) : this.t('guide.mixed', { h, m });
    }
  };
}
