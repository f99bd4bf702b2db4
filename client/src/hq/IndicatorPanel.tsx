import { reportFigures, type IndicatorDashboard } from '@kusanya/schemas';
import { useMemo } from 'react';
import { Chart, chartColor } from './Chart.js';
import { downloadCsv } from './csv.js';
import { numberText, pick, placeName } from './format.js';
import { useHqI18n } from './i18n.js';

/** A report figure's name in the dashboard's aggregates: households_attending → householdsAttending. */
const camelCase = (name: string) => name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

type Indicator = IndicatorDashboard['indicators'][number];
const DISAGGREGATIONS = [
  'participantsWomen',
  'participantsBatwa',
  'participantsDisability',
  'participantsRefugeesReturnees',
] as const;

/** Indicators against targets, then validated reports by location and quarter with their disaggregations. */
export function IndicatorPanel({ dash }: { dash: IndicatorDashboard }) {
  const { t, lang } = useHqI18n();
  const byLocation = useMemo(() => {
    const rows = new Map<string, Record<string, number>>();
    for (const a of dash.aggregates) {
      const key = `${a.location ?? ''}|${a.quarter}|${a.activityType ?? ''}`;
      rows.set(key, { ...a } as unknown as Record<string, number>);
    }
    return [...rows.entries()].map(([key, row]) => {
      const [location, quarter, activity] = key.split('|') as [string, string, string];
      return { location, quarter, activity, row };
    });
  }, [dash]);
  const names = new Map(dash.locations.map((l) => [l.code, placeName(l.name, l.code, lang)]));
  const aggregateHeader = ['quarter', 'location', 'location_name', 'activity_type', 'reports', ...reportFigures];

  return (
    <>
      <div className="indicator-grid">
        {dash.indicators.map((indicator) => (
          <IndicatorCard key={indicator.code} indicator={indicator} dash={dash} />
        ))}
      </div>
      <section className="card">
        <div className="row">
          <h2>{t('hq.dash.reportsTable', { level: t(`hq.level.${dash.level ?? 'colline'}`) })}</h2>
          <button
            type="button"
            className="secondary"
            onClick={() =>
              downloadCsv(
                `kusanya-indicator-reports-${dash.area.code}-${dash.from}-${dash.to}.csv`,
                aggregateHeader,
                byLocation.map(({ location, quarter, activity, row }) => [
                  quarter,
                  location,
                  names.get(location) ?? '',
                  activity,
                  row['reports'] ?? 0,
                  ...reportFigures.map((figure) => row[camelCase(figure)] ?? 0),
                ]),
                lang,
              )
            }
          >
            {t('hq.csv')}
          </button>
        </div>
        {byLocation.length === 0 ? <p className="muted">{t('hq.dash.noReports')}</p> : null}
        <div className="table-wrap" tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th>{t('hq.dash.quarter')}</th>
                <th>{t('hq.dash.place')}</th>
                <th>{t('hq.dash.activity')}</th>
                <th className="num">{t('hq.dash.reports')}</th>
                <th className="num">{t('hq.dash.participants')}</th>
                {DISAGGREGATIONS.map((d) => (
                  <th key={d} className="num">
                    {t(`hq.dash.${d}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {byLocation.slice(0, 400).map(({ location, quarter, activity, row }) => (
                <tr key={`${location}|${quarter}|${activity}`}>
                  <td>{quarter}</td>
                  <td>{names.get(location) ?? (location || t('hq.all'))}</td>
                  <td>{t(`hq.activity.${activity}`)}</td>
                  <td className="num">{numberText(row['reports'], lang)}</td>
                  <td className="num">
                    {numberText((row['participantsMen'] ?? 0) + (row['participantsWomen'] ?? 0), lang)}
                  </td>
                  {DISAGGREGATIONS.map((d) => (
                    <td key={d} className="num">
                      {numberText(row[d], lang)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {byLocation.length > 400 ? (
          <p className="muted">{t('hq.dash.truncated', { count: byLocation.length })}</p>
        ) : null}
      </section>
    </>
  );
}

function IndicatorCard({ indicator, dash }: { indicator: Indicator; dash: IndicatorDashboard }) {
  const { t, lang } = useHqI18n();
  const unit = indicator.unit === 'percent' ? ' %' : indicator.unit === 'BIF' ? ' BIF' : '';
  const progress = indicator.total.progress;
  const series = useMemo(
    () => [
      { label: t('hq.dash.value'), values: indicator.quarters.map((q) => q.value), color: chartColor(0) },
      ...(indicator.quarters.some((q) => q.target !== null)
        ? [
            {
              label: t('hq.dash.target'),
              values: indicator.quarters.map((q) => q.target),
              color: chartColor(3),
              line: true,
            },
          ]
        : []),
    ],
    [indicator, t],
  );
  const title = pick(indicator.name, lang, indicator.code);
  return (
    <section className="card indicator" data-testid="indicator-card">
      <h3>{title}</h3>
      <p className="big-number">
        {numberText(indicator.total.value, lang, 1)}
        {unit}
        {indicator.total.target !== null ? (
          <small>
            {' '}
            / {numberText(indicator.total.target, lang, 1)}
            {unit}
          </small>
        ) : null}
      </p>
      {progress !== null ? (
        <div className="progress-line">
          <progress max={100} value={Math.min(100, progress)} aria-label={t('hq.dash.progress')} />
          <span className={progress < 75 ? 'warn' : ''}>{numberText(progress, lang, 1)} %</span>
        </div>
      ) : (
        <p className="muted">{t('hq.dash.noTarget')}</p>
      )}
      <Chart categories={dash.quarters} series={series} height={180} title={title} xLabel={t('hq.dash.quarter')} />
      <button
        type="button"
        className="secondary small"
        onClick={() =>
          downloadCsv(
            `kusanya-${indicator.code}-${dash.area.code}-${dash.from}-${dash.to}.csv`,
            ['quarter', 'value', 'target', 'progress_percent'],
            indicator.quarters.map((q) => [q.quarter, q.value, q.target, q.progress]),
            lang,
          )
        }
      >
        {t('hq.csv')}
      </button>
    </section>
  );
}
