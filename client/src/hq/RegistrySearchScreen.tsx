import type { RegistryHit } from '@kusanya/schemas';
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { useHqI18n } from './i18n.js';
import { useApiCall } from '../api/client.js';
import { errorText } from '../api/error-text.js';
import { query } from '../api/routes.js';
import { fullName, placeName } from './format.js';
import { LocationPicker } from './LocationPicker.js';

const STATUSES = ['active', 'inactive', 'visit_pending'] as const;

/** Search the registry by name, national ID, phone or household code; filter by place and status. */
export function RegistrySearchScreen() {
  const { t } = useHqI18n();
  const api = useApiCall();
  const params = new URLSearchParams(useSearch());
  const [, navigate] = useLocation();
  const q = params.get('q') ?? '';
  const area = params.get('area');
  const status = params.get('status') ?? '';
  const [text, setText] = useState(q);
  const [place, setPlace] = useState<string | null>(area);
  const [state, setState] = useState(status);
  const [result, setResult] = useState<{
    items: RegistryHit[];
    total: number | null;
    totalCapped: boolean;
    nextCursor: string | null;
  } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);

  const fetchPage = async (cursor: string | null) => {
    setLoading(true);
    setError(null);
    try {
      const page = await api('GET /api/registry/search', {
        query: { q, area, status, cursor, limit: 25 },
      });
      setResult((prev) =>
        cursor && prev ? { ...prev, items: [...prev.items, ...page.items], nextCursor: page.nextCursor } : page,
      );
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  };

  useEffect(() => {
    setText(q);
    setPlace(area);
    setState(status);
    if (q || area || status) void fetchPage(null);
    else setResult(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [q, area, status]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate(`/registry${query({ q: text.trim(), area: place, status: state })}`);
  };

  return (
    <main className="hq wide-main">
      <h1>{t('hq.registry.title')}</h1>
      <form className="card search-form" onSubmit={submit} role="search">
        <label className="grow">
          <span>{t('hq.registry.query')}</span>
          <input
            type="search"
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder={t('hq.registry.placeholder')}
            autoFocus
          />
        </label>
        <LocationPicker value={place} onChange={setPlace} />
        <label>
          <span>{t('hq.registry.status')}</span>
          <select value={state} onChange={(e) => setState(e.target.value)}>
            <option value="">{t('hq.registry.status.any')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`hq.registry.status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary">
          {t('hq.registry.search')}
        </button>
      </form>
      {error ? (
        <p className="error" role="alert">
          {errorText(error, t)}
        </p>
      ) : null}
      {result ? (
        <section aria-live="polite">
          <p className="muted">
            {result.total === null
              ? null
              : result.totalCapped
                ? t('hq.registry.countMany', { count: result.total })
                : t('hq.registry.count', { count: result.total })}
          </p>
          {result.items.length === 0 ? <p className="info">{t('hq.registry.none')}</p> : null}
          <ul className="list">
            {result.items.map((hit, i) => (
              <Hit key={`${hit.kind}-${hit.person?.id ?? hit.household?.id}-${i}`} hit={hit} />
            ))}
          </ul>
          {result.nextCursor ? (
            <button
              type="button"
              className="secondary wide"
              disabled={loading}
              onClick={() => void fetchPage(result.nextCursor)}
            >
              {loading ? t('hq.loading') : t('hq.more')}
            </button>
          ) : null}
        </section>
      ) : loading ? (
        <p aria-busy="true">{t('hq.loading')}</p>
      ) : (
        <p className="muted">{t('hq.registry.hint')}</p>
      )}
    </main>
  );
}

function Hit({ hit }: { hit: RegistryHit }) {
  const { t, lang } = useHqI18n();
  const h = hit.household;
  const p = hit.person;
  const body = (
    <>
      <span className="hit-main">
        <strong>{p ? fullName(p) : h?.code}</strong>
        {p?.role ? <span className="badge">{t(`hq.role.${p.role}`)}</span> : null}
        {p?.recipient === 'PRIMARY' ? <span className="badge status-approved">{t('hq.recipient.PRIMARY')}</span> : null}
        {p && !p.activeMember ? <span className="badge status-rejected">{t('hq.member.left')}</span> : null}
        {hit.tier === 'identifier' ? (
          <span className="badge status-pending_review">{t('hq.registry.exact')}</span>
        ) : null}
      </span>
      <small>
        {h
          ? `${t('hq.household')} ${h.code} · ${placeName(h.areaName, h.area, lang)}, ${placeName(h.communeName, h.commune, lang)} · ${t('hq.registry.head')}: ${h.headName ?? '—'} · ${t('hq.registry.size', { count: h.size })}`
          : t('hq.registry.noHousehold')}
        {p?.nationalId ? ` · ${t('hq.nationalId')} ${p.nationalId}` : ''}
        {p?.birthYear ? ` · ${t('hq.born', { year: p.birthYear })}` : ''}
      </small>
    </>
  );
  return (
    <li className="card hit">
      {h ? (
        <Link href={`/households/${h.id}`} className="hit-link">
          {body}
        </Link>
      ) : (
        body
      )}
    </li>
  );
}
