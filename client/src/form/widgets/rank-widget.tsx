import { useI18n } from '../../i18n/i18n.js';
import type { WidgetProps } from '../widgets.js';

/**
 * `rank`: every choice in the order the person puts them (stored as the list of choice names, first
 * the most important). Arrow buttons, large enough for a finger; until the person starts, the list is
 * shown in the form's order and nothing is stored.
 */
export function RankWidget({ state, id, describedBy, set }: WidgetProps) {
  const { t } = useI18n();
  const choices = state.choices ?? [];
  const stored = Array.isArray(state.value) ? (state.value as readonly string[]) : null;
  const order = stored ?? choices.map((c) => c.name);
  const label = (name: string) => choices.find((c) => c.name === name)?.label ?? name;
  const move = (index: number, by: -1 | 1) => {
    const next = [...order];
    const [item] = next.splice(index, 1);
    next.splice(index + by, 0, item!);
    set(next);
  };
  return (
    <div className="rank" id={id} aria-describedby={describedBy}>
      {stored ? null : <p className="hint">{t('widget.rankHint')}</p>}
      <ol className="rank-list">
        {order.map((name, i) => (
          <li key={name} className="rank-item">
            <span className="rank-position">{i + 1}</span>
            <span className="rank-label">{label(name)}</span>
            {!state.readOnly ? (
              <span className="rank-moves">
                <button
                  type="button"
                  className="secondary"
                  disabled={i === 0}
                  aria-label={t('widget.rankUp', { label: label(name) })}
                  onClick={() => move(i, -1)}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="secondary"
                  disabled={i === order.length - 1}
                  aria-label={t('widget.rankDown', { label: label(name) })}
                  onClick={() => move(i, 1)}
                >
                  ↓
                </button>
              </span>
            ) : null}
          </li>
        ))}
      </ol>
      {!stored && !state.readOnly && order.length > 0 ? (
        <button type="button" className="secondary" onClick={() => set([...order])}>
          {t('widget.rankStart')}
        </button>
      ) : null}
    </div>
  );
}
