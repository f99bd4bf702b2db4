import { isMediaRef } from '@kusanya/schemas/validators';
import { drawsOnPhoto, mediaKindOf } from '@kusanya/shared/media/types';
import { useI18n } from '../../i18n/i18n.js';
import { useMediaCapture } from '../../media/capture-context.js';
import { MediaCaptureWidget } from '../../media/widgets/MediaCaptureWidget.js';
import type { WidgetProps } from '../widgets.js';

/**
 * Photos, recordings, videos, files and signatures (`image`, `audio`, `video`, `file`; the `signature`,
 * `draw`, `annotate` appearances): captured on the tablet (media/widgets, issue 15) where the screen keeps
 * media beside a record; elsewhere (a form shown without a record) the answer is shown by its file name.
 */
export function MediaWidget(props: WidgetProps) {
  const capture = useMediaCapture();
  const { state, id, describedBy, set } = props;
  const kind = mediaKindOf(state.type, state.appearance);
  if (capture && kind)
    return (
      <MediaCaptureWidget
        field={state.path}
        kind={kind}
        value={isMediaRef(state.value) ? state.value : undefined}
        set={set}
        id={id}
        describedBy={describedBy}
        readOnly={state.readOnly}
        maxPixels={capture.maxPixels(state.path)}
        annotate={drawsOnPhoto(state.type, state.appearance)}
      />
    );
  return <MediaPlaceholder {...props} />;
}

function MediaPlaceholder({ state, id, describedBy }: WidgetProps) {
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
