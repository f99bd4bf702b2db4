import { Link } from 'wouter';
import { localize } from '../form/labels.js';
import { useI18n } from '../i18n/i18n.js';
import { useAdminApi } from './api.js';
import { Done, ErrorMessage, formatTime, Loading, useAction } from './ui.js';
import { useResource } from '../api/client.js';
import { DataTable } from '../ui/DataTable.js';

/**
 * Forms: every version (published or retired) with how many records used it; publish a JSON definition or
 * import an XLSForm; retire a version (devices stop offering it; records captured with it stay valid).
 */
export function FormsScreen() {
  const api = useAdminApi();
  const { t, lang } = useI18n();
  const list = useResource('GET /api/admin/forms');
  const action = useAction();

  const publishJson = async (file: File | null) => {
    if (!file) return;
    await action.run(
      async () => {
        let definition: unknown;
        try {
          definition = JSON.parse(await file.text());
        } catch {
          throw new Error(t('admin.forms.notJson', { file: file.name }));
        }
        return api.publishForm(definition);
      },
      (r) =>
        r.outcome === 'published'
          ? t('admin.forms.published', { form: r.formId, version: r.version })
          : t('admin.forms.unchanged', { form: r.formId, version: r.version }),
    );
    list.reload();
  };
  const retire = (formId: string, version: string) =>
    void action
      .confirmThenRun(
        t('admin.forms.retireConfirm', { form: formId, version }),
        () => api.retireForm(formId, version),
        () => t('admin.forms.retired', { form: formId, version }),
      )
      .then(list.reload);

  return (
    <section aria-labelledby="forms-title">
      <h2 id="forms-title">{t('admin.forms.title')}</h2>
      <div className="card admin-form">
        <Link href="/forms/import" className="button secondary">
          {t('formImport.nav')}
        </Link>
        <label>
          {t('admin.forms.publishJson')}
          <input
            type="file"
            accept=".json,application/json"
            data-testid="form-json-file"
            onChange={(e) => void publishJson(e.target.files?.[0] ?? null)}
          />
        </label>
        {action.busy ? <progress className="wide" aria-label={t('admin.loading')} /> : null}
        <ErrorMessage error={action.error} />
        <Done message={action.done} />
      </div>
      <Loading loading={list.loading} />
      <ErrorMessage error={list.error} />
      <DataTable
        testId="forms-table"
        headers={[
          t('admin.forms.form'),
          t('admin.forms.version'),
          t('admin.forms.status'),
          t('admin.forms.publishedAt'),
          t('admin.forms.questions'),
          t('admin.forms.records'),
          t('admin.actions'),
        ]}
      >
        {(list.data?.forms ?? []).map((f) => (
          <tr
            key={`${f.formId}@${f.version}`}
            data-testid="form-row"
            data-form={`${f.formId}@${f.version}`}
            data-status={f.status}
          >
            <td>
              <strong>{localize(f.title, lang, { defaultLanguage: 'fr' })}</strong>
              <br />
              <small className="muted">
                <code>{f.formId}</code>
              </small>
            </td>
            <td>{f.version}</td>
            <td>
              <span className={`badge ${f.status === 'published' ? 'status-approved' : 'status-rejected'}`}>
                {f.status === 'published' ? t('admin.forms.statusPublished') : t('admin.forms.statusRetired')}
              </span>
            </td>
            <td>{formatTime(f.publishedAt, lang)}</td>
            <td>{f.questions}</td>
            <td>{f.submissions}</td>
            <td>
              {f.status === 'published' ? (
                <button
                  type="button"
                  className="secondary"
                  disabled={action.busy}
                  onClick={() => retire(f.formId, f.version)}
                >
                  {t('admin.forms.retire')}
                </button>
              ) : null}
            </td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}
