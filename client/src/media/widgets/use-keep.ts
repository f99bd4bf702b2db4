import type { MediaRef } from '@kusanya/schemas';
import { acceptsType, type MediaKind } from '@kusanya/shared/media/types';
import { useState } from 'react';
import { captureAllowed, estimateHeadroom, formatBytes } from '../../device/storage.js';
import { useI18n } from '../../i18n/i18n.js';
import type { MediaCapture } from '../capture-context.js';

/**
 * Keeping a captured file: refused with a clear message when the tablet is nearly full, the file is over the
 * per-file limit or of a type the question does not take; otherwise kept (encrypted) beside the record, and the
 * answer becomes its reference. The previous file of the answer is let go (unless a sent version still needs it).
 */
export function useKeepMedia(
  capture: MediaCapture | null,
  field: string,
  kind: MediaKind,
  value: MediaRef | undefined,
  set: (value: MediaRef | undefined) => void,
) {
  const { t, lang } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const locale = lang === 'rn' ? 'fr' : lang;

  /** Keeps what `make` gives; the reference kept, or null when it was refused (the error says why). */
  const keep = async (make: () => Promise<Blob>, name?: string): Promise<MediaRef | null> => {
    if (!capture) return null;
    setBusy(true);
    setError(null);
    try {
      if (!captureAllowed(await estimateHeadroom())) throw new Error(t('media.storageFull'));
      const blob = await make();
      if (!acceptsType(kind, blob.type)) throw new Error(t('media.wrongType', { type: blob.type || '?' }));
      if (blob.size > capture.limits.fileBytes)
        throw new Error(
          t(kind === 'video' ? 'media.videoTooLarge' : 'media.tooLarge', {
            size: formatBytes(blob.size, locale),
            max: formatBytes(capture.limits.fileBytes, locale),
          }),
        );
      const ref = await capture.store.keep({
        submissionId: capture.submissionId,
        field,
        blob,
        ...(name ? { name } : {}),
      });
      const previous = value;
      set(ref);
      if (previous && previous.name !== ref.name) await capture.store.discard(capture.submissionId, previous);
      return ref;
    } catch (e) {
      setError((e as Error).message);
      return null;
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    if (!capture || !value) return;
    set(undefined);
    await capture.store.discard(capture.submissionId, value);
  };

  return { keep, remove, busy, error, setError };
}
