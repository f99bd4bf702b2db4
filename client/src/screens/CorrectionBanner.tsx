import type { Draft, FormDefinition, Submission } from '@kusanya/schemas';
import type { Local } from '../db/collections.js';
import { describeFieldError } from '../form/labels.js';
import { problemText } from '../api/problem-text.js';
import { useI18n } from '../i18n/i18n.js';

/** What a correction is about: the server's messages or the supervisor's comment. */
export function CorrectionBanner({
  record,
  draft,
  definition,
}: {
  record: Local<Submission> | null;
  draft: Draft;
  definition: FormDefinition;
}) {
  const { t, lang } = useI18n();
  return (
    <div className="banner correction" data-testid="correction-banner">
      <p>
        <strong>{t('correction.banner')}</strong>
      </p>
      {record && record.formVersion !== draft.formVersion ? (
        <p>{t('correction.otherVersion', { old: record.formVersion, current: draft.formVersion })}</p>
      ) : null}
      {record?.review?.comment ? (
        <p>
          {t('correction.comment')} <q className="comment">{record.review.comment}</q>
        </p>
      ) : null}
      {record && record.status === 'needs_correction' && record.errors.length > 0 ? (
        <>
          <p>{t('correction.serverErrors')}</p>
          <ul className="field-errors">
            {record.errors.map((e, i) => (
              <li key={i}>{describeFieldError(definition, e, lang, (p) => problemText(p, t))}</li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
