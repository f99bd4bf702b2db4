import type { AuditEntry } from '@kusanya/schemas';
import { useEffect, useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { useApiCall } from '../api/client.js';
import { useAdminApi, type AuditFilters } from './api.js';
import { ErrorMessage, formatTime, useAction } from './ui.js';
import { AUDIT_ACTIONS, auditActionKey, auditRoleKey } from './audit-actions.js';

const toIso = (local: string) => (local ? new Date(local).toISOString() : '');

/** The audit log: who did what, when, from which device and IP, with what outcome; filter, page, export. */
export function AuditScreen() {
  const api = useAdminApi();
  const call = useApiCall();
  const { t, lang } = useI18n();
  const [draft, setDraft] = useState<{
    actor: string;
    action: string;
    outcome: AuditFilters['outcome'] | '';
    from: string;
    to: string;
  }>({ actor: '', action: '', outcome: '', from: '', to: '' });
  const [filters, setFilters] = useState<AuditFilters>({});
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [loaded, setLoaded] = useState(false);
  const action = useAction();

  const load = async (f: AuditFilters, before?: number) => {
    const page = await action.run(() => call('GET /api/admin/audit', { query: { ...f, before, limit: 50 } }));
    if (!page) return;
    setEntries((current) => (before ? [...current, ...page.entries] : page.entries));
    setNext(page.next);
    setLoaded(true);
  };
  const search = (event?: FormEvent) => {
    event?.preventDefault();
    const f: AuditFilters = {
      actor: draft.actor.trim(),
      action: draft.action.trim(),
      ...(draft.outcome ? { outcome: draft.outcome } : {}),
      from: toIso(draft.from),
      to: toIso(draft.to),
    };
    setFilters(f);
    void load(f);
  };
  useEffect(() => {
    search();
    // Once, when the screen opens: the newest entries.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (
    <section aria-labelledby="audit-title">
      <h2 id="audit-title">{t('admin.audit.title')}</h2>
      <form className="card admin-filters" onSubmit={search} aria-label={t('admin.audit.filters')}>
        <label>
          {t('admin.audit.actor')}
          <input name="actor" value={draft.actor} onChange={(e) => setDraft({ ...draft, actor: e.target.value })} />
        </label>
        <label>
          {t('admin.audit.action')}
          <select name="action" value={draft.action} onChange={(e) => setDraft({ ...draft, action: e.target.value })}>
            <option value="">{t('admin.audit.any')}</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {t(auditActionKey(a))}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('admin.audit.outcome')}
          <select
            name="outcome"
            value={draft.outcome}
            onChange={(e) => setDraft({ ...draft, outcome: e.target.value as AuditFilters['outcome'] | '' })}
          >
            <option value="">{t('admin.audit.any')}</option>
            <option value="success">{t('admin.audit.success')}</option>
            <option value="denied">{t('admin.audit.denied')}</option>
            <option value="failure">{t('admin.audit.failure')}</option>
          </select>
        </label>
        <label>
          {t('admin.audit.from')}
          <input
            name="from"
            type="datetime-local"
            value={draft.from}
            onChange={(e) => setDraft({ ...draft, from: e.target.value })}
          />
        </label>
        <label>
          {t('admin.audit.to')}
          <input
            name="to"
            type="datetime-local"
            value={draft.to}
            onChange={(e) => setDraft({ ...draft, to: e.target.value })}
          />
        </label>
        <div className="admin-actions">
          <button type="submit" className="primary" disabled={action.busy}>
            {t('admin.audit.search')}
          </button>
          <button
            type="button"
            className="secondary"
            disabled={action.busy}
            onClick={() => void action.run(() => api.exportAudit(filters))}
          >
            {t('admin.audit.export')}
          </button>
        </div>
      </form>
      {action.busy ? <progress className="wide" aria-label={t('admin.loading')} /> : null}
      <ErrorMessage error={action.error} />
      {loaded && entries.length === 0 ? <p className="muted">{t('admin.audit.none')}</p> : null}
      <div className="table-scroll" tabIndex={0}>
        <table className="admin-table" data-testid="audit-table">
          <thead>
            <tr>
              <th>{t('admin.audit.when')}</th>
              <th>{t('admin.audit.actor')}</th>
              <th>{t('admin.audit.action')}</th>
              <th>{t('admin.audit.target')}</th>
              <th>{t('admin.audit.outcome')}</th>
              <th>{t('admin.audit.where')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id} data-testid="audit-row" data-action={e.action} data-outcome={e.outcome}>
                <td>{formatTime(e.at, lang)}</td>
                <td>
                  {e.actor ?? '—'}
                  {e.role ? <small className="muted"> ({t(auditRoleKey(e.role))})</small> : null}
                </td>
                <td title={e.action}>{t(auditActionKey(e.action))}</td>
                <td className="wrap" title={e.target ?? undefined}>
                  {e.targetName ?? e.target ?? '—'}
                </td>
                <td>
                  <span
                    className={`badge ${e.outcome === 'success' ? 'status-approved' : e.outcome === 'denied' ? 'status-needs_correction' : 'status-rejected'}`}
                  >
                    {t(`admin.audit.${e.outcome}` as const)} {e.status ?? ''}
                  </span>
                </td>
                <td className="wrap">
                  <small>
                    {e.deviceId ?? ''} {e.ip ?? ''}
                  </small>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {next ? (
        <button type="button" className="secondary" disabled={action.busy} onClick={() => void load(filters, next)}>
          {t('admin.audit.older')}
        </button>
      ) : null}
    </section>
  );
}
