import { hq } from '../i18n/hq.js';
import { useI18n } from '../i18n/i18n.js';
import { format, MESSAGES } from '../i18n/messages.js';

/**
 * The office screens' translator: their own texts (i18n/hq.ts, in this chunk) and the app's. Keys are
 * also built from data (roles, statuses, categories): an unknown key shows the code itself, never fails.
 */
export function useHqI18n() {
  const { lang } = useI18n();
  const own = hq[lang] as Record<string, string>;
  const shared = MESSAGES[lang] as Record<string, string>;
  const t = (key: string, values?: Record<string, string | number>) => {
    const template = own[key] ?? shared[key];
    return template === undefined ? (key.split('.').pop() ?? key) : format(template, values);
  };
  return { t, lang };
}
