import { useRef, useState } from 'react';
import { v4 } from 'uuid';
import { useSession } from '../auth/session.js';
import { useApiCall } from '../api/client.js';
import { query } from '../api/routes.js';
import { saveBlob } from '../ui/save-file.js';
import { numberText } from './format.js';
import { useHqI18n } from './i18n.js';
import { LocationPicker } from './LocationPicker.js';
import { recentQuarters } from './period.js';

type Dataset = 'households' | 'individuals' | 'individuals-openimis' | 'grievances' | 'indicator-reports' | 'full';
const DATASETS: { id: Dataset; roles: string[] }[] = [
  { id: 'households', roles: ['hq', 'supervisor'] },
  { id: 'individuals', roles: ['hq', 'supervisor'] },
  { id: 'individuals-openimis', roles: ['hq', 'supervisor'] },
  { id: 'grievances', roles: ['hq', 'grievance_officer'] },
  { id: 'indicator-reports', roles: ['hq', 'supervisor'] },
  { id: 'full', roles: ['hq'] },
];

/** The first columns of openIMIS's individual upload, named as openIMIS reads them (shown as code). */
const OPENIMIS_COLUMNS = 'first_name, last_name, dob, id, group_code, individual_role, recipient_info…';

interface Running {
  dataset: Dataset;
  rows: number;
  total: number;
  bytes: number;
  controller: AbortController;
}

/**
 * Downloads of the registry, tickets and reports as XLSX (the default), CSV or JSON, within the user's areas, with
 * headers and answers in the user's language (or field names and codes), CSV separated as a spreadsheet in that
 * language expects. The server streams the file; the screen shows rows written (the server's count) and what has
 * arrived.
 */
export function ExportsScreen() {
  const { t, lang } = useHqI18n();
  const api = useApiCall();
  const { session } = useSession();
  const role = session?.user.role ?? '';
  const quarters = recentQuarters(12);
  const [area, setArea] = useState<string | null>(null);
  // XLSX first: it opens right in any spreadsheet whatever its language; CSV follows the reader's language.
  const [format, setFormat] = useState<'csv' | 'xlsx'>('xlsx');
  const [headers, setHeaders] = useState<'labels' | 'names'>('labels');
  const [from, setFrom] = useState(quarters[8]!);
  const [to, setTo] = useState(quarters[11]!);
  const [allStatuses, setAllStatuses] = useState(false);
  const [running, setRunning] = useState<Running | null>(null);
  const [message, setMessage] = useState<{ kind: 'done' | 'error'; text: string } | null>(null);
  const poll = useRef<ReturnType<typeof setInterval> | null>(null);

  const start = async (dataset: Dataset) => {
    const progressId = v4();
    const controller = new AbortController();
    const fmt = dataset === 'full' ? 'json' : format;
    const params = {
      format: fmt,
      area,
      progressId,
      lang,
      headers,
      ...(dataset === 'indicator-reports' ? { from, to, status: allStatuses ? 'all' : 'validated' } : {}),
    };
    setMessage(null);
    setRunning({ dataset, rows: 0, total: 0, bytes: 0, controller });
    try {
      const res = await fetch(`/api/exports/${dataset}${query(params)}`, {
        headers: { authorization: `Bearer ${session?.token ?? ''}` },
        signal: controller.signal,
        cache: 'no-store',
      });
      if (!res.ok || !res.body) {
        const body = (await res.json().catch(() => null)) as { error?: { code?: string } } | null;
        // The server's error in words by its code, never its English message.
        throw new Error(t(`error.${body?.error?.code ?? 'http-error'}`));
      }
      const total = Number(res.headers.get('x-total-rows') ?? 0);
      const filename =
        /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? `kusanya-${dataset}.${fmt}`;
      setRunning((r) => r && { ...r, total });
      poll.current = setInterval(() => {
        api('GET /api/exports/progress/:id', { params: { id: progressId } }).then(
          (p) => setRunning((r) => r && { ...r, rows: p.rows, total: p.total }),
          () => undefined,
        );
      }, 700);
      const reader = res.body.getReader();
      const parts: Uint8Array[] = [];
      let bytes = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parts.push(value);
        bytes += value.length;
        setRunning((r) => r && { ...r, bytes });
      }
      saveBlob(
        new Blob(parts as BlobPart[], { type: res.headers.get('content-type') ?? 'application/octet-stream' }),
        filename,
      );
      setMessage({ kind: 'done', text: t('hq.export.done', { file: filename, rows: numberText(total, lang) }) });
    } catch (error) {
      setMessage({
        kind: 'error',
        text:
          (error as Error).name === 'AbortError'
            ? t('hq.export.cancelled')
            : t('hq.export.failed', { message: (error as Error).message }),
      });
    } finally {
      if (poll.current) clearInterval(poll.current);
      poll.current = null;
      setRunning(null);
    }
  };

  return (
    <main className="hq wide-main">
      <h1>{t('hq.export.title')}</h1>
      <section className="card filters">
        <p className="muted">{t('hq.export.scope')}</p>
        <LocationPicker value={area} onChange={setArea} />
        <fieldset className="choices-inline">
          <legend>{t('hq.export.format')}</legend>
          {(['xlsx', 'csv'] as const).map((f) => (
            <label key={f} className={`choice${format === f ? ' chosen' : ''}`}>
              <input type="radio" name="format" checked={format === f} onChange={() => setFormat(f)} />{' '}
              {t(`hq.export.format.${f}`)}
            </label>
          ))}
        </fieldset>
        <fieldset className="choices-inline">
          <legend>{t('hq.export.headers')}</legend>
          {(['labels', 'names'] as const).map((h) => (
            <label key={h} className={`choice${headers === h ? ' chosen' : ''}`}>
              <input type="radio" name="headers" checked={headers === h} onChange={() => setHeaders(h)} />{' '}
              {t(`hq.export.headers.${h}`)}
            </label>
          ))}
        </fieldset>
      </section>
      {running ? (
        <section className="card export-progress" aria-live="polite" data-testid="export-progress">
          <strong>{t(`hq.export.${running.dataset}`)}</strong>
          <progress max={running.total || 1} value={running.total ? running.rows : undefined} />
          <p>
            {t('hq.export.rows', { rows: numberText(running.rows, lang), total: numberText(running.total, lang) })} ·{' '}
            {t('hq.export.received', { mb: numberText(running.bytes / 1_048_576, lang, 1) })}
          </p>
          <button type="button" className="secondary" onClick={() => running.controller.abort()}>
            {t('hq.cancel')}
          </button>
        </section>
      ) : null}
      {message ? (
        <p className={message.kind === 'done' ? 'info' : 'error'} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      ) : null}
      <div className="export-grid">
        {DATASETS.filter((d) => d.roles.includes(role)).map((d) => (
          <section key={d.id} className="card export-card">
            <h2>{t(`hq.export.${d.id}`)}</h2>
            <p>{t(`hq.export.${d.id}.about`)}</p>
            {d.id === 'individuals-openimis' ? (
              <p>
                <code>{OPENIMIS_COLUMNS}</code>
              </p>
            ) : null}
            {d.id === 'indicator-reports' ? (
              <div className="filter-row">
                <label>
                  <span>{t('hq.dash.from')}</span>
                  <select value={from} onChange={(e) => setFrom(e.target.value)}>
                    {quarters.map((q) => (
                      <option key={q}>{q}</option>
                    ))}
                  </select>
                </label>
                <label>
                  <span>{t('hq.dash.to')}</span>
                  <select value={to} onChange={(e) => setTo(e.target.value)}>
                    {quarters.map((q) => (
                      <option key={q}>{q}</option>
                    ))}
                  </select>
                </label>
                <label className="check">
                  <input type="checkbox" checked={allStatuses} onChange={(e) => setAllStatuses(e.target.checked)} />{' '}
                  {t('hq.export.allStatuses')}
                </label>
              </div>
            ) : null}
            <button type="button" className="primary big" disabled={running !== null} onClick={() => void start(d.id)}>
              {t('hq.export.download', { format: d.id === 'full' ? 'JSON' : format.toUpperCase() })}
            </button>
          </section>
        ))}
      </div>
    </main>
  );
}
