import { useMediaCapture, useLocalMediaUrl } from '../capture-context.js';
import { resizePhoto } from '../resize.js';
import type { MediaWidgetProps } from './MediaCaptureWidget.js';
import { CaptureFrame, CameraButtons, Preview } from './parts.js';
import { useKeepMedia } from './use-keep.js';

/**
 * A photo: taken with the camera or chosen from the gallery, resized to `max-pixels` (1,600 px by default, enough
 * for an ID card to stay legible) as JPEG, kept encrypted beside the record; shown, retaken or removed.
 */
export function PhotoCapture({ field, value, set, id, describedBy, readOnly, maxPixels }: MediaWidgetProps) {
  const capture = useMediaCapture();
  const { keep, remove, busy, error } = useKeepMedia(capture, field, 'image', value, set);
  const url = useLocalMediaUrl(capture, value);
  return (
    <CaptureFrame
      testId="photo-capture"
      id={id}
      describedBy={describedBy}
      readOnly={readOnly}
      preview={value ? <Preview value={value} url={url} kind="image" /> : null}
      busy={busy}
      error={error}
      actions={
        <CameraButtons
          kind="photo"
          taken={!!value}
          busy={busy}
          onPicked={(file) => void keep(() => resizePhoto(file, maxPixels))}
        />
      }
      onRemove={value ? () => void remove() : undefined}
    />
  );
}
