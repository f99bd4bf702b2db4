import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n/i18n.js';
import { useLocalMediaUrl, useMediaCapture } from '../capture-context.js';
import type { MediaWidgetProps } from './MediaCaptureWidget.js';
import { MediaError, Preview } from './parts.js';
import { useKeepMedia } from './use-keep.js';

/** A signature or drawing (`signature`, `draw`): drawn with a finger or a pen, kept as a PNG. */
export function SignaturePad({ field, value, set, id, describedBy, readOnly }: MediaWidgetProps) {
  const { t } = useI18n();
  const capture = useMediaCapture();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [drawn, setDrawn] = useState(false);
  const [editing, setEditing] = useState(!value);
  const { keep, remove, busy, error } = useKeepMedia(capture, field, 'signature', value, set);
  const url = useLocalMediaUrl(capture, value);

  useEffect(() => {
    const c = canvas.current;
    if (!c || !editing) return;
    const rect = c.getBoundingClientRect();
    c.width = Math.round(rect.width * devicePixelRatio);
    c.height = Math.round(rect.height * devicePixelRatio);
    const g = c.getContext('2d')!;
    g.scale(devicePixelRatio, devicePixelRatio);
    g.lineWidth = 2.5;
    g.lineCap = 'round';
    g.lineJoin = 'round';
    g.fillStyle = '#fff';
    g.fillRect(0, 0, rect.width, rect.height);
    let last: { x: number; y: number } | null = null;
    const at = (e: PointerEvent) => ({
      x: e.clientX - c.getBoundingClientRect().left,
      y: e.clientY - c.getBoundingClientRect().top,
    });
    const down = (e: PointerEvent) => {
      c.setPointerCapture(e.pointerId);
      last = at(e);
    };
    const move = (e: PointerEvent) => {
      if (!last) return;
      const p = at(e);
      g.beginPath();
      g.moveTo(last.x, last.y);
      g.lineTo(p.x, p.y);
      g.stroke();
      last = p;
      setDrawn(true);
    };
    const up = () => (last = null);
    c.addEventListener('pointerdown', down);
    c.addEventListener('pointermove', move);
    c.addEventListener('pointerup', up);
    c.addEventListener('pointercancel', up);
    return () => {
      c.removeEventListener('pointerdown', down);
      c.removeEventListener('pointermove', move);
      c.removeEventListener('pointerup', up);
      c.removeEventListener('pointercancel', up);
    };
  }, [editing]);

  const clear = () => {
    setEditing(false);
    setDrawn(false);
    setTimeout(() => setEditing(true));
  };
  const save = () =>
    void keep(
      () =>
        new Promise<Blob>((resolve, reject) =>
          canvas.current!.toBlob((b) => (b ? resolve(b) : reject(new Error('canvas'))), 'image/png'),
        ),
    ).then(() => setEditing(false));

  return (
    <div className="media-capture" id={id} aria-describedby={describedBy} data-testid="signature-capture">
      {value && !editing ? <Preview value={value} url={url} kind="image" /> : null}
      {editing && !readOnly ? (
        <>
          <p className="muted">{t('media.signHere')}</p>
          <canvas ref={canvas} className="signature-pad" data-testid="signature-pad" />
        </>
      ) : null}
      {!readOnly ? (
        <div className="actions">
          {editing ? (
            <>
              <button type="button" className="big" disabled={!drawn || busy} onClick={save}>
                {t('media.keepSignature')}
              </button>
              <button type="button" className="secondary big" onClick={clear}>
                {t('media.clear')}
              </button>
            </>
          ) : (
            <>
              <button type="button" className="big" onClick={() => setEditing(true)}>
                {t('media.retake')}
              </button>
              <button
                type="button"
                className="secondary big"
                onClick={() => void remove().then(() => setEditing(true))}
              >
                {t('media.remove')}
              </button>
            </>
          )}
        </div>
      ) : null}
      <MediaError error={error} />
    </div>
  );
}
