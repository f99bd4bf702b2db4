import { useI18n } from '../i18n/i18n.js';
import { LANGUAGES, type Language } from '../i18n/messages.js';

export function LanguagePicker() {
  const { lang, setLang, t } = useI18n();
  return (
    <label className="language">
      <span className="visually-hidden">{t('lang.label')}</span>
      <select value={lang} onChange={(e) => setLang(e.target.value as Language)} aria-label={t('lang.label')}>
        {LANGUAGES.map((l) => (
          <option key={l.code} value={l.code}>
            {l.name}
          </option>
        ))}
      </select>
    </label>
  );
}
