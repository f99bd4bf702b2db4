import { useRef, useState } from 'react';
import { useI18n } from '../../i18n/i18n.js';
import { useLocalMediaUrl, useMediaCapture } from '../capture-context.js';
import { useDrawingPad } from './drawing.js';
import type { MediaWidgetProps } from './MediaCaptureWidget.js';
import { CaptureFrame, Preview } from './parts.js';
import { useKeepMedia } from './use-keep.js';

/** A signature or drawing (`signature`, `draw`): drawn with a finger or a pen, kept as a PNG. */
export function SignaturePad({ field, value, set, id, describedBy, readOnly }: MediaWidgetProps) {
  const { t } = useI18n();
  const capture = useMediaCapture();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [editing, setEditing] = useState(!value);
  const { keep, remove, busy, error } = useKeepMedia(capture, field, 'signature', value, set);
  const url = useLocalMediaUrl(capture, value);
  const pad = useDrawingPad(canvas, { active: editing && !readOnly, background: null, color: '#000', lineWidth: 2.5 });

  const save = () =>
    void keep(() => pad.toBlob('image/png')).then((kept) => {
      if (kept) setEditing(false);
    });

  return (
    <CaptureFrame
      testId="signature-capture"
      id={id}
      describedBy={describedBy}
      readOnly={readOnly}
      preview={value && !editing ? <Preview value={value} url={url} kind="image" /> : null}
      busy={busy}
      error={error}
      actions={
        editing ? (
          <DrawingButtons
            keepLabel={t('media.keepSignature')}
            strokes={pad.strokes}
            busy={busy}
            onKeep={save}
            onUndo={pad.undo}
            onClear={pad.clear}
          />
        ) : (
          <button type="button" className="big" onClick={() => setEditing(true)}>
            {t('media.retake')}
          </button>
        )
      }
      onRemove={value && !editing ? () => void remove().then(() => setEditing(true)) : undefined}
    >
      {editing && !readOnly ? (
        <>
          <p className="muted">{t('media.signHere')}</p>
          <canvas ref={canvas} className="signature-pad" data-testid="signature-pad" />
        </>
      ) : null}
    </CaptureFrame>
  );
}

/** Keep the drawing, take back the last stroke, or start again: the buttons under every drawing pad. */
export function DrawingButtons({
  keepLabel,
  strokes,
  busy,
  onKeep,
  onUndo,
  onClear,
}: {
  keepLabel: string;
  strokes: number;
  busy: boolean;
  onKeep: () => void;
  onUndo: () => void;
  onClear: () => void;
}) {
  const { t } = useI18n();
  return (
    <>
      <button type="button" className="big" disabled={strokes === 0 || busy} onClick={onKeep}>
        {keepLabel}
      </button>
      <button type="button" className="secondary big" disabled={strokes === 0 || busy} onClick={onUndo}>
        {t('media.undo')}
      </button>
      <button type="button" className="secondary big" disabled={strokes === 0 || busy} onClick={onClear}>
        {t('media.clear')}
      </button>
    </>
  );
}
