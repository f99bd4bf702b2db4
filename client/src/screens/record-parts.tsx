import type { Draft, FormDoc, Submission } from '@kusanya/schemas';
import { Link } from 'wouter';
import { useWorkspace } from '../db/workspace.js';
import { placeLabel } from '../capture/area-scope.js';
import { useCompiledForms } from '../form/compiled-forms.js';
import { describeFieldError, localize } from '../form/labels.js';
import { problemText } from '../api/problem-text.js';
import { useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.js';
import { useObservable } from '../ui/use-observable.js';

/** The forms on the device, and the one a record was captured with (else the newest of its form). */
export function useDeviceForms() {
  const { db } = useWorkspace();
  const forms = useObservable(() => db.forms.find().$, [], [db]).map((d) => d.toJSON() as FormDoc);
  return (s: Pick<Submission, 'formId' | 'formVersion'>) =>
    forms.find((f) => f.formId === s.formId && f.version === s.formVersion) ?? forms.find((f) => f.formId === s.formId);
}

/** A record's name in words, its form's title, and its place's name. */
export function useRecordWords() {
  const { lang } = useI18n();
  const cache = useCompiledForms();
  const formOf = useDeviceForms();
  return {
    formOf,
    title(s: Pick<Submission, 'formId' | 'formVersion'>): string {
      const form = formOf(s);
      return form ? localize(form.definition.title, lang, form.definition) : s.formId;
    },
    label(s: Pick<Submission, 'id' | 'formId' | 'formVersion' | 'data' | 'updatedAt'>): string {
      const form = formOf(s);
      return form ? cache.label(form, `${s.id}@${s.updatedAt}`, s.data, lang) : '';
    },
    place(s: Pick<Submission, 'formId' | 'formVersion' | 'meta'>): string {
      const form = formOf(s);
      return form ? placeLabel(form.definition, s.meta.area, lang) : s.meta.area;
    },
  };
}

/** The state of a record in words (a grievance is not reviewed: it becomes a ticket when received). */
export function StatusBadge({ record }: { record: Pick<Submission, 'formId' | 'status'> }) {
  const { t } = useI18n();
  const key =
    record.formId === 'grievance' && record.status === 'approved' ? 'status.received' : `status.${record.status}`;
  return <span className={`badge status-${record.status}`}>{t(key as MessageKey)}</span>;
}

/** What the supervisor said and what the server found, in words. */
export function RecordMessages({ record, form }: { record: Submission; form: FormDoc | undefined }) {
  const { t, lang } = useI18n();
  // A grievance is received by the server itself (review by "system"), which notes its ticket code: no supervisor spoke.
  const ticket =
    record.review?.by === 'system' ? (/GRV-[0-9]{4}-[0-9]+/.exec(record.review.comment ?? '')?.[0] ?? null) : null;
  return (
    <>
      {ticket ? (
        <p className="info" data-testid="ticket-code">
          {t('outbox.ticketRegistered', { code: ticket })}
        </p>
      ) : record.review?.comment ? (
        <p className="comment">
          {t('outbox.supervisorSays')} “{record.review.comment}”
        </p>
      ) : null}
      {record.status === 'needs_correction' && record.errors.length > 0 ? (
        <div>
          <small>{t('outbox.serverSays')}</small>
          <ul className="field-errors" data-testid="outbox-errors">
            {record.errors.map((e, i) => (
              <li key={i}>{describeFieldError(form?.definition, e, lang, (p) => problemText(p, t))}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </>
  );
}

/** Conflict copies and correction drafts of a record. */
export function useRecordDrafts(): Draft[] {
  const { db } = useWorkspace();
  return useObservable(
    () => db.drafts.find({ selector: { kind: { $in: ['conflict', 'correction'] } } }).$,
    [],
    [db],
  ).map((d) => d.toJSON() as Draft);
}

/** Answers of this tablet that lost to another correction, kept so nothing is lost: see them, or delete them. */
export function ConflictCopies({ record, copies }: { record: Submission; copies: readonly Draft[] }) {
  const { db } = useWorkspace();
  const { t } = useI18n();
  const remove = async (copy: Draft) => {
    if (window.confirm(t('outbox.deleteCopyConfirm'))) await db.drafts.findOne(copy.id).remove();
  };
  return copies.map((copy) => (
    <div key={copy.id} className="conflict" data-testid="conflict-copy">
      <p>
        {t('outbox.conflict', { status: t(`status.${copy.conflict?.serverStatus ?? record.status}` as MessageKey) })}
      </p>
      <div className="row">
        <Link href={`/draft/${copy.id}`} className="button secondary">
          {t('outbox.seeCopy')}
        </Link>
        <button type="button" className="secondary" onClick={() => void remove(copy)}>
          {t('outbox.deleteCopy')}
        </button>
      </div>
    </div>
  ));
}
