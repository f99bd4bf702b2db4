import { useLocation, useSearch } from 'wouter';
import { useResource } from '../api/client.js';
import { errorText } from '../api/error-text.js';
import { query } from '../api/routes.js';
import { useHqI18n } from './i18n.js';
import { IndicatorPanel } from './IndicatorPanel.js';
import { LocationPicker } from './LocationPicker.js';
import { OperationsPanel } from './OperationsPanel.js';
import { daysAgo, isoDay, recentQuarters } from './period.js';

const LEVELS = ['province', 'commune', 'zone', 'colline'] as const;

/** M&E dashboards: indicators by quarter and place against targets; operations over a period. */
export function DashboardsScreen() {
  const { t } = useHqI18n();
  const params = new URLSearchParams(useSearch());
  const [, navigate] = useLocation();
  const quarters = recentQuarters(12);
  const tab = params.get('tab') === 'operations' ? 'operations' : 'indicators';
  const filters = {
    tab,
    area: params.get('area'),
    level: params.get('level') ?? '',
    from: params.get('from') ?? (tab === 'indicators' ? quarters[8]! : daysAgo(30)),
    to: params.get('to') ?? (tab === 'indicators' ? quarters[11]! : isoDay(new Date())),
  };
  const set = (patch: Partial<typeof filters>) => navigate(`/dashboards${query({ ...filters, ...patch })}`);
  const range = { from: filters.from, to: filters.to, ...(filters.area ? { area: filters.area } : {}) };
  const indicators = useResource(tab === 'indicators' ? 'GET /api/dashboards/indicators' : null, {
    query: { ...range, level: filters.level },
  });
  const operations = useResource(tab === 'indicators' ? null : 'GET /api/dashboards/operations', { query: range });
  const loaded = tab === 'indicators' ? indicators : operations;

  return (
    <main className="hq wide-main">
      <h1>{t('hq.dash.title')}</h1>
      <div className="tabs" role="tablist">
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'indicators'}
          className={tab === 'indicators' ? 'on' : ''}
          onClick={() => set({ tab: 'indicators', from: quarters[8]!, to: quarters[11]! })}
        >
          {t('hq.dash.indicators')}
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'operations'}
          className={tab === 'operations' ? 'on' : ''}
          onClick={() => set({ tab: 'operations', from: daysAgo(30), to: isoDay(new Date()) })}
        >
          {t('hq.dash.operations')}
        </button>
      </div>
      <section className="card filters">
        <div className="filter-row">
          {tab === 'indicators' ? (
            <>
              <label>
                <span>{t('hq.dash.from')}</span>
                <select value={filters.from} onChange={(e) => set({ from: e.target.value })}>
                  {quarters.map((q) => (
                    <option key={q} value={q}>
                      {q}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                <span>{t('hq.dash.to')}</span>
                <select value={filters.to} onChange={(e) => set({ to: e.target.value })}>
                  {quarters.map((q) => (
                    <option key={q} value={q}>
                      {q}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                <span>{t('hq.dash.level')}</span>
                <select value={filters.level} onChange={(e) => set({ level: e.target.value })}>
                  <option value="">{t('hq.dash.levelAuto')}</option>
                  {LEVELS.map((l) => (
                    <option key={l} value={l}>
                      {t(`hq.level.${l}`)}
                    </option>
                  ))}
                </select>
              </label>
            </>
          ) : (
            <>
              <label>
                <span>{t('hq.dash.from')}</span>
                <input
                  type="date"
                  value={filters.from}
                  onChange={(e) => e.target.value && set({ from: e.target.value })}
                />
              </label>
              <label>
                <span>{t('hq.dash.to')}</span>
                <input type="date" value={filters.to} onChange={(e) => e.target.value && set({ to: e.target.value })} />
              </label>
              <div className="presets">
                <button
                  type="button"
                  className="secondary"
                  onClick={() => set({ from: daysAgo(7), to: isoDay(new Date()) })}
                >
                  {t('hq.dash.last7')}
                </button>
                <button
                  type="button"
                  className="secondary"
                  onClick={() => set({ from: daysAgo(30), to: isoDay(new Date()) })}
                >
                  {t('hq.dash.last30')}
                </button>
                <button
                  type="button"
                  className="secondary"
                  onClick={() => set({ from: daysAgo(90), to: isoDay(new Date()) })}
                >
                  {t('hq.dash.last90')}
                </button>
              </div>
            </>
          )}
        </div>
        <LocationPicker value={filters.area} onChange={(area) => set({ area })} />
      </section>
      {loaded.error ? (
        <p className="error" role="alert">
          {errorText(loaded.error, t)}
        </p>
      ) : null}
      {loaded.loading && !loaded.data ? <p aria-busy="true">{t('hq.loading')}</p> : null}
      {loaded.data && 'indicators' in loaded.data && tab === 'indicators' ? (
        <IndicatorPanel dash={loaded.data} />
      ) : null}
      {loaded.data && 'enumerators' in loaded.data && tab === 'operations' ? (
        <OperationsPanel dash={loaded.data} />
      ) : null}
    </main>
  );
}
