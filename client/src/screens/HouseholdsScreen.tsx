import type { FormDoc } from '@kusanya/schemas';
import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { useLocation } from 'wouter';
import { createRevisitDraft } from '../capture/revisit.js';
import { useWorkspace } from '../db/workspace.js';
import { usePreparedForm } from '../form/compiled-forms.js';
import type { HouseholdIndex, ListedHousehold } from '../households/household-index.js';
import { useI18n } from '../i18n/i18n.js';
import { useObservable } from '../ui/use-observable.js';
import { latestForms } from './HomeScreen.js';

const PAGE = 50;

/** The households list, loaded once (one document per colline to decrypt) and kept current by the store. */
function useHouseholdIndex(): { index: HouseholdIndex | null; version: number } {
  const { households } = useWorkspace();
  const version = useObservable(() => households.version$, households.version$.value, [households]);
  const [index, setIndex] = useState<HouseholdIndex | null>(null);
  useEffect(() => {
    let live = true;
    void households.list().then((loaded) => live && setIndex(loaded));
    return () => {
      live = false;
    };
  }, [households]);
  return { index, version };
}

/** The registry households of my collines (pulled for revisits): find one by name or code, and revisit it. */
export function HouseholdsScreen() {
  const { db, households, householdsMigration$ } = useWorkspace();
  const { t } = useI18n();
  const [, navigate] = useLocation();
  const [query, setQuery] = useState('');
  // Typing stays responsive on a slow tablet: the list follows the search box as soon as it can.
  const deferredQuery = useDeferredValue(query);
  const [shown, setShown] = useState(PAGE);
  const { index, version } = useHouseholdIndex();
  const migration = useObservable(() => householdsMigration$, householdsMigration$.value, [householdsMigration$]);
  const forms = useObservable(() => db.forms.find().$, [], [db]).map((d) => d.toJSON() as FormDoc);
  const form = latestForms(forms).find((f) => f.formId === 'household_survey');
  // A revisit opens this form: compiled while the list is read, not after the tap.
  usePreparedForm(form);
  const matches = useMemo(
    () => index?.search(deferredQuery) ?? [],
    // `version` changes when the list does (the index itself is one object, updated in place).
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [index, version, deferredQuery],
  );

  const revisit = async (listed: ListedHousehold) => {
    const household = form ? await households.get(listed.id) : null;
    if (!form || !household) return;
    const draft = await createRevisitDraft(db, { ...household, _deleted: false }, form);
    navigate(`/draft/${draft.id}`);
  };

  return (
    <main className="households">
      <h1>{t('households.title')}</h1>
      <label htmlFor="household-search" className="question-label">
        {t('households.search')}
      </label>
      <input id="household-search" type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
      {migration ? (
        <p className={migration.error ? 'warn-box' : 'info'} role="status" data-testid="households-preparing">
          {migration.error
            ? t('migration.failed', { message: migration.error })
            : t('households.preparing', { done: migration.done, total: migration.total })}
        </p>
      ) : null}
      <p className="muted" data-testid="households-count">
        {t('households.count', { count: matches.length })}
      </p>
      {index && index.size === 0 && !migration ? <p className="info">{t('households.empty')}</p> : null}
      <ul className="list">
        {matches.slice(0, shown).map((h) => (
          <li key={h.id} className="card row" data-testid="household-item">
            <span>
              <strong>{h.name}</strong>
              <br />
              <small>
                {h.code} · {t('households.members', { count: h.members })} · {h.area}
              </small>
            </span>
            <button type="button" className="secondary" disabled={!form} onClick={() => void revisit(h)}>
              {t('households.revisit')}
            </button>
          </li>
        ))}
      </ul>
      {matches.length > shown ? (
        <button type="button" className="secondary wide" onClick={() => setShown((n) => n + PAGE)}>
          {t('households.more')}
        </button>
      ) : null}
    </main>
  );
}
