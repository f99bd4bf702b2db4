import type { BackupCopyStatus, BackupVerify } from '@kusanya/schemas';
import { useState } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { useAdminApi } from './api.js';
import { Done, ErrorMessage, formatBytes, formatTime, Loading, useAction } from './ui.js';
import { useResource } from '../api/client.js';

/** Backups: the schedule, back up now, verify, download. Restoring is done from the shell (server stopped). */
export function BackupsScreen() {
  const api = useAdminApi();
  const { t, lang } = useI18n();
  const list = useResource('GET /api/admin/backups');
  const action = useAction();
  const [checks, setChecks] = useState<{ name: string; result: BackupVerify } | null>(null);
  const data = list.data;

  const backupNow = async () => {
    setChecks(null);
    await action.run(
      () => api.backupNow(),
      (b) =>
        t('admin.backups.done', {
          file: b.file,
          size: formatBytes(b.bytes),
          seconds: (b.durationMs / 1000).toFixed(1),
        }),
    );
    list.reload();
  };
  const verify = async (name: string) => {
    const result = await action.run(
      () => api.verifyBackup(name),
      (r) => (r.ok ? t('admin.backups.verified', { name }) : null),
    );
    if (result) setChecks({ name, result });
  };

  return (
    <section aria-labelledby="backups-title">
      <h2 id="backups-title">{t('admin.backups.title')}</h2>
      {data ? (
        <p className="muted">
          {data.intervalMinutes > 0
            ? t('admin.backups.schedule', { minutes: data.intervalMinutes, keep: data.keep })
            : t('admin.backups.noSchedule')}{' '}
          {t('admin.backups.dir', { dir: data.dir })}
        </p>
      ) : null}
      <button
        type="button"
        className="primary"
        disabled={action.busy || data?.running}
        onClick={() => void backupNow()}
      >
        {action.busy ? t('admin.backups.running') : t('admin.backups.now')}
      </button>
      {action.busy ? <progress className="wide" aria-label={t('admin.backups.running')} /> : null}
      <ErrorMessage error={action.error} />
      <Done message={action.done} />
      {checks ? (
        <ul
          className={checks.result.ok ? 'checks' : 'checks error'}
          data-testid="backup-checks"
          aria-label={checks.name}
        >
          {checks.result.checks.map((c) => (
            <li key={c.name}>
              {c.ok ? '✔' : '✖'} {c.message}
            </li>
          ))}
        </ul>
      ) : null}
      <Loading loading={list.loading} />
      <ErrorMessage error={list.error} />
      {data && data.backups.length === 0 ? <p className="muted">{t('admin.backups.none')}</p> : null}
      <table className="admin-table" data-testid="backups-table">
        <thead>
          <tr>
            <th>{t('admin.backups.when')}</th>
            <th>{t('admin.backups.size')}</th>
            <th>{t('admin.backups.by')}</th>
            <th>SHA-256</th>
            <th>{t('admin.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {(data?.backups ?? []).map((b) => (
            <tr key={b.name} data-testid="backup-row">
              <td>
                {formatTime(b.createdAt, lang)}
                <br />
                <small className="muted">{b.file}</small>
              </td>
              <td>{formatBytes(b.bytes)}</td>
              <td>{t(`admin.backups.trigger.${b.trigger}` as const)}</td>
              <td>
                <code title={b.sha256}>{b.sha256.slice(0, 12)}…</code>
              </td>
              <td>
                <div className="admin-actions">
                  <button
                    type="button"
                    className="secondary"
                    disabled={action.busy}
                    onClick={() => void verify(b.name)}
                  >
                    {t('admin.backups.verify')}
                  </button>
                  <button
                    type="button"
                    className="secondary"
                    disabled={action.busy}
                    onClick={() => void action.run(() => api.downloadBackup(b.name))}
                  >
                    {t('admin.backups.download')}
                  </button>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {data ? <CopiesPanel copies={data.copies} newest={data.backups[0]?.name ?? null} onCopied={list.reload} /> : null}
      <h3>{t('admin.backups.restoreTitle')}</h3>
      <p>{t('admin.backups.restoreHelp')}</p>
      <pre className="command">npm run cli -- backup verify FILE{'\n'}npm run cli -- restore FILE</pre>
    </section>
  );
}

/** Copies off this machine: where they go, when the last good one left, why the last one failed; copy now. */
function CopiesPanel({
  copies,
  newest,
  onCopied,
}: {
  copies: BackupCopyStatus;
  newest: string | null;
  onCopied: () => void;
}) {
  const api = useAdminApi();
  const { t, lang } = useI18n();
  const action = useAction();
  const copyNow = async (name: string) => {
    await action.run(
      () => api.copyBackup(name),
      (r) =>
        r.attempts.every((a) => a.outcome === 'success')
          ? t('admin.copies.copied', { name })
          : t('admin.copies.copyFailed', { message: r.attempts.find((a) => a.outcome === 'failure')?.message ?? '' }),
    );
    onCopied();
  };
  return (
    <section aria-labelledby="copies-title" data-testid="backup-copies" data-state={copies.state}>
      <h3 id="copies-title">{t('admin.copies.title')}</h3>
      <p className={copies.state === 'ok' ? 'info' : copies.state === 'off' ? 'muted' : 'error'} role="status">
        {t(`admin.copies.state.${copies.state}` as const)}
      </p>
      {copies.state !== 'off' ? (
        <ul>
          {copies.folder ? <li>{t('admin.copies.folder', { dir: copies.folder })}</li> : null}
          {copies.targets.includes('command') ? <li>{t('admin.copies.command')}</li> : null}
          <li data-testid="last-copy">
            {copies.lastSuccessAt
              ? t('admin.copies.last', {
                  time: formatTime(copies.lastSuccessAt, lang),
                  name: copies.lastSuccessBackup ?? '',
                })
              : t('admin.copies.never')}
          </li>
          {copies.lastError ? (
            <li className="error">
              {t('admin.copies.lastError', { time: formatTime(copies.lastFailureAt, lang), message: copies.lastError })}
            </li>
          ) : null}
        </ul>
      ) : null}
      {copies.state !== 'off' && newest ? (
        <button
          type="button"
          className="secondary"
          disabled={action.busy || copies.running}
          onClick={() => void copyNow(newest)}
        >
          {action.busy || copies.running ? t('admin.copies.running') : t('admin.copies.now')}
        </button>
      ) : null}
      {action.busy ? <progress className="wide" aria-label={t('admin.copies.running')} /> : null}
      <ErrorMessage error={action.error} />
      <Done message={action.done} />
    </section>
  );
}
