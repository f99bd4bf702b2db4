import type { Draft } from '@kusanya/schemas';
import { useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.js';

/** Above a form: what kind of draft this is when it is not a new record (a correction, or a conflict copy). */
export function DraftNotice({ draft }: { draft: Draft }) {
  const { t } = useI18n();
  if (draft.kind === 'correction')
    return (
      <p className="info" data-testid="draft-notice">
        {t('draft.correction')}
      </p>
    );
  if (draft.kind !== 'conflict') return null;
  const status = t(`status.${draft.conflict?.serverStatus ?? 'pending_review'}` as MessageKey);
  return (
    <div className="conflict" role="note" data-testid="draft-notice">
      <strong>{t('draft.conflictTitle')}</strong>
      <p>{t('draft.conflict', { status })}</p>
    </div>
  );
}
