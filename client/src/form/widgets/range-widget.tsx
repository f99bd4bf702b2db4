import { rangeOf } from '@kusanya/shared/form/engine';
import { useI18n } from '../../i18n/i18n.js';
import { useFormStore } from '../hooks.js';
import type { WidgetProps } from '../widgets.js';

/**
 * `range`: a slider between `start` and `end` by `step` (pyxform's defaults 1, 10, 1), its value shown in
 * words; `picker`: a drop-down of the values; `rating`: stars. `vertical` and `no-ticks` change only the
 * look. Nothing is stored until the person moves it.
 */

export function RangeWidget({ state, id, describedBy, set }: WidgetProps) {
  const { t, lang } = useI18n();
  const store = useFormStore();
  const node = store.session.form.byName.get(state.name);
  const { start, end, step: rawStep } = node ? rangeOf(node) : { start: 1, end: 10, step: 1 };
  const step = Math.abs(rawStep) || 1;
  const value = typeof state.value === 'number' ? state.value : null;
  const low = Math.min(start, end);
  const high = Math.max(start, end);
  const look = (state.appearance ?? '').toLowerCase().split(/\s+/);
  const count = Math.floor((high - low) / step + 1e-9) + 1;
  const values = Array.from({ length: Math.min(count, 1000) }, (_, i) => Number((low + i * step).toFixed(10)));
  const shown = (n: number) => n.toLocaleString(lang === 'rn' ? 'fr' : lang);
  if (look.includes('rating')) {
    return (
      <div className="rating" role="radiogroup" aria-describedby={describedBy} id={id}>
        {values.map((n) => (
          <button
            key={n}
            type="button"
            role="radio"
            aria-checked={value === n}
            className={`star${value !== null && n <= value ? ' on' : ''}`}
            aria-label={t('widget.star', { n: shown(n), max: shown(high) })}
            disabled={state.readOnly}
            onClick={() => set(n)}
          >
            ★
          </button>
        ))}
      </div>
    );
  }
  if (look.includes('picker')) {
    return (
      <select
        id={id}
        value={value === null ? '' : String(value)}
        disabled={state.readOnly}
        aria-describedby={describedBy}
        onChange={(e) => set(e.target.value === '' ? undefined : Number(e.target.value))}
      >
        <option value="">{t('form.choose')}</option>
        {values.map((n) => (
          <option key={n} value={n}>
            {shown(n)}
          </option>
        ))}
      </select>
    );
  }
  return (
    <div className={`range${look.includes('vertical') ? ' vertical' : ''}`}>
      <input
        id={id}
        type="range"
        min={low}
        max={high}
        step={step}
        value={value ?? (start + end) / 2}
        disabled={state.readOnly}
        aria-describedby={describedBy}
        aria-valuetext={value === null ? t('widget.rangeUnset') : shown(value)}
        className={value === null ? 'unset' : undefined}
        onChange={(e) => set(Number(e.target.value))}
        onClick={(e) => set(Number((e.target as HTMLInputElement).value))}
      />
      <div className="range-scale" aria-hidden="true">
        <span>{shown(start)}</span>
        <span>{shown(end)}</span>
      </div>
      <p className="range-value" role="status">
        {value === null ? t('widget.rangeUnset') : t('widget.rangeValue', { value: shown(value) })}
      </p>
    </div>
  );
}
