import './media.css';
import type { MediaFileState, RecordMedia } from '@kusanya/schemas';
import { useEffect, useState } from 'react';
import { useSession } from '../auth/session.js';
import { formatBytes } from '../device/storage.js';
import { useI18n } from '../i18n/i18n.js';

/** A received medium as an object URL (fetched with the session's token; freed when the panel goes). */
function useMediaUrl(submissionId: string, file: MediaFileState): string | null {
  const token = useSession().session?.token ?? null;
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!file.received) return;
    const controller = new AbortController();
    let made: string | null = null;
    void fetch(`/api/media/records/${submissionId}/files/${encodeURIComponent(file.name)}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
      signal: controller.signal,
    })
      .then((res) => (res.ok ? res.blob() : null))
      .then((blob) => {
        if (blob) setUrl((made = URL.createObjectURL(blob)));
      })
      .catch(() => undefined);
    return () => {
      controller.abort();
      if (made) URL.revokeObjectURL(made);
    };
  }, [submissionId, file.name, file.received, token]);
  return url;
}

/** One medium of a record: a photo (zoomable), a recording (played), a video, or a file to download. */
export function MediaItem({
  submissionId,
  file,
  label = file.field,
}: {
  submissionId: string;
  file: MediaFileState;
  /** What the medium answers, in words (the question's label); its field name otherwise. */
  label?: string;
}) {
  const { t, lang } = useI18n();
  const url = useMediaUrl(submissionId, file);
  const [zoomed, setZoomed] = useState(false);
  const kind = file.servedAs?.split('/')[0];
  const size = formatBytes(file.size, lang === 'rn' ? 'fr' : lang);
  if (!file.received)
    return (
      <li className="media-item missing" data-testid="media-missing">
        <span className="media-name">{label}</span> <span className="warn">{t('media.notArrived')}</span>
      </li>
    );
  return (
    <li className="media-item" data-testid="media-item">
      <span className="media-name">{label}</span>
      {kind === 'image' && url ? (
        <>
          <button
            type="button"
            className="media-thumb"
            onClick={() => setZoomed(true)}
            aria-label={t('media.openFull')}
          >
            <img src={url} alt={label} data-testid="media-image" />
          </button>
          {zoomed ? (
            <dialog open className="media-zoom" onClick={() => setZoomed(false)}>
              <img src={url} alt={label} data-testid="media-zoomed" />
              <button type="button" className="big" onClick={() => setZoomed(false)}>
                {t('media.close')}
              </button>
            </dialog>
          ) : null}
        </>
      ) : kind === 'audio' && url ? (
        <audio controls src={url} data-testid="media-audio" />
      ) : kind === 'video' && url ? (
        <video controls src={url} className="media-video" data-testid="media-video" />
      ) : null}
      {url ? (
        <a href={url} download={file.name} className="media-download">
          {t('media.download')} ({size})
        </a>
      ) : (
        <span className="muted">{size}</span>
      )}
    </li>
  );
}

/**
 * A record's photos (zoomable), recordings (played) and files (listed, downloadable) for the people who read the
 * record, with the media still coming from the tablet marked as such.
 */
export function RecordMediaPanel({ submissionId, media }: { submissionId: string; media: RecordMedia | null }) {
  const { t } = useI18n();
  if (!media || media.files.length === 0) return null;
  return (
    <section className="panel" data-testid="record-media">
      <h2>{t('media.title')}</h2>
      {media.missing > 0 ? (
        <p className="warn" role="status">
          {t('media.stillComing', { count: media.missing })}
        </p>
      ) : null}
      <ul className="media-list">
        {media.files.map((file) => (
          <MediaItem key={file.name} submissionId={submissionId} file={file} />
        ))}
      </ul>
    </section>
  );
}
