import { useMemo, useState } from 'react';
import { Link } from 'wouter';
import { useWorkspace } from '../db/workspace.js';
import { createByteFormatter } from '../device/storage.js';
import { useI18n } from '../i18n/i18n.js';
import type { ProgressSnapshot } from '../sync/progress.js';
import { useObservable } from './use-observable.js';
import { MediaSyncStatus } from '../media/MediaSyncStatus.js';

/**
 * What a person needs to know about sync, on every screen: connection, records waiting, last sync, conflicts,
 * and — while a sync runs — how far it has got (records and bytes, both ways).
 */
export function SyncBar() {
  const { db, sync, media } = useWorkspace();
  const { t, lang } = useI18n();
  const status = useObservable(() => sync.status$, sync.status$.value, [sync]);
  const waiting = useObservable(() => db.submissions.count({ selector: { status: 'submitted' } }).$, 0, [db]);
  const conflicts = useObservable(() => db.drafts.count({ selector: { kind: 'conflict' } }).$, 0, [db]);
  const [busy, setBusy] = useState(false);
  const locale = lang === 'rn' ? 'fr' : lang;
  // Shown many times a second during a sync: the number and date formats are made once.
  const formatBytes = useMemo(() => createByteFormatter(locale), [locale]);
  const dates = useMemo(() => new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' }), [locale]);
  const when = status.lastSyncAt ? t('sync.last', { when: dates.format(status.lastSyncAt) }) : t('sync.never');

  const syncNow = async () => {
    setBusy(true);
    try {
      await sync.syncNow();
      // The person asked: photos and files waiting go now too, not at the next poll.
      void media.kick();
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
        {waiting === 0
          ? t('sync.allSent')
          : status.online
            ? t('sync.waiting', { count: waiting })
            : t('sync.waitingConnection', { count: waiting })}
      </span>
      {conflicts > 0 ? (
        <Link href="/outbox?show=attention" className="warn" data-testid="conflicts">
          {t('sync.conflicts', { count: conflicts })}
        </Link>
      ) : null}
      <MediaSyncStatus />
      <span className="last-sync" data-testid="last-sync">
        {when}
      </span>
      {status.needsLogin ? <span className="warn">{t('sync.needsLogin')}</span> : null}
      {status.error && status.online && !status.needsLogin ? (
        <span className="warn">
          {t('sync.error', { message: status.error })} {t('sync.retrying')}
        </span>
      ) : null}
      <button
        type="button"
        className="secondary"
        onClick={syncNow}
        disabled={busy || !status.online || status.needsLogin}
      >
        {status.online && (busy || status.active) ? t('sync.running') : t('sync.now')}
      </button>
      {status.online && (busy || status.progress.running) ? (
        <Progress progress={status.progress} formatBytes={formatBytes} />
      ) : status.progress.session.sent + status.progress.session.received > 0 ? (
        <small className="sync-summary" data-testid="sync-summary">
          {t('sync.sessionDone', {
            sent: status.progress.session.sent,
            received: status.progress.session.received,
            bytes: formatBytes(status.progress.session.bytes),
          })}
        </small>
      ) : null}
    </div>
  );
}

function Progress({ progress, formatBytes }: { progress: ProgressSnapshot; formatBytes: (bytes: number) => string }) {
  const { t } = useI18n();
  const total = progress.toSend + progress.toReceive;
  const done = progress.sent + progress.received;
  return (
    <div className="sync-progress" data-testid="sync-progress">
      {total > 0 ? (
        <progress aria-label={t('progress.label')} max={total} value={done} />
      ) : (
        <progress aria-label={t('progress.label')} />
      )}
      <span>
        {progress.toSend > 0 ? t('progress.sending', { done: progress.sent, total: progress.toSend }) : null}
        {progress.toSend > 0 && progress.toReceive > 0 ? ' · ' : null}
        {progress.toReceive > 0
          ? t('progress.receiving', { done: progress.received, total: progress.toReceive })
          : null}
      </span>
      <small data-testid="sync-bytes">
        {t('progress.bytes', {
          sent: formatBytes(progress.bytesSent),
          received: formatBytes(progress.bytesReceived),
        })}
      </small>
    </div>
  );
}
