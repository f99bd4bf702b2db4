import type { MediaRef } from '@kusanya/schemas';
import { useRef, type ReactNode } from 'react';
import { formatBytes } from '../../device/storage.js';
import { useI18n } from '../../i18n/i18n.js';

/** What was captured: the photo or drawing, the recording or video to play, or the file's name and size. */
export function Preview({
  value,
  url,
  kind,
}: {
  value: MediaRef;
  url: string | null;
  kind: 'image' | 'audio' | 'video' | 'file';
}) {
  const { t, lang } = useI18n();
  const size = formatBytes(value.size, lang === 'rn' ? 'fr' : lang);
  if (!url) return <p className="muted">{t('media.notOnDevice', { name: value.name })}</p>;
  if (kind === 'image') return <img className="preview" src={url} alt={value.name} data-testid="media-preview" />;
  if (kind === 'audio') return <audio controls src={url} data-testid="media-preview" />;
  if (kind === 'video')
    return <video className="preview" controls playsInline preload="metadata" src={url} data-testid="media-preview" />;
  return (
    <p className="media-file" data-testid="media-preview">
      {value.name} ({size})
    </p>
  );
}

export function MediaError({ error }: { error: string | null }) {
  return error ? (
    <p className="error" role="alert">
      {error}
    </p>
  ) : null;
}

/**
 * The frame every capture widget shares: what was captured, what is under way (the pad, the recording), a
 * progress bar while the file is kept, the capture buttons, "Remove" when there is something to remove, and
 * the error in words. Nothing but the preview and the error shows on a read-only question.
 */
export function CaptureFrame({
  testId,
  id,
  describedBy,
  readOnly,
  preview,
  busy,
  error,
  actions,
  onRemove,
  children,
}: {
  testId: string;
  id: string;
  describedBy?: string | undefined;
  readOnly?: boolean | undefined;
  preview: ReactNode;
  busy: boolean;
  error: string | null;
  /** The capture buttons (take, record, pick, draw…) and their hidden file inputs. */
  actions: ReactNode;
  /** Removes the answer; the button shows only when given. */
  onRemove?: (() => void) | undefined;
  /** What shows between the preview and the buttons: the drawing pad, the recording's time. */
  children?: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <div className="media-capture" id={id} aria-describedby={describedBy} data-testid={testId}>
      {preview}
      {children}
      {busy ? <progress aria-label={t('media.saving')} /> : null}
      {!readOnly ? (
        <div className="actions">
          {actions}
          {onRemove ? (
            <button type="button" className="secondary big" disabled={busy} onClick={onRemove}>
              {t('media.remove')}
            </button>
          ) : null}
        </div>
      ) : null}
      <MediaError error={error} />
    </div>
  );
}

const CAMERA_WORDS = {
  photo: { take: 'media.take', retake: 'media.retake', choose: 'media.choosePhoto', accept: 'image/*' },
  video: { take: 'media.recordVideo', retake: 'media.retakeVideo', choose: 'media.chooseVideo', accept: 'video/*' },
} as const;

/**
 * "Take a photo" / "Record a video" (the tablet's own camera app, through `capture`) and "Choose…" (its
 * gallery), with their hidden file inputs; the first says "Take again" once there is one. Calls `onPicked` with
 * the file chosen.
 */
export function CameraButtons({
  kind,
  taken,
  busy,
  onPicked,
}: {
  kind: keyof typeof CAMERA_WORDS;
  taken: boolean;
  busy: boolean;
  onPicked: (file: File) => void;
}) {
  const { t } = useI18n();
  const words = CAMERA_WORDS[kind];
  const camera = useRef<HTMLInputElement>(null);
  const gallery = useRef<HTMLInputElement>(null);
  const picked = (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = '';
    if (file) onPicked(file);
  };
  return (
    <>
      <button type="button" className="big" disabled={busy} onClick={() => camera.current?.click()}>
        {t(taken ? words.retake : words.take)}
      </button>
      <button type="button" className="secondary big" disabled={busy} onClick={() => gallery.current?.click()}>
        {t(words.choose)}
      </button>
      <input
        ref={camera}
        type="file"
        accept={words.accept}
        capture="environment"
        data-testid={`${kind}-camera-input`}
        onChange={(e) => picked(e.currentTarget)}
      />
      <input
        ref={gallery}
        type="file"
        accept={words.accept}
        data-testid={`${kind}-gallery-input`}
        onChange={(e) => picked(e.currentTarget)}
      />
    </>
  );
}
