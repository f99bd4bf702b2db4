import { useI18n } from '../../i18n/i18n.js';
import type { WidgetProps } from '../widgets.js';

/**
 * Photos, recordings, videos, files and signatures (`image`, `audio`, `video`, `file`; the `signature`,
 * `draw`, `annotate` appearances): shown with their label; taking them comes with the app's media
 * capture, so for now the question says so and stays unanswered (an answer already recorded is shown by
 * its file name).
 */
export function MediaWidget({ state, id, describedBy }: WidgetProps) {
  const { t } = useI18n();
  const file = state.value as { name?: string } | undefined;
  const kind = (state.appearance ?? '')
    .toLowerCase()
    .split(/\s+/)
    .find((a) => ['signature', 'draw', 'annotate'].includes(a));
  return (
    <div
      className={`media-placeholder ${kind ?? state.type}`}
      id={id}
      aria-describedby={describedBy}
      data-testid="media-placeholder"
    >
      {file?.name ? <p className="media-file">{file.name}</p> : <p className="muted">{t('widget.mediaPending')}</p>}
    </div>
  );
}

/** `acknowledge` and `trigger`: one button that records "OK" (and takes it back). */
export function AcknowledgeWidget({ state, id, describedBy, set }: WidgetProps) {
  const { t } = useI18n();
  const done = state.value === 'OK';
  return (
    <div className="row-left">
      <button
        id={id}
        type="button"
        className={done ? 'secondary big' : 'big'}
        aria-pressed={done}
        aria-describedby={describedBy}
        disabled={state.readOnly}
        onClick={() => set(done ? undefined : 'OK')}
      >
        {done ? `✓ ${t('widget.acknowledged')}` : t('widget.acknowledge')}
      </button>
    </div>
  );
}
