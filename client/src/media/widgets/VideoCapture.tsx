import { formatBytes } from '../../device/storage.js';
import { useI18n } from '../../i18n/i18n.js';
import { useLocalMediaUrl, useMediaCapture } from '../capture-context.js';
import { mediaName } from '../device-media.js';
import type { MediaWidgetProps } from './MediaCaptureWidget.js';
import { CameraButtons, CaptureFrame, Preview } from './parts.js';
import { useKeepMedia } from './use-keep.js';

/**
 * A video (`video`): "Record a video" opens the tablet's own camera app (`<input type=file accept=video/*
 * capture>`, the robust way on Android: its camera app records and compresses, and a call or a screen lock does
 * not lose the recording) and "Choose a video" its gallery. The video is kept as it is (never re-encoded),
 * refused with a clear message before anything is stored when it is over the per-file limit, played back,
 * recorded again or removed.
 */
export function VideoCapture({ field, value, set, id, describedBy, readOnly }: MediaWidgetProps) {
  const { t, lang } = useI18n();
  const capture = useMediaCapture();
  const { keep, remove, busy, error } = useKeepMedia(capture, field, 'video', value, set);
  const url = useLocalMediaUrl(capture, value);
  const max = capture ? formatBytes(capture.limits.fileBytes, lang === 'rn' ? 'fr' : lang) : '';

  return (
    <CaptureFrame
      testId="video-capture"
      id={id}
      describedBy={describedBy}
      readOnly={readOnly}
      preview={value ? <Preview value={value} url={url} kind="video" /> : null}
      busy={busy}
      error={error}
      actions={
        <CameraButtons
          kind="video"
          taken={!!value}
          busy={busy}
          onPicked={(file) => void keep(async () => file, mediaName(field, file.type, file.name))}
        />
      }
      onRemove={value ? () => void remove() : undefined}
    >
      {!readOnly && !value ? <p className="muted">{t('media.videoLimit', { max })}</p> : null}
    </CaptureFrame>
  );
}
