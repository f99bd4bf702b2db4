import type { Geopoint } from '@kusanya/shared/form/engine';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n.js';
import type { MessageKey } from '../../i18n/messages.js';
import { GeopointWidget } from '../GeopointWidget.js';
import { parseNumber } from '../numbers.js';
import type { WidgetProps } from '../widgets.js';

/**
 * Lines and areas (`geotrace`, `geoshape`) and the map appearances of `geopoint` (`maps`,
 * `placement-map`). The tablet has no map tiles offline, so points are taken with the GPS, one at a
 * time, or typed; an area is closed from its last point back to the first when it is stored, as ODK
 * does. Answers: a geopoint `{lat, lon, accuracy, altitude?}`; a line or area, the list of its points.
 */

const isPoint = (v: unknown): v is Geopoint =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && 'lat' in v && 'lon' in v && 'accuracy' in v;

const GPS_ERRORS: Record<number, MessageKey> = { 1: 'gps.denied', 2: 'gps.unavailable', 3: 'gps.timeout' };

/** One reading of the GPS (high accuracy, up to 30 s). */
function readPosition(): Promise<Geopoint> {
  return new Promise((resolve, reject) => {
    if (!('geolocation' in navigator)) {
      reject(new Error('gps.unsupported'));
      return;
    }
    navigator.geolocation.getCurrentPosition(
      ({ coords }) =>
        resolve({
          lat: Number(coords.latitude.toFixed(7)),
          lon: Number(coords.longitude.toFixed(7)),
          accuracy: Number(coords.accuracy.toFixed(1)),
          ...(coords.altitude !== null && Number.isFinite(coords.altitude)
            ? { altitude: Number(coords.altitude.toFixed(1)) }
            : {}),
        }),
      (error) => reject(new Error(GPS_ERRORS[error.code] ?? 'gps.unavailable')),
      { enableHighAccuracy: true, maximumAge: 0, timeout: 30_000 },
    );
  });
}

/** Latitude and longitude typed by hand (accuracy 0: not measured). */
function TypedPoint({ onPoint, disabled }: { onPoint(point: Geopoint): void; disabled: boolean }) {
  const { t } = useI18n();
  const [lat, setLat] = useState('');
  const [lon, setLon] = useState('');
  const latN = parseNumber(lat);
  const lonN = parseNumber(lon);
  const ok = typeof latN === 'number' && typeof lonN === 'number' && Math.abs(latN) <= 90 && Math.abs(lonN) <= 180;
  return (
    <div className="typed-point row-left">
      <label>
        <span>{t('widget.typeLatitude')}</span>
        <input
          type="text"
          inputMode="decimal"
          size={11}
          value={lat}
          disabled={disabled}
          onChange={(e) => setLat(e.target.value)}
        />
      </label>
      <label>
        <span>{t('widget.typeLongitude')}</span>
        <input
          type="text"
          inputMode="decimal"
          size={11}
          value={lon}
          disabled={disabled}
          onChange={(e) => setLon(e.target.value)}
        />
      </label>
      <button
        type="button"
        className="secondary"
        disabled={disabled || !ok}
        onClick={() => {
          onPoint({ lat: latN as number, lon: lonN as number, accuracy: 0 });
          setLat('');
          setLon('');
        }}
      >
        {t('widget.useTyped')}
      </button>
    </div>
  );
}

/** `geopoint` with `maps` / `placement-map`: the GPS capture, and coordinates typed where no map can be shown. */
export function GeopointMapWidget(props: WidgetProps) {
  const { t } = useI18n();
  return (
    <div className="geo-map-fallback">
      <GeopointWidget {...props} />
      <p className="hint">{t('widget.mapOffline')}</p>
      {!props.state.readOnly ? <TypedPoint disabled={false} onPoint={(p) => props.set(p)} /> : null}
    </div>
  );
}

/** `geotrace` (a line, 2 points or more) and `geoshape` (an area, 3 points or more, closed). */
export function GeoPathWidget({ state, id, describedBy, set }: WidgetProps) {
  const { t, lang } = useI18n();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const shape = state.type === 'geoshape';
  const stored = Array.isArray(state.value) ? (state.value as unknown[]).filter(isPoint) : [];
  // An area is stored closed (last point = first); the closing point is not one the person added.
  const points =
    shape && stored.length > 3 && stored[0]!.lat === stored.at(-1)!.lat && stored[0]!.lon === stored.at(-1)!.lon
      ? stored.slice(0, -1)
      : stored;
  const store = (next: readonly Geopoint[]) => {
    if (next.length === 0) set(undefined);
    else if (shape && next.length >= 3) set([...next, next[0]!]);
    else set([...next]);
  };
  const add = async () => {
    setBusy(true);
    setProblem(null);
    try {
      store([...points, await readPosition()]);
    } catch (e) {
      setProblem(((e as Error).message as MessageKey) || 'gps.unavailable');
    } finally {
      setBusy(false);
    }
  };
  const number = (n: number, digits: number) =>
    n.toLocaleString(lang === 'rn' ? 'fr' : lang, { maximumFractionDigits: digits });
  return (
    <div className="geopath" id={id} aria-describedby={describedBy} data-testid="geopath">
      <p className="hint">{t('widget.mapOffline')}</p>
      {points.length > 0 ? (
        <ol className="geopath-points">
          {points.map((p, i) => (
            <li key={i}>
              {t('widget.point', {
                n: i + 1,
                lat: number(p.lat, 6),
                lon: number(p.lon, 6),
                accuracy: number(p.accuracy, 1),
              })}
            </li>
          ))}
        </ol>
      ) : null}
      <p role="status">
        {t('widget.points', { count: points.length })}
        {shape && points.length >= 3 ? ` ${t('widget.closedShape')}` : ''}
      </p>
      {problem ? (
        <p className="field-error" role="alert">
          {t(problem)}
        </p>
      ) : null}
      {!state.readOnly ? (
        <>
          <div className="row-left">
            <button type="button" disabled={busy} onClick={() => void add()}>
              {busy ? t('gps.searching') : t('widget.addPoint')}
            </button>
            {points.length > 0 ? (
              <button type="button" className="link" onClick={() => store(points.slice(0, -1))}>
                {t('widget.removePoint')}
              </button>
            ) : null}
          </div>
          <TypedPoint disabled={busy} onPoint={(p) => store([...points, p])} />
        </>
      ) : null}
    </div>
  );
}
