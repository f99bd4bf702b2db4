import type { FormImportResponse, XlsformProblem } from '@kusanya/schemas';
import { useState } from 'react';
import { ApiError, failure, NetworkError } from '../api/http.js';
import { useSession } from '../auth/session.js';
import { useI18n } from '../i18n/i18n.js';
import { FormPreview } from './FormPreview.js';

type Outcome =
  | { kind: 'idle' }
  | { kind: 'busy'; publishing: boolean }
  | { kind: 'done'; result: FormImportResponse }
  | { kind: 'problems'; problems: XlsformProblem[] }
  | { kind: 'failed'; message: string };

function isProblem(value: unknown): value is XlsformProblem {
  const p = value as Partial<XlsformProblem> | null;
  return typeof p === 'object' && p !== null && typeof p.message === 'string' && typeof p.row === 'number';
}

/** Sends the workbook and its media files to `POST /api/admin/forms/import` (multipart: `workbook`, `media`). */
async function upload(
  file: File,
  media: readonly File[],
  publish: boolean,
  token: string,
): Promise<FormImportResponse> {
  const body = new FormData();
  body.append('workbook', file, file.name);
  for (const m of media) body.append('media', m, m.name);
  let response: Response;
  try {
    response = await fetch(`/api/admin/forms/import?publish=${publish}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
      body,
      cache: 'no-store',
    });
  } catch (error) {
    throw new NetworkError((error as Error).message || 'Network request failed');
  }
  const answer: unknown = await response.json().catch(() => null);
  if (!response.ok) throw failure(response.status, answer);
  return answer as FormImportResponse;
}

/**
 * Admin: import an XLSForm workbook. The file is checked first (every problem listed with its
 * sheet, row and column, nothing imported); a valid one can then be published as a new version.
 */
export function FormImportScreen() {
  const { t, lang } = useI18n();
  const { session } = useSession();
  const [file, setFile] = useState<File | null>(null);
  const [media, setMedia] = useState<readonly File[]>([]);
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });
  const [previewing, setPreviewing] = useState(false);
  const token = session?.token ?? null;

  const send = async (publish: boolean) => {
    if (!file || !token) return;
    setOutcome({ kind: 'busy', publishing: publish });
    setPreviewing(false);
    try {
      setOutcome({ kind: 'done', result: await upload(file, media, publish, token) });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'validation-failed' && error.details.some(isProblem)) {
        setOutcome({ kind: 'problems', problems: error.details.filter(isProblem) });
      } else {
        setOutcome({ kind: 'failed', message: (error as Error).message });
      }
    }
  };

  const result = outcome.kind === 'done' ? outcome.result : null;
  const title = result ? (result.title?.[lang] ?? Object.values(result.title ?? {})[0] ?? result.formId) : '';
  const busy = outcome.kind === 'busy';

  return (
    <section className="form-import" aria-labelledby="form-import-title">
      <h2 id="form-import-title">{t('formImport.title')}</h2>
      <p>{t('formImport.intro')}</p>
      {!token ? <p className="error">{t('formImport.offline')}</p> : null}
      <label className="question-label" htmlFor="xlsform-file">
        {t('formImport.file')}
      </label>
      <input
        id="xlsform-file"
        type="file"
        accept=".xlsx,.xls,.xlsm,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel"
        onChange={(e) => {
          setFile(e.target.files?.[0] ?? null);
          setOutcome({ kind: 'idle' });
        }}
      />
      <label className="question-label" htmlFor="xlsform-media">
        {t('formImport.media')}
      </label>
      <input
        id="xlsform-media"
        type="file"
        multiple
        accept=".csv,.xml,.geojson,image/*,audio/*,video/*"
        onChange={(e) => {
          setMedia([...(e.target.files ?? [])]);
          setOutcome({ kind: 'idle' });
        }}
      />
      <p className="row-left">
        <button type="button" className="big" disabled={!file || !token || busy} onClick={() => void send(false)}>
          {busy && !outcome.publishing ? t('formImport.checking') : t('formImport.check')}
        </button>
        {result && result.outcome === 'checked' ? (
          <button type="button" className="primary big" disabled={busy} onClick={() => void send(true)}>
            {t('formImport.publish', { version: result.version })}
          </button>
        ) : null}
        {result?.definition && !previewing ? (
          <button type="button" className="secondary big" disabled={busy} onClick={() => setPreviewing(true)}>
            {t('formImport.preview')}
          </button>
        ) : null}
      </p>
      {busy ? (
        <progress aria-label={outcome.publishing ? t('formImport.publishing') : t('formImport.checking')} />
      ) : null}

      {result ? (
        <p className="info" role="status" data-testid="import-result">
          {result.outcome === 'checked'
            ? t('formImport.valid', { title, formId: result.formId, version: result.version })
            : result.outcome === 'published'
              ? t('formImport.published', { title, version: result.version })
              : t('formImport.unchanged', { version: result.version })}
        </p>
      ) : null}
      {outcome.kind === 'failed' ? (
        <p className="error" role="alert">
          {t('formImport.failed', { message: outcome.message })}
        </p>
      ) : null}
      {outcome.kind === 'problems' ? (
        <>
          <p className="error" role="alert">
            {t('formImport.problems', { count: outcome.problems.length })}
          </p>
          <ProblemTable problems={outcome.problems} testId="import-problems" />
        </>
      ) : null}
      {result && result.warnings.length > 0 ? (
        <details>
          <summary>{t('formImport.warnings', { count: result.warnings.length })}</summary>
          <ProblemTable problems={result.warnings} testId="import-warnings" />
        </details>
      ) : null}
      {result?.definition && previewing ? (
        <FormPreview definition={result.definition} media={media} onClose={() => setPreviewing(false)} />
      ) : null}
    </section>
  );
}

function ProblemTable({ problems, testId }: { problems: readonly XlsformProblem[]; testId: string }) {
  const { t } = useI18n();
  return (
    <table className="problems" data-testid={testId}>
      <thead>
        <tr>
          <th scope="col">{t('formImport.sheet')}</th>
          <th scope="col">{t('formImport.row')}</th>
          <th scope="col">{t('formImport.column')}</th>
          <th scope="col">{t('formImport.message')}</th>
        </tr>
      </thead>
      <tbody>
        {problems.map((p, i) => (
          <tr key={i}>
            <td>{p.sheet}</td>
            <td>{p.row > 0 ? p.row : ''}</td>
            <td>{p.column}</td>
            <td>{p.message}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
