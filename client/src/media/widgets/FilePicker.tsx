import { acceptOf } from '@kusanya/shared/media/types';
import { useRef } from 'react';
import { useI18n } from '../../i18n/i18n.js';
import { useLocalMediaUrl, useMediaCapture } from '../capture-context.js';
import { mediaName } from '../device-media.js';
import type { MediaWidgetProps } from './MediaCaptureWidget.js';
import { MediaError, Preview } from './parts.js';
import { useKeepMedia } from './use-keep.js';

/** A video or any file (`video`, `file`): picked from the tablet, kept as it is, listed by name and size. */
export function FilePicker({ field, value, set, id, describedBy, readOnly, kind }: MediaWidgetProps) {
  const { t } = useI18n();
  const capture = useMediaCapture();
  const input = useRef<HTMLInputElement>(null);
  const { keep, remove, busy, error } = useKeepMedia(capture, field, kind, value, set);
  const url = useLocalMediaUrl(capture, value);

  const picked = () => {
    const file = input.current?.files?.[0];
    if (input.current) input.current.value = '';
    if (file) void keep(async () => file, mediaName(field, file.type, file.name));
  };

  return (
    <div className="media-capture" id={id} aria-describedby={describedBy} data-testid="file-capture">
      {value ? <Preview value={value} url={url} kind="file" /> : null}
      {busy ? <progress aria-label={t('media.saving')} /> : null}
      {!readOnly ? (
        <div className="actions">
          <button type="button" className="big" disabled={busy} onClick={() => input.current?.click()}>
            {value ? t('media.retake') : t('media.pick')}
          </button>
          {value ? (
            <button type="button" className="secondary big" disabled={busy} onClick={() => void remove()}>
              {t('media.remove')}
            </button>
          ) : null}
          <input ref={input} type="file" accept={acceptOf(kind)} data-testid="file-input" onChange={picked} />
        </div>
      ) : null}
      <MediaError error={error} />
    </div>
  );
}
