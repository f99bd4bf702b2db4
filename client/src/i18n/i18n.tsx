import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { IntlMessageFormat } from 'intl-messageformat';
import { format, LANGUAGES, MESSAGES, type Language, type MessageKey, type MessageValues } from './messages.js';

const STORAGE_KEY = 'kusanya.language';

interface I18n {
  lang: Language;
  setLang(lang: Language): void;
  t(key: MessageKey, values?: MessageValues): string;
}

const I18nContext = createContext<I18n | null>(null);

function initialLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  return LANGUAGES.some((l) => l.code === stored) ? (stored as Language) : 'fr';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Language>(initialLanguage);
  const setLang = useCallback((next: Language) => {
    localStorage.setItem(STORAGE_KEY, next);
    document.documentElement.lang = next;
    setLangState(next);
  }, []);
  const [cache] = useState(() => new Map<string, IntlMessageFormat>());
  const value = useMemo<I18n>(
    () => ({ lang, setLang, t: (key, values) => format(MESSAGES[lang][key], values, lang, cache) }),
    [lang, setLang, cache],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
