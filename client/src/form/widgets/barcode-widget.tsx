import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n/i18n.js';
import type { MessageKey } from '../../i18n/messages.js';
import type { WidgetProps } from '../widgets.js';

/**
 * `barcode`: scanned with the camera (live), read from a photo of the code, or typed. The decoder is
 * loaded on first use. `hidden-answer` keeps the code out of sight once recorded.
 */
export function BarcodeWidget({ state, id, describedBy, set }: WidgetProps) {
  const { t } = useI18n();
  const [scanning, setScanning] = useState(false);
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const video = useRef<HTMLVideoElement>(null);
  const stream = useRef<MediaStream | null>(null);
  const value = typeof state.value === 'string' ? state.value : '';
  const hidden = (state.appearance ?? '').split(/\s+/).includes('hidden-answer');

  const stop = () => {
    stream.current?.getTracks().forEach((track) => track.stop());
    stream.current = null;
    setScanning(false);
  };
  useEffect(() => stop, []);

  useEffect(() => {
    if (!scanning) return undefined;
    let active = true;
    const loop = async () => {
      const { decodeFrame } = await import('./barcode-decoder.js');
      while (active && video.current) {
        const code = await decodeFrame(video.current).catch(() => null);
        if (!active) return;
        if (code) {
          set(code);
          stop();
          return;
        }
        await new Promise((r) => setTimeout(r, 250));
      }
    };
    void loop();
    return () => {
      active = false;
    };
  }, [scanning, set]);

  const scan = async () => {
    setProblem(null);
    if (!navigator.mediaDevices?.getUserMedia) {
      setProblem('widget.scanUnavailable');
      return;
    }
    try {
      stream.current = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
      setScanning(true);
      requestAnimationFrame(() => {
        if (video.current && stream.current) {
          video.current.srcObject = stream.current;
          void video.current.play();
        }
      });
    } catch (error) {
      setProblem((error as Error).name === 'NotAllowedError' ? 'widget.scanDenied' : 'widget.scanUnavailable');
    }
  };

  const fromPhoto = async (file: File | undefined) => {
    if (!file) return;
    setProblem(null);
    const { decodeImageFile } = await import('./barcode-decoder.js');
    const code = await decodeImageFile(file).catch(() => null);
    if (code) set(code);
    else setProblem('widget.scanUnavailable');
  };

  return (
    <div className="barcode" data-testid="barcode">
      {value ? (
        <p className="barcode-value" role="status">
          {hidden ? t('widget.hiddenAnswer') : t('widget.scanned', { code: value })}
        </p>
      ) : null}
      {scanning ? (
        <>
          <video ref={video} className="barcode-camera" muted playsInline aria-label={t('widget.scanning')} />
          <p role="status">{t('widget.scanning')}</p>
        </>
      ) : null}
      {problem ? (
        <p className="field-error" role="alert">
          {t(problem)}
        </p>
      ) : null}
      {!state.readOnly ? (
        <>
          <div className="row-left">
            {scanning ? (
              <button type="button" className="secondary" onClick={stop}>
                {t('widget.scanStop')}
              </button>
            ) : (
              <button type="button" onClick={() => void scan()}>
                {t('widget.scan')}
              </button>
            )}
            <label className="button secondary file-button">
              📷
              <input
                type="file"
                accept="image/*"
                capture="environment"
                aria-label={t('widget.scan')}
                data-testid="barcode-photo"
                onChange={(e) => void fromPhoto(e.target.files?.[0])}
              />
            </label>
          </div>
          <label className="hint" htmlFor={id}>
            {t('widget.scanManual')}
          </label>
          <input
            id={id}
            type={hidden ? 'password' : 'text'}
            autoComplete="off"
            value={value}
            aria-describedby={describedBy}
            aria-required={state.required || undefined}
            onChange={(e) => set(e.target.value)}
          />
        </>
      ) : null}
    </div>
  );
}
