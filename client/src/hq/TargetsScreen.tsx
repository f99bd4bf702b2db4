import type { IndicatorSaveRequest } from '@kusanya/schemas';
import { useEffect, useState } from 'react';
import { useSession } from '../auth/session.js';
import { useApiCall, useResource } from '../api/client.js';
import { errorText } from '../api/error-text.js';
import { pick } from './format.js';
import { useHqI18n } from './i18n.js';
import { LocationPicker } from './LocationPicker.js';
import { recentQuarters, shiftQuarter } from './period.js';

/** The indicator catalogue and its targets per quarter and area (the admin edits; HQ reads). */
export function TargetsScreen() {
  const { t, lang } = useHqI18n();
  const api = useApiCall();
  const { session } = useSession();
  const editor = session?.user.role === 'admin';
  const [area, setArea] = useState<string | null>(null);
  const [first, setFirst] = useState(recentQuarters(4)[0]!);
  const quarters = [0, 1, 2, 3].map((i) => shiftQuarter(first, i));
  const catalogue = useResource('GET /api/indicators');
  const targets = useResource('GET /api/indicators/targets', {
    query: { from: quarters[0]!, to: quarters[3]!, ...(area ? { area } : {}) },
  });
  const [draft, setDraft] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [editing, setEditing] = useState<(IndicatorSaveRequest & { code: string }) | null>(null);

  useEffect(() => {
    setDraft(
      Object.fromEntries(
        (targets.data?.targets ?? []).map((x) => [`${x.indicatorCode}|${x.quarter}`, String(x.target)]),
      ),
    );
  }, [targets.data]);

  const save = async () => {
    const place = area ?? 'BI';
    const existing = new Map((targets.data?.targets ?? []).map((x) => [`${x.indicatorCode}|${x.quarter}`, x.target]));
    const changes = Object.entries(draft)
      .filter(([key, value]) => (value.trim() === '' ? existing.has(key) : Number(value) !== existing.get(key)))
      .map(([key, value]) => {
        const [indicatorCode, quarter] = key.split('|') as [string, string];
        return { indicatorCode, quarter, area: place, target: value.trim() === '' ? null : Number(value) };
      });
    if (changes.some((c) => c.target !== null && !(c.target >= 0))) {
      setStatus({ ok: false, text: t('hq.targets.invalid') });
      return;
    }
    const [first, ...rest] = changes;
    if (!first) return;
    try {
      await api('PUT /api/indicators/targets', { body: { targets: [first, ...rest] } });
      setStatus({ ok: true, text: t('hq.targets.saved', { count: changes.length }) });
      targets.reload();
    } catch (e) {
      setStatus({ ok: false, text: errorText(e, t) });
    }
  };
  const saveIndicator = async () => {
    if (!editing) return;
    const { code, ...body } = editing;
    try {
      await api('PUT /api/indicators/:code', { params: { code }, body });
      setEditing(null);
      catalogue.reload();
    } catch (e) {
      setStatus({ ok: false, text: errorText(e, t) });
    }
  };

  return (
    <main className="hq wide-main">
      <h1>{t('hq.targets.title')}</h1>
      <section className="card filters">
        <div className="filter-row">
          <label>
            <span>{t('hq.dash.from')}</span>
            <select value={first} onChange={(e) => setFirst(e.target.value)}>
              {recentQuarters(12, new Date(Date.now() + 366 * 86_400_000)).map((q) => (
                <option key={q}>{q}</option>
              ))}
            </select>
          </label>
        </div>
        <LocationPicker value={area} onChange={setArea} />
      </section>
      {status ? (
        <p className={status.ok ? 'info' : 'error'} role="status">
          {status.text}
        </p>
      ) : null}
      <div className="table-wrap card" tabIndex={0}>
        <table>
          <thead>
            <tr>
              <th>{t('hq.targets.indicator')}</th>
              {quarters.map((q) => (
                <th key={q} className="num">
                  {q}
                </th>
              ))}
              {editor ? <th /> : null}
            </tr>
          </thead>
          <tbody>
            {catalogue.data?.indicators.map((i) => (
              <tr key={i.code} className={i.active ? '' : 'muted'}>
                <td>
                  {pick(i.name, lang, i.code)}{' '}
                  <small className="muted">
                    ({i.unit === 'percent' ? '%' : i.unit === 'BIF' ? 'BIF' : t('hq.targets.count')})
                  </small>
                </td>
                {quarters.map((q) => (
                  <td key={q} className="num">
                    {editor ? (
                      <input
                        className="target-input"
                        inputMode="decimal"
                        aria-label={`${pick(i.name, lang, i.code)} ${q}`}
                        value={draft[`${i.code}|${q}`] ?? ''}
                        onChange={(e) => setDraft((d) => ({ ...d, [`${i.code}|${q}`]: e.target.value }))}
                      />
                    ) : (
                      (draft[`${i.code}|${q}`] ?? '—')
                    )}
                  </td>
                ))}
                {editor ? (
                  <td>
                    <button
                      type="button"
                      className="secondary small"
                      onClick={() =>
                        setEditing({
                          code: i.code,
                          activityType: i.activityType,
                          measure: i.measure,
                          name: i.name,
                          unit: i.unit,
                          position: i.position,
                          active: i.active,
                        })
                      }
                    >
                      {t('hq.targets.edit')}
                    </button>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {editor ? (
        <p className="row-buttons">
          <button type="button" className="primary" onClick={() => void save()}>
            {t('hq.targets.save')}
          </button>
          <button
            type="button"
            className="secondary"
            onClick={() =>
              setEditing({
                code: '',
                activityType: null,
                measure: 'participants',
                name: { fr: '', rn: '', en: '' },
                unit: 'count',
                position: 100,
                active: true,
              })
            }
          >
            {t('hq.targets.add')}
          </button>
        </p>
      ) : null}
      {editing && catalogue.data ? (
        <section className="card">
          <h2>{editing.code || t('hq.targets.add')}</h2>
          <div className="filter-row">
            <label>
              <span>{t('hq.targets.code')}</span>
              <input
                value={editing.code}
                onChange={(e) => setEditing({ ...editing, code: e.target.value.toUpperCase() })}
              />
            </label>
            {(['fr', 'rn', 'en'] as const).map((l) => (
              <label key={l}>
                <span>
                  {t('hq.targets.name')} ({l})
                </span>
                <input
                  value={editing.name[l]}
                  onChange={(e) => setEditing({ ...editing, name: { ...editing.name, [l]: e.target.value } })}
                />
              </label>
            ))}
            <label>
              <span>{t('hq.dash.activity')}</span>
              <select
                value={editing.activityType ?? ''}
                onChange={(e) =>
                  setEditing({
                    ...editing,
                    activityType: (e.target.value || null) as IndicatorSaveRequest['activityType'],
                  })
                }
              >
                <option value="">{t('hq.all')}</option>
                {catalogue.data.activityTypes.map((a) => (
                  <option key={a} value={a}>
                    {t(`hq.activity.${a}`)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              <span>{t('hq.targets.measure')}</span>
              <select
                value={editing.measure}
                onChange={(e) => setEditing({ ...editing, measure: e.target.value as IndicatorSaveRequest['measure'] })}
              >
                {catalogue.data.measures.map((m) => (
                  <option key={m} value={m}>
                    {t(`hq.measure.${m}`)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              <span>{t('hq.targets.unit')}</span>
              <select
                value={editing.unit}
                onChange={(e) => setEditing({ ...editing, unit: e.target.value as IndicatorSaveRequest['unit'] })}
              >
                {catalogue.data.units.map((u) => (
                  <option key={u} value={u}>
                    {u}
                  </option>
                ))}
              </select>
            </label>
            <label className="check">
              <input
                type="checkbox"
                checked={editing.active}
                onChange={(e) => setEditing({ ...editing, active: e.target.checked })}
              />{' '}
              {t('hq.targets.active')}
            </label>
          </div>
          <p className="row-buttons">
            <button type="button" className="primary" onClick={() => void saveIndicator()}>
              {t('hq.targets.saveIndicator')}
            </button>
            <button type="button" className="secondary" onClick={() => setEditing(null)}>
              {t('hq.cancel')}
            </button>
          </p>
        </section>
      ) : null}
    </main>
  );
}
