import da from './da.json';
import en from './en.json';

export type Locale = 'da' | 'en';
export type Catalog = typeof da;

const catalogs: Record<Locale, Catalog> = { da, en };
const intlLocale: Record<Locale, string> = { da: 'da-DK', en: 'en-GB' };

/** Danish unless the Teams client says English. */
export function localeOf(teamsLocale: string | undefined): Locale {
  return teamsLocale?.toLowerCase().startsWith('en') ? 'en' : 'da';
}

export function catalogFor(locale: Locale): Catalog {
  return catalogs[locale];
}

export type Params = Record<string, string | number | undefined>;

/** Looks a dotted key up ("error.date_past") and fills its {placeholders}. */
export interface Translator {
  locale: Locale;
  t(key: string, params?: Params): string;
  /** A calendar date (yyyy-mm-dd) as people write it: "1. december 2026". */
  date(isoDate: string): string;
  list(items: string[]): string;
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

export function translator(locale: Locale): Translator {
  const catalog = catalogs[locale];
  const dateFormat = () => formatOf(formats.date, locale, () => new Intl.DateTimeFormat(intlLocale[locale], { dateStyle: 'long', timeZone: 'UTC' }));
  const listFormat = () => formatOf(formats.list, locale, () => new Intl.ListFormat(intlLocale[locale], { type: 'conjunction' }));
  return {
    locale,
    t(key, params = {}) {
      const template = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], catalog);
      if (typeof template !== 'string') throw new Error(`missing message ${key}`);
      return template.replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole));
    },
    date(isoDate) {
      const [y, m, d] = isoDate.split('-').map(Number);
      return dateFormat().format(Date.UTC(y, m - 1, d));
    },
    list(items) {
      return listFormat().format(items);
    }
  };
}
