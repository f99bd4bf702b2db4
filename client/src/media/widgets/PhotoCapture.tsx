import type { MediaRef } from '@kusanya/schemas';
import { useRef } from 'react';
import { useI18n } from '../../i18n/i18n.js';
import { useLocalMediaUrl, useMediaCapture } from '../capture-context.js';
import { resizePhoto } from '../resize.js';
import type { MediaWidgetProps } from './MediaCaptureWidget.js';
import { MediaError, Preview } from './parts.js';
import { useKeepMedia } from './use-keep.js';

/**
 * A photo: taken with the camera or chosen from the gallery, resized to `max-pixels` (1,600 px by default, enough
 * for an ID card to stay legible) as JPEG, kept encrypted beside the record; shown, retaken or removed.
 */
export function PhotoCapture({ field, value, set, id, describedBy, readOnly, maxPixels }: MediaWidgetProps) {
  const { t } = useI18n();
  const capture = useMediaCapture();
  const camera = useRef<HTMLInputElement>(null);
  const gallery = useRef<HTMLInputElement>(null);
  const { keep, remove, busy, error } = useKeepMedia(capture, field, 'image', value, set);
  const url = useLocalMediaUrl(capture, value);

  const picked = (input: HTMLInputElement | null) => {
    const file = input?.files?.[0];
    if (input) input.value = '';
    if (file) void keep(() => resizePhoto(file, maxPixels));
  };

  return (
    <div className="media-capture" id={id} aria-describedby={describedBy} data-testid="photo-capture">
      {value ? <Preview value={value} url={url} kind="image" /> : null}
      {busy ? <progress aria-label={t('media.saving')} /> : null}
      {!readOnly ? (
        <div className="actions">
          <button type="button" className="big" disabled={busy} onClick={() => camera.current?.click()}>
            {value ? t('media.retake') : t('media.take')}
          </button>
          <button type="button" className="secondary big" disabled={busy} onClick={() => gallery.current?.click()}>
            {t('media.choosePhoto')}
          </button>
          {value ? (
            <button type="button" className="secondary big" disabled={busy} onClick={() => void remove()}>
              {t('media.remove')}
            </button>
          ) : null}
          <input
            ref={camera}
            type="file"
            accept="image/*"
            capture="environment"
            data-testid="photo-camera-input"
            onChange={(e) => picked(e.currentTarget)}
          />
          <input
            ref={gallery}
            type="file"
            accept="image/*"
            data-testid="photo-gallery-input"
            onChange={(e) => picked(e.currentTarget)}
          />
        </div>
      ) : null}
      <MediaError error={error} />
    </div>
  );
}

export type { MediaRef };
