import { useState } from 'react';
import { Link } from 'wouter';
import { APP_VERSION } from '../app/version.js';
import { useSession } from '../auth/session.js';
import { useWorkspace } from '../db/workspace.js';
import { formatBytes, requestPersistence, type Persistence } from '../device/storage.js';
import { useHeadroom } from '../device/use-headroom.js';
import { useI18n } from '../i18n/i18n.js';
import { buildDeviceExport, downloadExport } from '../sync/export.js';
import { DeviceExportImport } from '../sync/DeviceExportImport.js';
import { useObservable } from '../ui/use-observable.js';
import { map } from 'rxjs';

/** Storage and its protection, what is on the tablet, the rescue export, and the app version. */
export function SettingsScreen() {
  const { db, session, mediaStore, persistence: askedAtLogin } = useWorkspace();
  const { accounts } = useSession();
  const { t, lang } = useI18n();
  const locale = lang === 'rn' ? 'fr' : lang;
  const { headroom, refresh } = useHeadroom();
  const [persistence, setPersistence] = useState<Persistence>(askedAtLogin);
  const [exported, setExported] = useState<string | null>(null);
  const [updateChecked, setUpdateChecked] = useState(false);
  const waiting = useObservable(() => db.submissions.count({ selector: { status: 'submitted' } }).$, 0, [db]);
  const drafts = useObservable(
    () => db.drafts.find({ selector: { kind: { $in: ['new', 'correction'] } } }).$,
    [],
    [db],
  ).length;
  const conflicts = useObservable(() => db.drafts.count({ selector: { kind: 'conflict' } }).$, 0, [db]);
  // Households are stored by pages, each with its count in clear: counting opens nothing.
  const households = useObservable(
    () => db.householdPages.find().$.pipe(map((pages) => pages.reduce((sum, page) => sum + page.count, 0))),
    0,
    [db],
  );
  const forms = useObservable(() => db.forms.count().$, 0, [db]);

  const exportNow = async () => {
    const file = await buildDeviceExport(db, session.user, accounts.deviceId(), mediaStore);
    setExported(
      file.records.length === 0 ? t('settings.exportNothing') : t('settings.exported', { name: downloadExport(file) }),
    );
    refresh();
  };
  const checkForUpdate = async () => {
    const registration = await navigator.serviceWorker?.getRegistration();
    await registration?.update().catch(() => undefined);
    setUpdateChecked(true);
  };
  const usedShare = headroom.quota > 0 ? headroom.usage / headroom.quota : 0;

  return (
    <main className="settings">
      <p>
        <Link href="/">← {t('form.back')}</Link>
      </p>
      <h1>{t('settings.title')}</h1>

      <section className="card">
        <h2>{t('settings.storage')}</h2>
        {headroom.level === 'unknown' ? (
          <p>{t('settings.storageUnknown')}</p>
        ) : (
          <>
            <meter min={0} max={1} value={usedShare} high={0.9} optimum={0} aria-label={t('settings.storage')} />
            <p data-testid="storage-used">
              {t('settings.used', {
                used: formatBytes(headroom.usage, locale),
                quota: formatBytes(headroom.quota, locale),
                free: formatBytes(headroom.free, locale),
              })}
            </p>
          </>
        )}
        {headroom.level === 'full' ? (
          <p className="error">{t('home.storageFull', { free: formatBytes(headroom.free, locale) })}</p>
        ) : null}
        <h3>{t('settings.persistence')}</h3>
        <p data-testid="persistence-result">{t(`settings.persisted.${persistence}`)}</p>
        {persistence !== 'granted' ? (
          <button type="button" className="secondary" onClick={() => void requestPersistence().then(setPersistence)}>
            {t('settings.askAgain')}
          </button>
        ) : null}
      </section>

      <section className="card">
        <h2>{t('settings.records')}</h2>
        <ul>
          <li>{t('settings.waiting', { count: waiting })}</li>
          <li>{t('settings.drafts', { count: drafts })}</li>
          <li>{t('settings.conflicts', { count: conflicts })}</li>
          <li data-testid="households-count">{t('settings.households', { count: households })}</li>
          <li>{t('settings.forms', { count: forms })}</li>
        </ul>
      </section>

      <section className="card">
        <h2>{t('settings.export')}</h2>
        <p>{t('settings.exportHelp')}</p>
        {waiting > 0 ? (
          <button type="button" className="primary" onClick={() => void exportNow()}>
            {t('settings.exportButton', { count: waiting })}
          </button>
        ) : (
          <p className="muted">{t('settings.exportNothing')}</p>
        )}
        {exported ? (
          <p className="info" role="status" data-testid="export-result">
            {exported}
          </p>
        ) : null}
      </section>

      {session.user.role === 'admin' && session.token ? <DeviceExportImport token={session.token} /> : null}

      <section className="card">
        <h2>{t('settings.app')}</h2>
        <p data-testid="app-version">{t('settings.version', { version: APP_VERSION })}</p>
        <p>
          <small>{t('settings.device', { id: accounts.deviceId() })}</small>
        </p>
        <button type="button" className="secondary" onClick={() => void checkForUpdate()}>
          {t('settings.checkUpdate')}
        </button>
        {updateChecked ? <p className="muted">{t('settings.upToDate')}</p> : null}
      </section>
    </main>
  );
}
