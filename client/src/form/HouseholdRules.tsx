import { HOUSEHOLD_ROSTER, householdProblems, type InvariantProblem } from '@kusanya/shared/registry/invariants';
import { useContext } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { useFormStore, useFormVersion } from './hooks.js';
import { MissingFlagsContext } from './Question.js';

const RULES: readonly { rule: InvariantProblem['rule']; question: string; key: 'heads' | 'primaries' }[] = [
  { rule: 'one-head', question: HOUSEHOLD_ROSTER.relationship, key: 'heads' },
  { rule: 'one-primary-recipient', question: HOUSEHOLD_ROSTER.recipient, key: 'primaries' },
];

/**
 * The household's invariants on the member roster (shared/registry/invariants.ts, the rule the server applies at
 * approval), said in words while the enumerator is still with the family: two heads or two primary recipients at
 * once; none once every member has answered that question, or when the enumerator asks to finish. A roster without
 * these questions has no such rule.
 */
export function HouseholdRules({ path, count }: { path: string; count: number }) {
  const { t } = useI18n();
  const store = useFormStore();
  const { show } = useContext(MissingFlagsContext);
  useFormVersion();
  const value = (i: number, question: string) => store.state(`${path}[${i}].${question}`);
  const rules = RULES.filter((r) => count > 0 && value(0, r.question) !== undefined);
  if (rules.length === 0) return null;
  const lines = Array.from({ length: count }, (_, i) => ({
    role: value(i, HOUSEHOLD_ROSTER.relationship)?.value,
    recipient: value(i, HOUSEHOLD_ROSTER.recipient)?.value,
  }));
  const allAnswered = (question: string) =>
    lines.every((_, i) => {
      const s = value(i, question);
      return !s?.relevant || (s.value !== undefined && s.value !== null && s.value !== '');
    });
  const problems = householdProblems(lines).flatMap((p) => {
    const rule = rules.find((r) => r.rule === p.rule);
    return rule && (p.count > 1 || show || allAnswered(rule.question)) ? [{ ...p, key: rule.key }] : [];
  });
  if (problems.length === 0) return null;
  return (
    <div role="alert" data-testid="household-rules">
      {problems.map((p) => (
        <p key={p.rule} className="field-error">
          {t(`form.household.${p.key}`, { count: p.count })}
        </p>
      ))}
    </div>
  );
}
