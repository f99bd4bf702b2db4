import type { FormDoc, HouseholdDoc } from '@kusanya/schemas';
import { useMemo, useState } from 'react';
import { useLocation } from 'wouter';
import { createRevisitDraft } from '../capture/revisit.js';
import type { Local } from '../db/collections.js';
import { useWorkspace } from '../db/workspace.js';
import { useI18n } from '../i18n/i18n.js';
import { useObservable } from '../ui/use-observable.js';
import { latestForms } from './HomeScreen.js';

const PAGE = 50;
const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();

function headName(h: Local<HouseholdDoc>): string {
  const head = h.members.find((m) => m.role === 'HEAD') ?? h.members[0];
  return head ? [head.values['first_name'], head.values['last_name']].filter(Boolean).join(' ') : '';
}

/** The registry households of my collines (pulled for revisits): find one by name or code, and revisit it. */
export function HouseholdsScreen() {
  const { db } = useWorkspace();
  const { t } = useI18n();
  const [, navigate] = useLocation();
  const [query, setQuery] = useState('');
  const [shown, setShown] = useState(PAGE);
  const households = useObservable(() => db.households.find().$, [], [db]).map(
    (d) => d.toJSON() as Local<HouseholdDoc>,
  );
  const forms = useObservable(() => db.forms.find().$, [], [db]).map((d) => d.toJSON() as FormDoc);
  const form = latestForms(forms).find((f) => f.formId === 'household_survey');
  const matches = useMemo(() => {
    const q = fold(query.trim());
    const all = households.map((h) => ({ h, name: headName(h) }));
    const found = q ? all.filter(({ h, name }) => fold(`${name} ${h.code ?? ''}`).includes(q)) : all;
    return found.sort((a, b) => a.name.localeCompare(b.name));
  }, [households, query]);

  const revisit = async (h: Local<HouseholdDoc>) => {
    if (!form) return;
    const draft = await createRevisitDraft(db, { ...h, _deleted: false }, form);
    navigate(`/draft/${draft.id}`);
  };

  return (
    <main className="households">
      <h1>{t('households.title')}</h1>
      <label htmlFor="household-search" className="question-label">
        {t('households.search')}
      </label>
      <input id="household-search" type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
      <p className="muted" data-testid="households-count">
        {t('households.count', { count: matches.length })}
      </p>
      {households.length === 0 ? <p className="info">{t('households.empty')}</p> : null}
      <ul className="list">
        {matches.slice(0, shown).map(({ h, name }) => (
          <li key={h.id} className="card row" data-testid="household-item">
            <span>
              <strong>{name}</strong>
              <br />
              <small>
                {h.code} · {t('households.members', { count: h.members.length })} · {h.area}
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
