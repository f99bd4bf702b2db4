import type { DeviceImportReport } from '@kusanya/schemas';
import { useState, type ChangeEvent } from 'react';
import { ApiError, apiRequest } from '../api/http.js';
import { useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.js';

/**
 * Upload of a device export file for an administrator (the rescue path on the server side). A self-contained
 * panel: the administration screens can mount it as is.
 */
export function DeviceExportImport({ token }: { token: string }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<DeviceImportReport | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const upload = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setBusy(true);
    setProblem(null);
    setReport(null);
    try {
      let content: unknown;
      try {
        content = JSON.parse(await file.text());
      } catch {
        throw new ApiError(400, 'invalid-json', file.name);
      }
      setReport(
        await apiRequest<DeviceImportReport>('/api/sync/device-exports', { method: 'POST', token, body: content }),
      );
    } catch (error) {
      setProblem(t('import.failed', { message: (error as Error).message }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" data-testid="device-import">
      <h2>{t('import.title')}</h2>
      <p>{t('import.help')}</p>
      <label className="question-label" htmlFor="device-export-file">
        {t('import.file')}
      </label>
      <input
        id="device-export-file"
        type="file"
        accept="application/json,.json"
        disabled={busy}
        onChange={(e) => void upload(e)}
      />
      {busy ? <progress aria-label={t('import.working')} /> : null}
      {problem ? (
        <p className="error" role="alert">
          {problem}
        </p>
      ) : null}
      {report ? (
        <div role="status" data-testid="import-report">
          <p className="info">
            {t('import.report', {
              total: report.counts.total,
              user: report.user.username,
              new: report.counts.new,
              already: report.counts.alreadyThere,
              conflict: report.counts.conflict,
              refused: report.counts.refused,
            })}
          </p>
          {report.media ? (
            <p className="info" data-testid="import-media">
              {t('import.media', {
                stored: report.media.stored,
                already: report.media.alreadyThere,
                refused: report.media.refused.length,
              })}
            </p>
          ) : null}
          <ul className="list">
            {report.media?.refused.map((r) => (
              <li key={`${r.submissionId}/${r.name}`} className="card">
                <code>{r.name}</code> — {t('import.result.refused')} <small className="muted">({r.reason})</small>
              </li>
            ))}
            {report.records
              .filter((r) => r.result === 'conflict' || r.result === 'refused')
              .map((r) => (
                <li key={r.id} className="card">
                  <code>{r.id}</code> — {t(`import.result.${r.result}` as MessageKey)}
                  {r.reason ? <small className="muted"> ({r.reason})</small> : null}
                </li>
              ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
