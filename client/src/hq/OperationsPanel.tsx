import type { OperationsDashboard } from '@kusanya/schemas';
import { useMemo } from 'react';
import { Chart, chartColor } from './Chart.js';
import { downloadCsv } from './csv.js';
import { numberText } from './format.js';
import { useHqI18n } from './i18n.js';

const percent = (v: number | null, lang: string) => (v === null ? '—' : `${numberText(v * 100, lang, 1)} %`);

/** Submissions per day and enumerator, review decisions and delay, grievances by category and status. */
export function OperationsPanel({ dash }: { dash: OperationsDashboard }) {
  const { t, lang } = useHqI18n();
  const name = `${dash.area.code ?? 'all'}-${dash.from}-${dash.to}`;
  const perDay = useMemo(() => {
    const days = [...new Set(dash.submissionsPerDay.map((d) => d.day))].sort();
    const forms = [...new Set(dash.submissionsPerDay.map((d) => d.formId))].sort();
    const count = new Map(dash.submissionsPerDay.map((d) => [`${d.day}|${d.formId}`, d.count]));
    return {
      days,
      forms,
      series: forms.map((f, i) => ({
        label: t(`hq.form.${f}`),
        values: days.map((d) => count.get(`${d}|${f}`) ?? 0),
        color: chartColor(i),
        line: true,
      })),
      count,
    };
  }, [dash, t]);
  const reviewSeries = useMemo(
    () =>
      (['approve', 'return', 'reject'] as const).map((d, i) => ({
        label: t(`hq.decision.${d}`),
        values: dash.reviews.perDay.map((r) => r[d]),
        color: chartColor(i),
        line: true,
      })),
    [dash, t],
  );
  const top = useMemo(() => dash.enumerators.slice(0, 20), [dash]);
  const enumeratorSeries = useMemo(
    () => [
      { label: t('hq.dash.submissions'), values: top.map((e) => e.count), color: chartColor(0) },
      { label: t('status.approved'), values: top.map((e) => e.approved), color: chartColor(1), line: true },
    ],
    [top, t],
  );
  const categories = useMemo(() => dash.grievances?.byCategory ?? [], [dash]);
  const grievanceSeries = useMemo(
    () => [
      { label: t('hq.dash.tickets'), values: categories.map((c) => c.count), color: chartColor(1) },
      { label: t('hq.grievances.overdue'), values: categories.map((c) => c.overdue), color: chartColor(3), line: true },
    ],
    [categories, t],
  );

  return (
    <>
      <section className="card">
        <div className="row">
          <h2>{t('hq.dash.perDay')}</h2>
          <button
            type="button"
            className="secondary"
            onClick={() =>
              downloadCsv(
                `kusanya-submissions-per-day-${name}.csv`,
                ['day', ...perDay.forms],
                perDay.days.map((d) => [d, ...perDay.forms.map((f) => perDay.count.get(`${d}|${f}`) ?? 0)]),
                lang,
              )
            }
          >
            {t('hq.csv')}
          </button>
        </div>
        {perDay.days.length === 0 ? (
          <p className="muted">{t('hq.dash.nothing')}</p>
        ) : (
          <Chart
            categories={perDay.days}
            series={perDay.series}
            title={t('hq.dash.perDay')}
            xLabel={t('hq.dash.day')}
          />
        )}
      </section>

      <section className="card">
        <div className="row">
          <h2>{t('hq.dash.reviews')}</h2>
          <button
            type="button"
            className="secondary"
            onClick={() =>
              downloadCsv(
                `kusanya-review-decisions-${name}.csv`,
                ['day', 'approve', 'return', 'reject'],
                dash.reviews.perDay.map((r) => [r.day, r.approve, r.return, r.reject]),
                lang,
              )
            }
          >
            {t('hq.csv')}
          </button>
        </div>
        <div className="stat-row">
          <Stat label={t('hq.dash.approvalRate')} value={percent(dash.reviews.rates.approve, lang)} />
          <Stat label={t('hq.dash.returnRate')} value={percent(dash.reviews.rates.return, lang)} />
          <Stat label={t('hq.dash.rejectRate')} value={percent(dash.reviews.rates.reject, lang)} />
          <Stat label={t('hq.dash.decisions')} value={numberText(dash.reviews.totals.total, lang)} />
          <Stat
            label={t('hq.dash.delayMedian')}
            value={
              dash.reviews.delayHours.p50 === null
                ? '—'
                : t('hq.dash.hours', { n: numberText(dash.reviews.delayHours.p50, lang, 1) })
            }
          />
          <Stat
            label={t('hq.dash.delay90')}
            value={
              dash.reviews.delayHours.p90 === null
                ? '—'
                : t('hq.dash.hours', { n: numberText(dash.reviews.delayHours.p90, lang, 1) })
            }
          />
        </div>
        {dash.reviews.perDay.length > 0 ? (
          <Chart
            categories={dash.reviews.perDay.map((r) => r.day)}
            series={reviewSeries}
            title={t('hq.dash.reviews')}
            xLabel={t('hq.dash.day')}
          />
        ) : null}
      </section>

      <section className="card">
        <div className="row">
          <h2>{t('hq.dash.enumerators')}</h2>
          <button
            type="button"
            className="secondary"
            onClick={() =>
              downloadCsv(
                `kusanya-submissions-per-enumerator-${name}.csv`,
                ['enumerator', 'submissions', 'approved', 'returned', 'rejected', 'waiting', 'needs_correction'],
                dash.enumerators.map((e) => [
                  e.username,
                  e.count,
                  e.approved,
                  e.returned,
                  e.rejected,
                  e.waiting,
                  e.needsCorrection,
                ]),
                lang,
              )
            }
          >
            {t('hq.csv')}
          </button>
        </div>
        {top.length > 0 ? (
          <Chart
            categories={top.map((e) => e.username)}
            series={enumeratorSeries}
            title={t('hq.dash.enumerators')}
            xLabel={t('hq.dash.enumerator')}
          />
        ) : null}
        <div className="table-wrap" tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th>{t('hq.dash.enumerator')}</th>
                <th className="num">{t('hq.dash.submissions')}</th>
                <th className="num">{t('status.approved')}</th>
                <th className="num">{t('status.returned')}</th>
                <th className="num">{t('status.rejected')}</th>
                <th className="num">{t('hq.dash.waiting')}</th>
                <th className="num">{t('status.needs_correction')}</th>
              </tr>
            </thead>
            <tbody>
              {dash.enumerators.slice(0, 100).map((e) => (
                <tr key={e.enumeratorId}>
                  <td>{e.username}</td>
                  <td className="num">{numberText(e.count, lang)}</td>
                  <td className="num">{numberText(e.approved, lang)}</td>
                  <td className="num">{numberText(e.returned, lang)}</td>
                  <td className="num">{numberText(e.rejected, lang)}</td>
                  <td className="num">{numberText(e.waiting, lang)}</td>
                  <td className="num">{numberText(e.needsCorrection, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      {dash.grievances ? (
        <section className="card">
          <div className="row">
            <h2>{t('hq.dash.grievances')}</h2>
            <button
              type="button"
              className="secondary"
              onClick={() =>
                downloadCsv(
                  `kusanya-grievances-${name}.csv`,
                  ['kind', 'code', 'tickets', 'overdue'],
                  [
                    ...categories.map((c) => ['category', c.category, c.count, c.overdue]),
                    ...dash.grievances!.byStatus.map((s) => ['status', s.status, s.count, s.overdue]),
                  ],
                  lang,
                )
              }
            >
              {t('hq.csv')}
            </button>
          </div>
          <div className="stat-row">
            <Stat label={t('hq.dash.tickets')} value={numberText(dash.grievances.total, lang)} />
            <Stat
              label={t('hq.grievances.overdue')}
              value={numberText(dash.grievances.overdue, lang)}
              warn={dash.grievances.overdue > 0}
            />
            {dash.grievances.byStatus.map((s) => (
              <Stat key={s.status} label={t(`hq.ticket.${s.status}`)} value={numberText(s.count, lang)} />
            ))}
          </div>
          {categories.length > 0 ? (
            <Chart
              categories={categories.map((c) => t(`hq.category.${c.category}`))}
              series={grievanceSeries}
              title={t('hq.dash.grievances')}
              xLabel={t('hq.grievances.category')}
            />
          ) : null}
          <p className="muted">{t('hq.dash.sensitiveNote')}</p>
        </section>
      ) : null}
    </>
  );
}

function Stat({ label, value, warn }: { label: string; value: string; warn?: boolean }) {
  return (
    <div className="stat">
      <small>{label}</small>
      <strong className={warn ? 'warn' : ''}>{value}</strong>
    </div>
  );
}
