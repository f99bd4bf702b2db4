import type { Draft, FormDoc, Submission } from '@kusanya/schemas';
import { Link, useLocation } from 'wouter';
import { CAPTURE_ROLES, REVIEW_ROLES } from '../auth/roles.js';
import { hqLinks } from '../hq/nav.js';
import { createDraft } from '../capture/drafts.js';
import { useWorkspace } from '../db/workspace.js';
import { useCompiledForms } from '../form/compiled-forms.js';
import { captureAllowed, formatBytes } from '../device/storage.js';
import { useHeadroom } from '../device/use-headroom.js';
import { localize } from '../form/labels.js';
import { useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.js';
import { useObservable } from '../ui/use-observable.js';
import { StatusBadge, useRecordWords } from './record-parts.js';
import { EMPTY, from } from 'rxjs';

/** Newest published version of each form on the device. */
export function latestForms(forms: FormDoc[]): FormDoc[] {
  const byId = new Map<string, FormDoc>();
  for (const form of forms) {
    if (form.status !== 'published') continue;
    const current = byId.get(form.formId);
    if (!current || form.publishedAt > current.publishedAt) byId.set(form.formId, form);
  }
  return [...byId.values()].sort((a, b) => a.formId.localeCompare(b.formId));
}

export function HomeScreen() {
  const { db, session, persistence, arrivingForms } = useWorkspace();
  const { t, lang } = useI18n();
  const { headroom } = useHeadroom();
  const canCapture = captureAllowed(headroom);
  const warn = headroom.level === 'full' || headroom.level === 'low';
  const free = warn ? formatBytes(headroom.free, lang === 'rn' ? 'fr' : lang) : '';
  const [, navigate] = useLocation();
  const stored = useObservable(() => db.forms.find().$, [], [db]).map((d) => d.toJSON() as FormDoc);
  // On a first login the buttons appear with the forms as they arrive, a moment before they are stored.
  const arriving = useObservable(() => (arrivingForms ? from(arrivingForms) : EMPTY), [], [arrivingForms]);
  const forms = stored.length > 0 ? stored : arriving;
  const drafts = useObservable(() => db.drafts.find({ sort: [{ updatedAt: 'desc' }] }).$, [], [db]).map(
    (d) => d.toJSON() as Draft,
  );
  const cache = useCompiledForms();
  const available = latestForms(forms);
  const titleOf = (formId: string) => {
    const form = available.find((f) => f.formId === formId);
    return form ? localize(form.definition.title, lang, form.definition) : formId;
  };
  const returned = useObservable(
    () => db.submissions.find({ selector: { status: { $in: ['returned', 'needs_correction'] } } }).$,
    [],
    [db],
  ).map((d) => d.toJSON() as Submission);
  const words = useRecordWords();
  const labelOf = (draft: Draft) => {
    const form = forms.find((f) => f.formId === draft.formId && f.version === draft.formVersion);
    return form ? cache.label(form, `${draft.id}@${draft.updatedAt}`, draft.data, lang) : '';
  };

  const start = async (form: FormDoc) => {
    if (!canCapture) return;
    // A form that arrived but is not stored yet is stored now (the sync stores the same document).
    if (!(await db.forms.findOne(form.id).exec())) {
      const { _deleted, ...local } = form;
      await db.forms.upsert(local);
    }
    const draft = await createDraft(db, form);
    navigate(`/draft/${draft.id}`);
  };

  return (
    <main className="home">
      <h1>{t('home.greeting', { name: session.user.username })}</h1>
      {headroom.level === 'full' ? (
        <p className="error" role="alert" data-testid="storage-full">
          {t('home.storageFull', { free })}
        </p>
      ) : headroom.level === 'low' ? (
        <p className="warn-box" role="status">
          {t('home.storageLow', { free })}
        </p>
      ) : null}
      <p className={persistence === 'granted' ? 'muted' : 'warn-box'} data-testid="persistence">
        {persistence === 'granted' ? t('home.persisted') : t('home.notPersisted')}
      </p>
      {CAPTURE_ROLES.has(session.user.role) ? null : (
        // Office roles do not capture records (the server refuses their pushes): their work is in the menu.
        <>
          <p className="info">{t('home.officeIntro')}</p>
          <section className="actions" data-testid="office-entries">
            {REVIEW_ROLES.has(session.user.role) ? (
              <Link href="/review" className="button primary big">
                {t('nav.review')}
              </Link>
            ) : null}
            {hqLinks(session.user.role).map((link) => (
              <Link key={link.path} href={link.path} className="button primary big">
                {t(link.key as MessageKey)}
              </Link>
            ))}
            {session.user.role === 'admin' ? (
              <Link href="/admin" className="button primary big">
                {t('admin.nav')}
              </Link>
            ) : null}
          </section>
        </>
      )}
      {CAPTURE_ROLES.has(session.user.role) ? (
        <>
          <section className="actions">
            {available.length === 0 ? <p className="info">{t('home.noForms')}</p> : null}
            {available.map((form) => (
              <button
                key={form.id}
                type="button"
                className="primary big"
                disabled={!canCapture}
                onClick={() => void start(form)}
              >
                + {localize(form.definition.title, lang, form.definition)}
              </button>
            ))}
            <Link href="/outbox" className="button secondary big">
              {t('home.outbox')}
            </Link>
          </section>
          {returned.length > 0 ? (
            <section data-testid="home-returned">
              <h2>{t('home.returned', { count: returned.length })}</h2>
              <ul className="list">
                {returned.map((s) => (
                  <li key={s.id} className="card row">
                    <span>
                      <strong>{words.label(s) || words.title(s)}</strong>
                      <small className="muted"> · {words.title(s)}</small> <StatusBadge record={s} />
                      {s.review?.comment ? <small className="comment"> “{s.review.comment}”</small> : null}
                    </span>
                    <Link href={`/outbox/${s.id}`} className="button primary">
                      {t('record.open')}
                    </Link>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <section>
            <h2>{t('home.drafts')}</h2>
            {drafts.length === 0 ? <p className="muted">{t('home.noDrafts')}</p> : null}
            <ul className="list">
              {drafts.map((draft) => (
                <li key={draft.id} className="card row">
                  <span>
                    {/* A draft nobody is named in yet reads as its form and when it was started. */}
                    <strong>
                      {labelOf(draft) ||
                        t('record.untitled', {
                          form: titleOf(draft.formId),
                          when: new Date(draft.startedAt).toLocaleString(lang === 'rn' ? 'fr' : lang, {
                            dateStyle: 'short',
                            timeStyle: 'short',
                          }),
                        })}
                    </strong>
                    {labelOf(draft) ? <small className="muted"> · {titleOf(draft.formId)}</small> : null}
                    {draft.kind !== 'new' ? (
                      <span className={`badge ${draft.kind === 'conflict' ? 'status-returned' : 'status-submitted'}`}>
                        {draft.kind === 'conflict' ? t('home.conflictCopy') : t('home.correction')}
                      </span>
                    ) : null}
                    <br />
                    <small>
                      {new Date(draft.updatedAt).toLocaleString(lang === 'rn' ? 'fr' : lang, {
                        dateStyle: 'short',
                        timeStyle: 'short',
                      })}
                    </small>
                  </span>
                  <Link href={`/draft/${draft.id}`} className="button secondary">
                    {t('home.continue')}
                  </Link>
                </li>
              ))}
            </ul>
          </section>
        </>
      ) : null}
    </main>
  );
}
