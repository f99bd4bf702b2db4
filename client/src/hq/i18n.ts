import { useCallback } from 'react';
import { hq } from '../i18n/hq.js';
import { useI18n } from '../i18n/i18n.js';
import { format, MESSAGES } from '../i18n/messages.js';

/**
 * The office screens' translator: their own texts (i18n/hq.ts, in this chunk) and the app's. Keys are
 * also built from data (roles, statuses, categories): an unknown key shows the code itself, never fails.
 */
export function useHqI18n() {
  const { lang } = useI18n();
  // The same function while the language stays, so memoised views recompute only when it changes.
  const t = useCallback(
    (key: string, values?: Record<string, string | number>) => {
      const template = (hq[lang] as Record<string, string>)[key] ?? (MESSAGES[lang] as Record<string, string>)[key];
      return template === undefined ? (key.split('.').pop() ?? key) : format(template, values);
    },
    [lang],
  );
  return { t, lang };
}
