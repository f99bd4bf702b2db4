import type { CompiledForm } from '@kusanya/shared/form/engine';
import type { LabelMedia } from '@kusanya/schemas';
import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n/i18n.js';
import { useCompiledForms } from '../compiled-forms.js';
import { localize } from '../labels.js';

/** The file of a label medium in the form language (`-` means none, as in XLSForm). */
function fileOf(
  media: LabelMedia | undefined,
  kind: keyof LabelMedia,
  lang: string,
  form: CompiledForm,
): string | null {
  const name = localize(media?.[kind], lang, form.definition);
  return name && name !== '-' ? name : null;
}

/** A form media file as an object URL, once it is on the tablet (null before, or when it is not). */
function useMediaUrl(form: CompiledForm, name: string | null): { url: string | null; missing: boolean } {
  const cache = useCompiledForms();
  const [url, setUrl] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);
  useEffect(() => {
    let cancelled = false;
    setUrl(null);
    setMissing(false);
    if (!name) return undefined;
    void cache.media.url(form.definition, name).then((u) => {
      if (cancelled) return;
      setUrl(u);
      setMissing(u === null);
    });
    return () => {
      cancelled = true;
    };
  }, [cache, form, name]);
  return { url, missing };
}

/** The image, audio and video of a label (question, note or choice), from the form's media files. */
export function LabelMediaView({
  media,
  form,
  language,
  alt,
}: {
  media: LabelMedia | undefined;
  form: CompiledForm;
  /** The form language shown. */
  language: string;
  alt: string;
}) {
  const { t } = useI18n();
  const lang = language;
  const image = useMediaUrl(form, fileOf(media, 'big-image', lang, form) ?? fileOf(media, 'image', lang, form));
  const audio = useMediaUrl(form, fileOf(media, 'audio', lang, form));
  const video = useMediaUrl(form, fileOf(media, 'video', lang, form));
  if (!media) return null;
  const missing = [
    image.missing ? (fileOf(media, 'image', lang, form) ?? '') : '',
    audio.missing ? (fileOf(media, 'audio', lang, form) ?? '') : '',
    video.missing ? (fileOf(media, 'video', lang, form) ?? '') : '',
  ].filter(Boolean);
  return (
    <span className="label-media">
      {image.url ? <img src={image.url} alt={alt} className="label-image" /> : null}
      {audio.url ? <audio controls src={audio.url} aria-label={t('widget.audio')} /> : null}
      {video.url ? <video controls src={video.url} className="label-video" /> : null}
      {missing.map((name) => (
        <small key={name} className="muted">
          {t('widget.mediaMissing', { name })}
        </small>
      ))}
    </span>
  );
}
