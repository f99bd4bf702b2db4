import type { FormDoc, SubmissionReview } from '@kusanya/schemas';
import { parsePath } from '@kusanya/shared/form/engine';
import { localize, pathLabel } from '../form/labels.js';
import { useI18n } from '../i18n/i18n.js';
import { answerText, nodesByName } from './AnswersView.js';

type Change = SubmissionReview['revisions'][number]['changes'][number];

/** One answer changed between two versions, in words: the question's label, the old and the new answer. */
export function ChangedAnswer({ change, form }: { change: Change; form: FormDoc | undefined }) {
  const { t, lang } = useI18n();
  const yesNo = (v: boolean) => (v ? t('review.yes') : t('review.no'));
  if (!form) return <>{t('review.changedUnknownForm')}</>;
  const { definition } = form;
  const name = parsePath(change.field)?.name;
  const node = name ? nodesByName(definition.fields).get(name) : undefined;
  const value = (v: unknown) => answerText(node, v, definition, lang, yesNo);
  return (
    <span data-testid="changed-answer">
      {pathLabel(definition, change.field, lang) || localize(node?.label, lang, definition)} : {value(change.old)} →{' '}
      <strong>{value(change.new)}</strong>
    </span>
  );
}
