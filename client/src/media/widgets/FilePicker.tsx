import { acceptOf } from '@kusanya/shared/media/types';
import { useRef } from 'react';
import { useI18n } from '../../i18n/i18n.js';
import { useLocalMediaUrl, useMediaCapture } from '../capture-context.js';
import { mediaName } from '../device-media.js';
import type { MediaWidgetProps } from './MediaCaptureWidget.js';
import { CaptureFrame, Preview } from './parts.js';
import { useKeepMedia } from './use-keep.js';

/** Any file (`file`): picked from the tablet, kept as it is, listed by name and size. */
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
    <CaptureFrame
      testId="file-capture"
      id={id}
      describedBy={describedBy}
      readOnly={readOnly}
      preview={value ? <Preview value={value} url={url} kind="file" /> : null}
      busy={busy}
      error={error}
      actions={
        <>
          <button type="button" className="big" disabled={busy} onClick={() => input.current?.click()}>
            {value ? t('media.retake') : t('media.pick')}
          </button>
          <input ref={input} type="file" accept={acceptOf(kind)} data-testid="file-input" onChange={picked} />
        </>
      }
      onRemove={value ? () => void remove() : undefined}
    />
  );
}
