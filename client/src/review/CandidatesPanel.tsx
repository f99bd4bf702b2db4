import type { DuplicateCandidate, FormDefinition } from '@kusanya/schemas';
import { useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.js';

type Answers = Record<string, unknown>;

function personLine(p: {
  firstName: unknown;
  lastName: unknown;
  sex: unknown;
  birthYear?: unknown;
  nationalId?: unknown;
}): string {
  return [[p.firstName, p.lastName].filter(Boolean).join(' '), p.sex, p.birthYear, p.nationalId]
    .filter((v) => v !== null && v !== undefined && v !== '')
    .join(' · ');
}

/** Duplicate candidates side by side with the record's member, each with "same" / "different". */
export function CandidatesPanel({
  candidates,
  data,
  canDecide,
  onDecide,
}: {
  candidates: DuplicateCandidate[];
  data: Answers;
  definition: FormDefinition;
  canDecide: boolean;
  onDecide(candidate: DuplicateCandidate, decision: 'same' | 'different'): void;
}) {
  const { t } = useI18n();
  if (candidates.length === 0) return null;
  const roster = Array.isArray(data['members']) ? (data['members'] as Answers[]) : [];
  return (
    <section className="panel" data-testid="candidates">
      <h2>{t('review.candidatesTitle')}</h2>
      <p className="muted">{t('review.candidatesHelp')}</p>
      {candidates.map((c) => {
        const member = c.memberIndex === null ? null : roster[c.memberIndex];
        const dob =
          typeof member?.['dob'] === 'string' ? (member['dob'] as string).slice(0, 4) : member?.['age_estimated'];
        return (
          <div key={c.id} className="card candidate" data-testid="candidate">
            <div className="side-by-side">
              <div>
                <small className="muted">
                  {c.memberIndex === null
                    ? t('review.candidateHousehold')
                    : t('review.candidateFor', { n: c.memberIndex + 1 })}
                </small>
                <p>
                  <strong>
                    {member
                      ? personLine({
                          firstName: member['first_name'],
                          lastName: member['last_name'],
                          sex: member['sex'],
                          birthYear: dob,
                          nationalId: member['national_id'],
                        })
                      : `${roster.length} ·  ${personLine({ firstName: roster.find((m) => m['relationship'] === 'HEAD')?.['first_name'], lastName: roster.find((m) => m['relationship'] === 'HEAD')?.['last_name'], sex: null })}`}
                  </strong>
                </p>
              </div>
              <div>
                {c.withheld ? (
                  <p data-testid="candidate-withheld">
                    {t('review.withheld', { province: c.withheld.province ?? '' })}
                  </p>
                ) : (
                  <>
                    <small className="muted">
                      {c.person?.householdCode || c.household?.code
                        ? t('review.inRegistry', { code: c.person?.householdCode ?? c.household?.code ?? '' })
                        : t('review.waitingRecord')}
                    </small>
                    <p>
                      <strong>
                        {c.person
                          ? personLine(c.person)
                          : c.household
                            ? `${c.household.size} · ${c.household.headName ?? ''}`
                            : c.candidateId}
                      </strong>
                    </p>
                  </>
                )}
              </div>
            </div>
            <p className="muted">{t(`review.rule.${c.rule}` as MessageKey)}</p>
            {c.decision ? (
              <p className="badge">{c.decision === 'same' ? t('review.decidedSame') : t('review.decidedDifferent')}</p>
            ) : canDecide ? (
              <div className="row">
                <button type="button" className="secondary" onClick={() => onDecide(c, 'same')}>
                  {c.memberIndex === null ? t('review.sameHousehold') : t('review.same')}
                </button>
                <button type="button" className="secondary" onClick={() => onDecide(c, 'different')}>
                  {t('review.different')}
                </button>
              </div>
            ) : null}
          </div>
        );
      })}
    </section>
  );
}
