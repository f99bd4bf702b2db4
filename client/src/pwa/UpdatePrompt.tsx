import { useRegisterSW } from 'virtual:pwa-register/react';
import { useI18n } from '../i18n/i18n.js';

/** How often an open app looks for a new version (also on every start and when the connection returns). */
const CHECK_EVERY_MS = 30 * 60 * 1000;

/**
 * "A new version is ready": the update is applied only when the user asks and no form is open,
 * so an update never reloads the page under a form being filled (drafts are saved anyway).
 */
export function UpdatePrompt({ formOpen }: { formOpen: boolean }) {
  const { t } = useI18n();
  const {
    needRefresh: [needRefresh],
    updateServiceWorker,
  } = useRegisterSW({
    onRegisteredSW(_url, registration) {
      if (!registration) return;
      const check = () => {
        if (navigator.onLine) void registration.update().catch(() => undefined);
      };
      setInterval(check, CHECK_EVERY_MS);
      window.addEventListener('online', check);
    },
  });
  if (!needRefresh) return null;
  return (
    <div className="banner" role="status" data-testid="update-banner">
      <span>{t('update.ready')}</span>
      {formOpen ? (
        <span>{t('update.afterForm')}</span>
      ) : (
        <button type="button" onClick={() => void applyUpdate(updateServiceWorker)}>
          {t('update.apply')}
        </button>
      )}
    </div>
  );
}

/**
 * Activates the waiting version and reloads once it controls the page. workbox-window does not announce the
 * switch for a version found by a later update check (it calls it "external"), so the reload is tied to the
 * browser's own `controllerchange` (vite-plugin-pwa issues #789, #896).
 */
async function applyUpdate(updateServiceWorker: (reload?: boolean) => Promise<void>): Promise<void> {
  let reloading = false;
  navigator.serviceWorker?.addEventListener('controllerchange', () => {
    if (reloading) return;
    reloading = true;
    window.location.reload();
  });
  await updateServiceWorker(true);
}
