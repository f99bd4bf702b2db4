import type { Geopoint } from '@kusanya/shared/form/engine';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.js';
import type { WidgetProps } from './widgets.js';

/** Stop improving once the position is this precise (metres), or after this long. */
const GOOD_ENOUGH_M = 10;
const SEARCH_MS = 60_000;

function isGeopoint(v: unknown): v is Geopoint {
  return typeof v === 'object' && v !== null && 'lat' in v && 'lon' in v && 'accuracy' in v;
}

function quality(accuracy: number): 'good' | 'fair' | 'poor' {
  return accuracy <= GOOD_ENOUGH_M ? 'good' : accuracy <= 50 ? 'fair' : 'poor';
}

const ERRORS: Record<number, MessageKey> = { 1: 'gps.denied', 2: 'gps.unavailable', 3: 'gps.timeout' };

/**
 * GPS capture: keeps the most precise reading while it searches (up to a minute, or until it is
 * within 10 m), shows the accuracy in plain words, and can be retried or removed.
 */
export function GeopointWidget({ state, id, describedBy, set }: WidgetProps) {
  const { t, lang } = useI18n();
  const [searching, setSearching] = useState(false);
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const watch = useRef<{ id: number; timer: ReturnType<typeof setTimeout>; best: number } | null>(null);
  const value = isGeopoint(state.value) ? state.value : null;

  const stop = () => {
    if (!watch.current) return;
    navigator.geolocation.clearWatch(watch.current.id);
    clearTimeout(watch.current.timer);
    watch.current = null;
    setSearching(false);
  };
  useEffect(() => stop, []);

  const capture = () => {
    stop();
    setProblem(null);
    if (!('geolocation' in navigator)) {
      setProblem('gps.unsupported');
      return;
    }
    setSearching(true);
    const current = { id: 0, timer: setTimeout(stop, SEARCH_MS), best: Number.POSITIVE_INFINITY };
    watch.current = current;
    current.id = navigator.geolocation.watchPosition(
      (position) => {
        const { latitude, longitude, accuracy, altitude } = position.coords;
        if (watch.current !== current || accuracy >= current.best) return;
        current.best = accuracy;
        set({
          lat: Number(latitude.toFixed(7)),
          lon: Number(longitude.toFixed(7)),
          accuracy: Number(accuracy.toFixed(1)),
          ...(altitude !== null && Number.isFinite(altitude) ? { altitude: Number(altitude.toFixed(1)) } : {}),
        });
        if (accuracy <= GOOD_ENOUGH_M) stop();
      },
      (error) => {
        if (watch.current !== current) return;
        // A timeout after a first reading only ends the search; the reading stays.
        if (error.code !== 3 || current.best === Number.POSITIVE_INFINITY)
          setProblem(ERRORS[error.code] ?? 'gps.unavailable');
        stop();
      },
      { enableHighAccuracy: true, maximumAge: 0, timeout: SEARCH_MS },
    );
  };

  const number = (n: number, digits: number) =>
    n.toLocaleString(lang === 'rn' ? 'fr' : lang, { maximumFractionDigits: digits });
  return (
    <div className="geopoint" id={id} aria-describedby={describedBy} data-testid="geopoint">
      {value ? (
        <p className="gps-reading">
          <span>{t('gps.position', { lat: number(value.lat, 6), lon: number(value.lon, 6) })}</span>
          <br />
          <strong className={`gps-${quality(value.accuracy)}`} data-testid="gps-accuracy">
            {t('gps.accuracy', { meters: number(value.accuracy, 1) })} ({t(`gps.${quality(value.accuracy)}`)})
          </strong>
        </p>
      ) : null}
      {searching ? (
        <p className="gps-searching" role="status">
          <progress aria-label={t('gps.searching')} /> {t('gps.searching')}
        </p>
      ) : null}
      {problem ? (
        <p className="field-error" role="alert">
          {t(problem)}
        </p>
      ) : null}
      {!state.readOnly ? (
        <div className="row-left">
          {searching ? (
            <button type="button" className="secondary" onClick={stop}>
              {t('gps.stop')}
            </button>
          ) : (
            <button type="button" className={value ? 'secondary' : ''} onClick={capture}>
              {value || problem ? t('gps.retry') : t('gps.capture')}
            </button>
          )}
          {value ? (
            <button type="button" className="link" onClick={() => set(undefined)}>
              {t('gps.clear')}
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
