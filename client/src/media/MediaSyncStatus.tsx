import './media.css';
import { useWorkspace } from '../db/workspace.js';
import { formatBytes } from '../device/storage.js';
import { useI18n } from '../i18n/i18n.js';
import { useObservable } from '../ui/use-observable.js';

/** The sync bar's line for media: files and bytes sent in this run, with a progress bar, or how many wait. */
export function MediaSyncStatus() {
  const { media } = useWorkspace();
  const { t, lang } = useI18n();
  const status = useObservable(() => media.status$, media.status$.value, [media]);
  const locale = lang === 'rn' ? 'fr' : lang;
  if (status.active && status.inRun > 0)
    return (
      <span className="media-progress" data-testid="media-progress">
        {t('media.sending', {
          done: status.done,
          total: status.inRun,
          sent: formatBytes(status.bytesSent, locale),
          bytes: formatBytes(status.bytesTotal, locale),
        })}
        <progress max={status.bytesTotal || 1} value={status.bytesSent} aria-label={t('media.progress')} />
      </span>
    );
  if (status.waiting > 0)
    return (
      <span className="waiting" data-testid="media-waiting">
        {t('media.waiting', { count: status.waiting })}
      </span>
    );
  return null;
}
