import { useState } from 'react';
import { useWorkspace } from '../db/workspace.js';
import { useI18n } from '../i18n/i18n.js';
import { useObservable } from './use-observable.js';

/** What a person needs to know about sync, on every screen: connection, records waiting, last sync. */
export function SyncBar() {
  const { db, sync } = useWorkspace();
  const { t, lang } = useI18n();
  const status = useObservable(() => sync.status$, sync.status$.value, [sync]);
  const waiting = useObservable(() => db.submissions.count({ selector: { status: 'submitted' } }).$, 0, [db]);
  const [busy, setBusy] = useState(false);
  const when = status.lastSyncAt
    ? t('sync.last', { when: new Date(status.lastSyncAt).toLocaleString(lang === 'rn' ? 'fr' : lang, { dateStyle: 'short', timeStyle: 'short' }) })
    : t('sync.never');

  const syncNow = async () => {
    setBusy(true);
    try {
      await sync.syncNow();
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="sync-bar" role="status" aria-live="polite" data-testid="sync-bar">
      <span className={`pill ${status.online ? 'online' : 'offline'}`} data-testid="connection">
        {status.online ? t('sync.online') : t('sync.offline')}
      </span>
      <span className={waiting > 0 ? 'waiting' : 'sent'} data-testid="waiting">
        {waiting > 0 ? t('sync.waiting', { count: waiting }) : t('sync.allSent')}
      </span>
      <span className="last-sync" data-testid="last-sync">{when}</span>
      {status.needsLogin ? <span className="warn">{t('sync.needsLogin')}</span> : null}
      {status.error && status.online && !status.needsLogin ? <span className="warn">{t('sync.error', { message: status.error })}</span> : null}
      <button type="button" className="secondary" onClick={syncNow} disabled={busy || !status.online || status.needsLogin}>
        {busy || status.active ? t('sync.running') : t('sync.now')}
      </button>
      {busy ? <progress aria-label={t('sync.running')} /> : null}
    </div>
  );
}
