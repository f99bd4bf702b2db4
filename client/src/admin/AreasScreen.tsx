import { sampleMarked } from '../form/labels.js';
import type { AreaImportReport } from '@kusanya/schemas';
import { useState } from 'react';
import { useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.js';
import { useAdminApi } from './api.js';
import { Done, ErrorMessage, Loading, useAction } from './ui.js';
import { useResource } from '../api/client.js';

const LEVELS = ['country', 'province', 'commune', 'zone', 'colline'] as const;

/** Areas: the location hierarchy, and importing it from CSV with a preview listing every problem. */
export function AreasScreen() {
  const api = useAdminApi();
  const { t, lang } = useI18n();
  const [level, setLevel] = useState<(typeof LEVELS)[number]>('province');
  const list = useResource('GET /api/admin/areas', { query: { level } });
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<AreaImportReport | null>(null);
  const action = useAction();

  const preview = async (chosen: File | null) => {
    setFile(chosen);
    setReport(null);
    action.clear();
    if (chosen) setReport((await action.run(() => api.previewAreas(chosen))) ?? null);
  };
  const commit = async () => {
    if (!file) return;
    const done = await action.run(
      () => api.importAreas(file),
      (r) => t('admin.areas.imported', { count: r.rows, create: r.create, update: r.update }),
    );
    if (done) {
      setReport(null);
      setFile(null);
      list.reload();
    }
  };

  return (
    <section aria-labelledby="areas-title">
      <h2 id="areas-title">{t('admin.areas.title')}</h2>
      <div className="card admin-form">
        <h3>{t('admin.areas.import')}</h3>
        <p className="muted">{t('admin.areas.format')}</p>
        <label>
          {t('admin.areas.file')}
          <input
            type="file"
            accept=".csv,text/csv"
            data-testid="areas-file"
            onChange={(e) => void preview(e.target.files?.[0] ?? null)}
          />
        </label>
        {action.busy ? <progress className="wide" aria-label={t('admin.loading')} /> : null}
        <ErrorMessage error={action.error} />
        <Done message={action.done} />
        {report ? <Preview report={report} /> : null}
        {report?.ok ? (
          <button type="button" className="primary" disabled={action.busy} onClick={() => void commit()}>
            {t('admin.areas.confirm', { count: report.rows })}
          </button>
        ) : null}
      </div>

      <h3>{t('admin.areas.list')}</h3>
      <label className="inline">
        {t('admin.areas.level')}
        <select value={level} onChange={(e) => setLevel(e.target.value as (typeof LEVELS)[number])}>
          {LEVELS.map((l) => (
            <option key={l} value={l}>
              {t(`level.${l}` as MessageKey)}
            </option>
          ))}
        </select>
      </label>
      <Loading loading={list.loading} />
      <ErrorMessage error={list.error} />
      {list.data?.areas.some((a) => a.isSample) ? <p className="info">{t('admin.areas.sample')}</p> : null}
      <table className="admin-table" data-testid="areas-table">
        <thead>
          <tr>
            <th>{t('admin.areas.code')}</th>
            <th>{t('admin.areas.name')}</th>
            <th>{t('admin.areas.parent')}</th>
            <th>{t('admin.areas.scheme')}</th>
            <th>{t('admin.areas.validity')}</th>
          </tr>
        </thead>
        <tbody>
          {(list.data?.areas ?? []).map((a) => (
            <tr key={a.code}>
              <td>
                <code>{a.code}</code>
              </td>
              <td>{sampleMarked(a.name, lang)}</td>
              <td>{a.parentCode ?? '—'}</td>
              <td>{a.scheme}</td>
              <td>
                {a.validFrom ?? '…'} → {a.validTo ?? '…'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Preview({ report }: { report: AreaImportReport }) {
  const { t, lang } = useI18n();
  const levels = LEVELS.filter((l) => report.byLevel[l] > 0)
    .map((l) => `${report.byLevel[l]} ${t(`level.${l}` as MessageKey)}`)
    .join(', ');
  return (
    <div data-testid="areas-preview">
      {report.ok ? (
        <p className="info" role="status">
          {t('admin.areas.previewOk', {
            rows: report.rows,
            create: report.create,
            update: report.update,
            unchanged: report.unchanged,
          })}{' '}
          {levels}
        </p>
      ) : (
        <>
          <p className="error" role="alert">
            {t('admin.areas.previewProblems', { count: report.problems.length })}
          </p>
          <table className="admin-table" data-testid="areas-problems">
            <thead>
              <tr>
                <th>{t('admin.areas.row')}</th>
                <th>{t('admin.areas.column')}</th>
                <th>{t('admin.areas.problem')}</th>
              </tr>
            </thead>
            <tbody>
              {report.problems.map((p, i) => (
                <tr key={i}>
                  <td>{p.row}</td>
                  <td>{p.column}</td>
                  <td>{p.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {report.changes.length > 0 ? (
        <details>
          <summary>{t('admin.areas.changes', { count: report.create + report.update })}</summary>
          <ul>
            {report.changes.map((c) => (
              <li key={c.location.code}>
                {c.kind === 'create' ? '+' : '~'} {c.location.code} {sampleMarked(c.location.name, lang)} (
                {t(`level.${c.location.level}` as MessageKey)})
                {c.before && c.before.name !== c.location.name ? ` ← ${c.before.name}` : ''}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
