import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { en, nl, type MessageKey } from './messages';

export type Language = 'nl' | 'en';
const DICTIONARIES = { nl, en } as const;
const KEY = 'woonmix.language';

interface I18n {
  language: Language;
  setLanguage: (language: Language) => void;
  /** The message in the reader's language, `{name}` replaced by params.name. */
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
  /** A whole number or decimal in the reader's notation (1.234,5 in Dutch). */
  number: (value: number, digits?: number) => string;
  /** A share given in basis points (10,000 = 100%). */
  percentBp: (basisPoints: number | null | undefined) => string;
  /** A share given as a fraction (1 = 100%). */
  percent: (fraction: number | null | undefined, digits?: number) => string;
  /** Money given in integer cents. */
  euros: (cents: number | null | undefined) => string;
  /** An ISO date (YYYY-MM-DD or a timestamp) as the reader writes dates. */
  date: (iso: string | null | undefined) => string;
  dateTime: (iso: string | null | undefined) => string;
}

const I18nContext = createContext<I18n | null>(null);

/** The reader's language: the one chosen in this browser, Dutch until one is (the API is asked in it too: api/client.ts). */
export function storedLanguage(): Language {
  const stored = localStorage.getItem(KEY);
  return stored === 'en' || stored === 'nl' ? stored : 'nl';
}

/** Dutch by default (the users are Dutch allocation staff), English on request; the choice is remembered. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(storedLanguage);
  const setLanguage = useCallback((next: Language) => {
    localStorage.setItem(KEY, next);
    document.documentElement.lang = next;
    setLanguageState(next);
  }, []);
  const value = useMemo<I18n>(() => {
    const locale = language === 'nl' ? 'nl-NL' : 'en-GB';
    const dictionary = DICTIONARIES[language];
    const numberFormat = (digits: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: 0 });
    const dash = '–';
    return {
      language,
      setLanguage,
      t: (key, params) => {
        let text: string = dictionary[key] ?? key;
        if (params) for (const [name, v] of Object.entries(params)) text = text.split(`{${name}}`).join(String(v));
        return text;
      },
      number: (v, digits = 0) => numberFormat(digits).format(v),
      percentBp: (bp) => (bp === null || bp === undefined ? dash : `${numberFormat(1).format(bp / 100)}%`),
      percent: (f, digits = 1) => (f === null || f === undefined ? dash : `${numberFormat(digits).format(f * 100)}%`),
      euros: (cents) =>
        cents === null || cents === undefined ? dash : new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' }).format(cents / 100),
      date: (iso) =>
        iso ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso)) : dash,
      dateTime: (iso) => (iso ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)) : dash),
    };
  }, [language, setLanguage]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
