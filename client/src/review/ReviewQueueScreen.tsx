import type { ReviewQueueItem } from '@kusanya/schemas';
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'wouter';
import { useWorkspace } from '../db/workspace.js';
import { useCompiledForms } from '../form/compiled-forms.js';
import { useI18n } from '../i18n/i18n.js';
import { areaName, formTitle, recordTitle } from './labels.js';
import { useApiCall, useResource } from '../api/client.js';
import { errorText } from '../api/error-text.js';
import { useFormDocs } from './use-forms.js';

const WAITS = [1, 3, 7];

const PAGE = 50;

/** The supervisor's queue: records of their area waiting for review, oldest first, with filters, counts and bulk approval. */
export function ReviewQueueScreen() {
  const { t, lang } = useI18n();
  const { session } = useWorkspace();
  const forms = useFormDocs();
  const compiled = useCompiledForms();
  const areas = useResource('GET /api/me/areas');
  const [filters, setFilters] = useState({ area: '', enumeratorId: '', formId: '', minWaitHours: '' });
  const [items, setItems] = useState<ReviewQueueItem[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const page = useResource('GET /api/review/queue', { query: { ...filters, limit: PAGE } });
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const call = useApiCall();
  const canDecide = session.user.role === 'supervisor';

  useEffect(() => {
    if (page.data) {
      setItems(page.data.items);
      setCursor(page.data.nextCursor);
      setSelected(new Set());
    }
  }, [page.data]);

  const enumerators = useMemo(() => {
    const byId = new Map(items.map((i) => [i.enumeratorId, i.enumerator]));
    return [...byId.entries()].sort((a, b) => a[1].localeCompare(b[1]));
  }, [items]);
  const collines = (areas.data?.areas ?? []).filter((a) => a.level === 'colline');
  const clean = items.filter((i) => i.openCandidates === 0 && !i.revisit && i.errors === 0);

  const loadMore = async () => {
    if (!cursor) return;
    const next = await call('GET /api/review/queue', { query: { ...filters, cursor, limit: PAGE } });
    setItems((current) => [...current, ...next.items]);
    setCursor(next.nextCursor);
  };

  const bulkApprove = async () => {
    setBusy(true);
    try {
      const [first, ...rest] = items.filter((i) => selected.has(i.id)).map(({ id, rev }) => ({ id, rev }));
      if (!first) return;
      const result = await call('POST /api/review/bulk-approve', { body: { items: [first, ...rest] } });
      const approved = result.results.filter((r) => r.outcome === 'approved').length;
      setNotice(t('review.bulkDone', { approved, skipped: result.results.length - approved }));
      page.reload();
    } catch (e) {
      setNotice(errorText(e, t));
    } finally {
      setBusy(false);
    }
  };

  const setFilter = (key: keyof typeof filters) => (e: { target: { value: string } }) =>
    setFilters((f) => ({ ...f, [key]: e.target.value }));

  return (
    <main className="review">
      <h1>{t('review.title')}</h1>
      <fieldset className="review-filters">
        <legend>{t('review.filters')}</legend>
        <select aria-label={t('review.allCollines')} value={filters.area} onChange={setFilter('area')}>
          <option value="">{t('review.allCollines')}</option>
          {collines.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </select>
        <select
          aria-label={t('review.allEnumerators')}
          value={filters.enumeratorId}
          onChange={setFilter('enumeratorId')}
        >
          <option value="">{t('review.allEnumerators')}</option>
          {enumerators.map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </select>
        <select aria-label={t('review.allForms')} value={filters.formId} onChange={setFilter('formId')}>
          <option value="">{t('review.allForms')}</option>
          {[...new Set(forms.all.map((f) => f.formId))].map((formId) => (
            <option key={formId} value={formId}>
              {formTitle(forms.byVersion(formId, ''), formId, lang)}
            </option>
          ))}
        </select>
        <select aria-label={t('review.anyWait')} value={filters.minWaitHours} onChange={setFilter('minWaitHours')}>
          <option value="">{t('review.anyWait')}</option>
          {WAITS.map((d) => (
            <option key={d} value={String(d * 24)}>
              {t('review.waitDays', { days: d })}
            </option>
          ))}
        </select>
      </fieldset>

      {page.offline ? <p className="info">{t('review.onlineOnly')}</p> : null}
      {page.error && !page.offline ? (
        <p className="error" role="alert">
          {errorText(page.error, t)}{' '}
          <button type="button" className="secondary" onClick={page.reload}>
            {t('review.retry')}
          </button>
        </p>
      ) : null}
      {page.loading && !page.data ? <progress aria-label={t('review.loading')} /> : null}
      {notice ? (
        <p className="info" role="status">
          {notice}
        </p>
      ) : null}

      {page.data ? (
        <p className="row">
          <strong data-testid="queue-count">{t('review.count', { count: page.data.counts.total })}</strong>
          {canDecide && clean.length > 0 ? (
            <span className="row">
              <button type="button" className="secondary" onClick={() => setSelected(new Set(clean.map((i) => i.id)))}>
                {t('review.selectClean')}
              </button>
              <button type="button" disabled={busy || selected.size === 0} onClick={() => void bulkApprove()}>
                {t('review.bulkApprove', { count: selected.size })}
              </button>
            </span>
          ) : null}
        </p>
      ) : null}
      {page.data && items.length === 0 ? <p className="muted">{t('review.empty')}</p> : null}

      <ul className="list" data-testid="review-queue">
        {items.map((item) => {
          const form = forms.byVersion(item.formId, item.formVersion);
          const warning = item.openCandidates > 0 || item.revisit;
          return (
            <li key={item.id} className={`card queue-item ${warning ? 'warn-border' : ''}`} data-testid="queue-item">
              {canDecide ? (
                <input
                  type="checkbox"
                  className="big-check"
                  aria-label={recordTitle(compiled, form, `${item.id}@${item.rev}`, item.data, lang) || item.id}
                  checked={selected.has(item.id)}
                  disabled={warning}
                  onChange={(e) =>
                    setSelected((s) => {
                      const next = new Set(s);
                      if (e.target.checked) next.add(item.id);
                      else next.delete(item.id);
                      return next;
                    })
                  }
                />
              ) : null}
              <div className="grow">
                <strong>
                  {recordTitle(compiled, form, `${item.id}@${item.rev}`, item.data, lang) ||
                    formTitle(form, item.formId, lang)}
                </strong>
                <br />
                <small>
                  {formTitle(form, item.formId, lang)} · {areaName(areas.data?.areas, item.area, lang)} ·{' '}
                  {t('review.by', { name: item.enumerator })} ·{' '}
                  {t('review.waiting', {
                    when: new Date(item.receivedAt).toLocaleDateString(lang === 'rn' ? 'fr' : lang),
                  })}
                </small>
                <div className="badges">
                  {item.openCandidates > 0 ? (
                    <span className="badge status-needs_correction">
                      {t('review.duplicates', { count: item.openCandidates })}
                    </span>
                  ) : null}
                  {item.revisit ? <span className="badge status-pending_review">{t('review.revisit')}</span> : null}
                  {item.correction ? (
                    <span className="badge status-needs_correction" data-testid="correction-badge">
                      {t('review.correctionBadge')}
                    </span>
                  ) : null}
                </div>
              </div>
              <Link href={`/review/${item.id}`} className="button secondary">
                {t('review.open')}
              </Link>
            </li>
          );
        })}
      </ul>
      {cursor ? (
        <button type="button" className="secondary wide" onClick={() => void loadMore()}>
          {t('review.more')}
        </button>
      ) : null}
    </main>
  );
}
