import type { IntlMessageFormat } from 'intl-messageformat';
import { useCallback, useState } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { format, MESSAGES, type Language, type MessageValues } from '../i18n/messages.js';
import en from './messages/en.json' with { type: 'json' };
import fr from './messages/fr.json' with { type: 'json' };
import rn from './messages/rn.json' with { type: 'json' };

/** The office screens' own texts (ICU MessageFormat, one file per language; loaded with those screens only). */
export const HQ_MESSAGES: Record<Language, Record<keyof typeof en, string>> = { en, fr, rn };

/**
 * The office screens' translator: their own texts (i18n/hq.ts, in this chunk) and the app's. Keys are
 * also built from data (roles, statuses, categories): an unknown key shows the code itself, never fails.
 */
export function useHqI18n() {
  const { lang } = useI18n();
  const [cache] = useState(() => new Map<string, IntlMessageFormat>());
  // The same function while the language stays, so memoised views recompute only when it changes.
  const t = useCallback(
    (key: string, values?: MessageValues) => {
      const template =
        (HQ_MESSAGES[lang] as Record<string, string>)[key] ?? (MESSAGES[lang] as Record<string, string>)[key];
      return template === undefined ? (key.split('.').pop() ?? key) : format(template, values, lang, cache);
    },
    [lang, cache],
  );
  return { t, lang };
}
