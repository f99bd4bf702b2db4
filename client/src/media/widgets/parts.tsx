import type { MediaRef } from '@kusanya/schemas';
import { formatBytes } from '../../device/storage.js';
import { useI18n } from '../../i18n/i18n.js';

/** What was captured: the photo or drawing, the recording to play, or the file's name and size. */
export function Preview({
  value,
  url,
  kind,
}: {
  value: MediaRef;
  url: string | null;
  kind: 'image' | 'audio' | 'file';
}) {
  const { t, lang } = useI18n();
  const size = formatBytes(value.size, lang === 'rn' ? 'fr' : lang);
  if (!url) return <p className="muted">{t('media.notOnDevice', { name: value.name })}</p>;
  if (kind === 'image') return <img className="preview" src={url} alt={value.name} data-testid="media-preview" />;
  if (kind === 'audio') return <audio controls src={url} data-testid="media-preview" />;
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
