import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n/i18n.js';
import { useLocalMediaUrl, useMediaCapture } from '../capture-context.js';
import type { MediaWidgetProps } from './MediaCaptureWidget.js';
import { CaptureFrame, Preview } from './parts.js';
import { useKeepMedia } from './use-keep.js';

/** A recording (`audio`): recorded with the tablet's microphone, played back, recorded again or removed. */
export function AudioRecorder({ field, value, set, id, describedBy, readOnly }: MediaWidgetProps) {
  const { t } = useI18n();
  const capture = useMediaCapture();
  const { keep, remove, busy, error, setError } = useKeepMedia(capture, field, 'audio', value, set);
  const url = useLocalMediaUrl(capture, value);
  const recorder = useRef<MediaRecorder | null>(null);
  const [seconds, setSeconds] = useState<number | null>(null);

  useEffect(() => {
    if (seconds === null) return;
    const timer = setInterval(() => setSeconds((s) => (s === null ? null : s + 1)), 1000);
    return () => clearInterval(timer);
  }, [seconds !== null]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => () => recorder.current?.stream.getTracks().forEach((track) => track.stop()), []);

  const start = async () => {
    setError(null);
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
      const chunks: Blob[] = [];
      const rec = new MediaRecorder(stream);
      rec.ondataavailable = (e) => chunks.push(e.data);
      rec.onstop = () => {
        stream.getTracks().forEach((track) => track.stop());
        const type = (rec.mimeType || 'audio/webm').split(';')[0]!;
        void keep(async () => new Blob(chunks, { type }));
      };
      recorder.current = rec;
      rec.start();
      setSeconds(0);
    } catch (e) {
      setError(t('media.noMicrophone', { message: (e as Error).message }));
    }
  };
  const stop = () => {
    recorder.current?.stop();
    recorder.current = null;
    setSeconds(null);
  };

  const recording = seconds !== null;
  return (
    <CaptureFrame
      testId="audio-capture"
      id={id}
      describedBy={describedBy}
      readOnly={readOnly}
      preview={value && !recording ? <Preview value={value} url={url} kind="audio" /> : null}
      busy={busy}
      error={error}
      actions={
        recording ? (
          <button type="button" className="big" onClick={stop}>
            {t('media.stop')}
          </button>
        ) : (
          <button type="button" className="big" disabled={busy} onClick={() => void start()}>
            {value ? t('media.retake') : t('media.record')}
          </button>
        )
      }
      onRemove={value && !recording ? () => void remove() : undefined}
    >
      {recording ? <p role="status">{t('media.recording', { seconds })}</p> : null}
    </CaptureFrame>
  );
}
