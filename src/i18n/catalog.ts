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

export function translator(locale: Locale): Translator {
  const catalog = catalogs[locale];
  return {
    locale,
    t(key, params = {}) {
      const template = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], catalog);
      if (typeof template !== 'string') throw new Error(`missing message ${key}`);
      return template.replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole));
    },
    date(isoDate) {
      const [y, m, d] = isoDate.split('-').map(Number);
      return new Intl.DateTimeFormat(intlLocale[locale], { dateStyle: 'long', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, d));
    },
    list(items) {
      return new Intl.ListFormat(intlLocale[locale], { type: 'conjunction' }).format(items);
    }
  };
}
