import type { TicketListResponse, TicketSummary } from '@kusanya/schemas';
import { useEffect, useState } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { useSession } from '../auth/session.js';
import { useApiCall, useResource } from '../api/client.js';
import { errorText } from '../api/error-text.js';
import { query } from '../api/routes.js';
import { dateText, pick, placeName } from './format.js';
import { useHqI18n } from './i18n.js';
import { LocationPicker } from './LocationPicker.js';

const STATUSES = ['RECEIVED', 'OPEN', 'IN_PROGRESS', 'RESOLVED', 'CLOSED'] as const;

/** Grievance tickets: filters, counts, most urgent first; overdue ones stand out. */
export function GrievancesScreen() {
  const { t, lang } = useHqI18n();
  const api = useApiCall();
  const { session } = useSession();
  const officer = session?.user.role === 'grievance_officer';
  const params = new URLSearchParams(useSearch());
  const [, navigate] = useLocation();
  const filters = {
    status: params.getAll('status'),
    category: params.get('category') ?? '',
    sensitive: params.get('sensitive') ?? '',
    overdue: params.get('overdue') === 'true',
    area: params.get('area'),
    channel: params.get('channel') ?? '',
    assigned: params.get('assigned') ?? '',
    code: params.get('code') ?? '',
    sort: params.get('sort') ?? 'due',
  };
  const meta = useResource('GET /api/grievances/meta');
  const [list, setList] = useState<TicketListResponse | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const search = query({ ...filters, limit: 50 });

  const load = async (cursor: string | null) => {
    setLoading(true);
    setError(null);
    try {
      const page = await api('GET /api/grievances/tickets', { query: { ...filters, cursor, limit: 50 } });
      setList((prev) => (cursor && prev ? { ...page, items: [...prev.items, ...page.items] } : page));
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => {
    void load(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [search]);

  const set = (patch: Partial<typeof filters>) => navigate(`/grievances${query({ ...filters, ...patch })}`);
  const toggleStatus = (s: string) =>
    set({ status: filters.status.includes(s) ? filters.status.filter((x) => x !== s) : [...filters.status, s] });
  const labels = meta.data?.labels;
  const choice = (field: string, code: string | null) =>
    code ? pick(labels?.fields[field]?.choices?.[code], lang, t(`hq.category.${code}`)) : '—';

  return (
    <main className="hq wide-main">
      <h1>{t('hq.grievances.title')}</h1>
      <section className="card filters">
        <div className="chips" role="group" aria-label={t('hq.grievances.status')}>
          {STATUSES.map((s) => (
            <button
              key={s}
              type="button"
              className={`chip${filters.status.includes(s) ? ' on' : ''}`}
              aria-pressed={filters.status.includes(s)}
              onClick={() => toggleStatus(s)}
            >
              {t(`hq.ticket.${s}`)} <span className="count">{list?.counts.byStatus[s] ?? 0}</span>
            </button>
          ))}
          <button
            type="button"
            className={`chip danger${filters.overdue ? ' on' : ''}`}
            aria-pressed={filters.overdue}
            onClick={() => set({ overdue: !filters.overdue })}
          >
            {t('hq.grievances.overdue')} <span className="count">{list?.counts.overdue ?? 0}</span>
          </button>
        </div>
        <div className="filter-row">
          <label>
            <span>{t('hq.grievances.category')}</span>
            <select value={filters.category} onChange={(e) => set({ category: e.target.value })}>
              <option value="">{t('hq.all')}</option>
              {meta.data?.categories.map((c) => (
                <option key={c} value={c}>
                  {choice('category', c)}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t('hq.grievances.channel')}</span>
            <select value={filters.channel} onChange={(e) => set({ channel: e.target.value })}>
              <option value="">{t('hq.all')}</option>
              {meta.data?.channels.map((c) => (
                <option key={c} value={c}>
                  {choice('channel', c)}
                </option>
              ))}
            </select>
          </label>
          {officer ? (
            <label>
              <span>{t('hq.grievances.sensitive')}</span>
              <select value={filters.sensitive} onChange={(e) => set({ sensitive: e.target.value })}>
                <option value="">{t('hq.all')}</option>
                <option value="true">{t('hq.grievances.sensitiveOnly')}</option>
                <option value="false">{t('hq.grievances.notSensitive')}</option>
              </select>
            </label>
          ) : null}
          <label>
            <span>{t('hq.grievances.assigned')}</span>
            <select value={filters.assigned} onChange={(e) => set({ assigned: e.target.value })}>
              <option value="">{t('hq.all')}</option>
              <option value="me">{t('hq.grievances.mine')}</option>
              <option value="none">{t('hq.grievances.unassigned')}</option>
            </select>
          </label>
          <label>
            <span>{t('hq.grievances.sort')}</span>
            <select value={filters.sort} onChange={(e) => set({ sort: e.target.value })}>
              <option value="due">{t('hq.grievances.sort.due')}</option>
              <option value="received">{t('hq.grievances.sort.received')}</option>
            </select>
          </label>
          <label>
            <span>{t('hq.grievances.code')}</span>
            <input
              type="search"
              defaultValue={filters.code}
              placeholder="GRV-2026-…"
              onKeyDown={(e) => e.key === 'Enter' && set({ code: e.currentTarget.value.trim() })}
            />
          </label>
        </div>
        <LocationPicker value={filters.area} onChange={(area) => set({ area })} />
      </section>
      {error ? (
        <p className="error" role="alert">
          {errorText(error, t)}
        </p>
      ) : null}
      {list ? (
        <>
          <p className="muted">
            {t('hq.grievances.count', { count: list.counts.total })}
            {officer ? ` · ${t('hq.grievances.sensitiveCount', { count: list.counts.sensitive })}` : ''}
          </p>
          {list.items.length === 0 ? <p className="info">{t('hq.grievances.none')}</p> : null}
          <ul className="list">
            {list.items.map((ticket) => (
              <TicketLine key={ticket.id} ticket={ticket} category={choice('category', ticket.category)} />
            ))}
          </ul>
          {list.nextCursor ? (
            <button
              type="button"
              className="secondary wide"
              disabled={loading}
              onClick={() => void load(list.nextCursor)}
            >
              {loading ? t('hq.loading') : t('hq.more')}
            </button>
          ) : null}
        </>
      ) : (
        <p aria-busy="true">{t('hq.loading')}</p>
      )}
    </main>
  );
}

function TicketLine({ ticket, category }: { ticket: TicketSummary; category: string }) {
  const { t, lang } = useHqI18n();
  const late = Math.ceil((Date.now() - Date.parse(ticket.dueAt)) / 86_400_000);
  return (
    <li className={`card ticket-line${ticket.overdue ? ' overdue' : ''}`} data-testid="ticket-line">
      <Link href={`/grievances/${ticket.id}`} className="hit-link">
        <span className="hit-main">
          <strong>{ticket.code}</strong>
          <span className={`badge ticket-${ticket.status}`}>{t(`hq.ticket.${ticket.status}`)}</span>
          {ticket.sensitive ? <span className="badge sensitive">{t('hq.ticket.sensitive')}</span> : null}
          {ticket.special ? <span className="badge">{t('hq.ticket.special')}</span> : null}
          {ticket.overdue ? <span className="badge late">{t('hq.ticket.late', { days: late })}</span> : null}
        </span>
        <small>
          {category} · {placeName(ticket.areaName, ticket.area, lang)},{' '}
          {placeName(ticket.communeName, ticket.commune, lang)} ·{' '}
          {t('hq.ticket.received', { date: dateText(ticket.receivedAt, lang) })} ·{' '}
          {t('hq.ticket.due', { date: dateText(ticket.dueAt, lang) })} ·{' '}
          {ticket.assignedTo ? ticket.assignedTo.username : t('hq.grievances.unassigned')}
        </small>
      </Link>
    </li>
  );
}
