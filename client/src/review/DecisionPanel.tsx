import { decisionProblems, type DecisionChoice } from '@kusanya/shared/review/decision';
import { REJECT_REASONS } from '@kusanya/shared/review/reasons';
import { useState } from 'react';
import { useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.js';

export type { DecisionChoice };

/** Approve (after confirming), reject (a reason from the list plus free text) or return (with a comment). */
export function DecisionPanel({
  busy,
  approveBlocked,
  onDecide,
}: {
  busy: boolean;
  /** Why approval is not possible yet (e.g. duplicates to decide), shown instead of approving. */
  approveBlocked?: string | undefined;
  onDecide(choice: DecisionChoice): void;
}) {
  const { t } = useI18n();
  const [mode, setMode] = useState<'none' | 'approve' | 'reject' | 'return'>('none');
  const [reason, setReason] = useState('');
  const [comment, setComment] = useState('');
  return (
    <section className="panel decision" data-testid="decision">
      <div className="decision-buttons">
        <button
          type="button"
          className="primary big"
          disabled={busy || approveBlocked !== undefined}
          onClick={() => setMode('approve')}
          aria-expanded={mode === 'approve'}
        >
          {t('review.approve')}
        </button>
        <button
          type="button"
          className="secondary big"
          disabled={busy}
          onClick={() => setMode('return')}
          aria-expanded={mode === 'return'}
        >
          {t('review.return')}
        </button>
        <button
          type="button"
          className="secondary big"
          disabled={busy}
          onClick={() => setMode('reject')}
          aria-expanded={mode === 'reject'}
        >
          {t('review.reject')}
        </button>
      </div>
      {approveBlocked ? (
        <p className="warn-box" data-testid="approve-blocked">
          {approveBlocked}
        </p>
      ) : null}
      {mode === 'approve' && approveBlocked === undefined ? (
        <div className="confirm-box" role="group" aria-labelledby="approve-question">
          <p id="approve-question">{t('review.confirmApproveQuestion')}</p>
          <div className="row">
            <button type="button" className="primary" disabled={busy} onClick={() => onDecide({ decision: 'approve' })}>
              {t('review.confirmApprove')}
            </button>
            <button type="button" className="secondary" onClick={() => setMode('none')}>
              {t('review.cancel')}
            </button>
          </div>
        </div>
      ) : null}
      {mode === 'reject' ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            onDecide({ decision: 'reject', reason, ...(comment ? { comment } : {}) });
          }}
        >
          <label htmlFor="reject-reason">{t('review.reason')}</label>
          <select id="reject-reason" required value={reason} onChange={(e) => setReason(e.target.value)}>
            <option value="">{t('review.chooseReason')}</option>
            {REJECT_REASONS.map((r) => (
              <option key={r} value={r}>
                {t(`review.reason.${r}` as MessageKey)}
              </option>
            ))}
          </select>
          <label htmlFor="reject-comment">{t('review.comment')}</label>
          <textarea id="reject-comment" rows={3} value={comment} onChange={(e) => setComment(e.target.value)} />
          <button type="submit" disabled={busy || decisionProblems({ decision: 'reject', reason }).length > 0}>
            {t('review.confirmReject')}
          </button>
        </form>
      ) : null}
      {mode === 'return' ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            onDecide({ decision: 'return', comment });
          }}
        >
          <label htmlFor="return-comment">{t('review.returnComment')}</label>
          <textarea
            id="return-comment"
            rows={3}
            required
            value={comment}
            onChange={(e) => setComment(e.target.value)}
          />
          <button type="submit" disabled={busy || decisionProblems({ decision: 'return', comment }).length > 0}>
            {t('review.confirmReturn')}
          </button>
        </form>
      ) : null}
    </section>
  );
}
