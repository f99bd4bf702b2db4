import { useRegisterSW } from 'virtual:pwa-register/react';
import { useI18n } from '../i18n/i18n.js';

/**
 * "A new version is ready": the update is applied only when the user asks and no form is open,
 * so an update never reloads the page under a form being filled.
 */
export function UpdatePrompt({ formOpen }: { formOpen: boolean }) {
  const { t } = useI18n();
  const {
    needRefresh: [needRefresh],
    updateServiceWorker,
  } = useRegisterSW();
  if (!needRefresh) return null;
  return (
    <div className="banner" role="status" data-testid="update-banner">
      <span>{t('update.ready')}</span>
      {formOpen ? (
        <span>{t('update.afterForm')}</span>
      ) : (
        <button type="button" onClick={() => void updateServiceWorker(true)}>
          {t('update.apply')}
        </button>
      )}
    </div>
  );
}
