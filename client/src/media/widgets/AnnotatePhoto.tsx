import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n/i18n.js';
import { useLocalMediaUrl, useMediaCapture } from '../capture-context.js';
import { JPEG_QUALITY, resizePhoto } from '../resize.js';
import { PEN_COLOURS, useDrawingPad, type PenColour } from './drawing.js';
import type { MediaWidgetProps } from './MediaCaptureWidget.js';
import { CaptureFrame, CameraButtons, Preview } from './parts.js';
import { DrawingButtons } from './SignaturePad.js';
import { useKeepMedia } from './use-keep.js';

/**
 * A photo to draw on (`image` with the `annotate` appearance, as in ODK Collect): taken or chosen like any photo
 * and kept at once as the answer (nothing is lost if the enumerator leaves mid-drawing), then drawn on in a colour;
 * the drawing is kept as a JPEG at the photo's size that replaces the photo as the answer (like ODK, the photo
 * without the drawing is not kept). It can be drawn on again, retaken or removed.
 */
export function AnnotatePhoto({ field, value, set, id, describedBy, readOnly, maxPixels }: MediaWidgetProps) {
  const { t } = useI18n();
  const capture = useMediaCapture();
  const { keep, remove, busy, error } = useKeepMedia(capture, field, 'image', value, set);
  const url = useLocalMediaUrl(capture, value);
  const [editing, setEditing] = useState(false);
  const [colour, setColour] = useState<PenColour>('red');
  const photo = useLoadedImage(editing ? url : null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = editing && !!photo && !readOnly;
  const pen = PEN_COLOURS.find((c) => c.name === colour)!.value;
  const pad = useDrawingPad(canvas, { active: drawing, background: photo, color: pen, lineWidth: 4 });

  const took = (file: File) => void keep(() => resizePhoto(file, maxPixels)).then((kept) => setEditing(!!kept));
  const save = () =>
    void keep(() => pad.toBlob('image/jpeg', JPEG_QUALITY)).then((kept) => {
      if (kept) setEditing(false);
    });

  return (
    <CaptureFrame
      testId="annotate-capture"
      id={id}
      describedBy={describedBy}
      readOnly={readOnly}
      preview={value && !drawing ? <Preview value={value} url={url} kind="image" /> : null}
      busy={busy}
      error={error}
      actions={
        drawing ? (
          <>
            <DrawingButtons
              keepLabel={t('media.keepAnnotated')}
              strokes={pad.strokes}
              busy={busy}
              onKeep={save}
              onUndo={pad.undo}
              onClear={pad.clear}
            />
            <button type="button" className="secondary big" disabled={busy} onClick={() => setEditing(false)}>
              {t('media.stopDrawing')}
            </button>
          </>
        ) : (
          <>
            {value && url ? (
              <button type="button" className="big" disabled={busy} onClick={() => setEditing(true)}>
                {t('media.annotate')}
              </button>
            ) : null}
            <CameraButtons kind="photo" taken={!!value} busy={busy} onPicked={took} />
          </>
        )
      }
      onRemove={value && !drawing ? () => void remove() : undefined}
    >
      {drawing ? (
        <>
          <div className="pen-colours" role="radiogroup" aria-label={t('media.penColour')}>
            {PEN_COLOURS.map((c) => (
              <button
                key={c.name}
                type="button"
                role="radio"
                aria-checked={c.name === colour}
                aria-label={t('media.colour', { colour: c.name })}
                className="pen-colour"
                style={{ background: c.value }}
                onClick={() => setColour(c.name)}
              />
            ))}
          </div>
          <canvas ref={canvas} className="annotate-pad" data-testid="annotate-pad" />
        </>
      ) : null}
    </CaptureFrame>
  );
}

/** The photo at `url` once decoded (null while loading, or without a url). */
function useLoadedImage(url: string | null): HTMLImageElement | null {
  const [image, setImage] = useState<HTMLImageElement | null>(null);
  useEffect(() => {
    setImage(null);
    if (!url) return;
    let cancelled = false;
    const img = new Image();
    img.src = url;
    void img.decode().then(
      () => !cancelled && setImage(img),
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [url]);
  return image;
}
