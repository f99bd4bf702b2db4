import { describe, expect, it } from 'vitest';
import { compileForm } from './compile.js';
import { miniForm, validMiniAnswers } from './test-fixtures.js';
import { validateAnswers } from './validate.js';

const form = compileForm(miniForm);
const today = '2026-11-24';

function check(changes: Record<string, unknown>, language = 'en') {
  return validateAnswers(form, { ...validMiniAnswers(), ...changes }, language, { today });
}

function errorsOf(changes: Record<string, unknown>, language = 'en') {
  return check(changes, language).errors;
}

describe('validateAnswers', () => {
  it('accepts a valid submission and recomputes calculates into the cleaned data', () => {
    const { errors, cleaned } = check({ n_heads: 99 });
    expect(errors).toEqual([]);
    expect(cleaned).toMatchObject({ n_heads: 1, size: 2 });
    expect(cleaned['members']).toEqual([
      { m_name: 'Ana', sex: 'F', m_age: 34, pregnant: 'no', rel: 'HEAD', is_head: 1, line: 1 },
      { m_name: 'Jean', sex: 'M', m_age: 36, rel: 'SPOUSE', is_head: 0, line: 2 },
    ]);
  });

  it('does not modify the data it is given', () => {
    const data = validMiniAnswers();
    const before = JSON.stringify(data);
    validateAnswers(form, { ...data, has_kids: 'no' }, 'en', { today });
    expect(JSON.stringify(data)).toBe(before);
  });

  it('reports a missing required answer only where the question is relevant', () => {
    expect(errorsOf({ name: undefined })).toEqual([{ path: 'name', message: 'This question is required.' }]);
    expect(errorsOf({ n_kids: undefined, share: undefined })).toEqual([
      { path: 'n_kids', message: 'This question is required.' },
    ]);
    expect(errorsOf({ n_kids: undefined, has_kids: 'no' })).toEqual([]);
  });

  it('clears answers to questions that are not relevant, without validating them', () => {
    const { errors, cleaned } = check({ has_kids: 'no', n_kids: -5 });
    expect(errors).toEqual([]);
    expect(cleaned).not.toHaveProperty('n_kids');
  });

  it('clears a whole group when the group is not relevant', () => {
    const { errors, cleaned } = check({ name: 'nowhere', commune: 'C0501' });
    expect(errors).toEqual([]);
    expect(cleaned).not.toHaveProperty('province');
    expect(cleaned).not.toHaveProperty('commune');
  });

  it('checks types and ranges', () => {
    expect(errorsOf({ age: 3.5 })).toEqual([{ path: 'age', message: 'Enter a whole number.' }]);
    expect(errorsOf({ age: '34' })).toEqual([{ path: 'age', message: 'Enter a whole number.' }]);
    expect(errorsOf({ name: 42 })).toEqual([{ path: 'name', message: 'Enter text.' }]);
    expect(errorsOf({ visit: '2026-02-30' })).toEqual([
      { path: 'visit', message: 'Enter a date as YYYY-MM-DD (for example 2026-01-31).' },
    ]);
    expect(errorsOf({ visit: '1850-01-01' })).toEqual([
      { path: 'visit', message: 'The date must be between 1900 and 2100.' },
    ]);
    expect(errorsOf({ assets: 'radio' })).toEqual([{ path: 'assets', message: 'A list of entries is expected.' }]);
    expect(errorsOf({ members: [{ m_name: 'A', rel: 'HEAD', m_age: 1e300 }] })).toEqual([
      { path: 'members[0].m_age', message: 'This number is too large.' },
    ]);
  });

  it('uses the form constraint message in the user language, else a built-in one', () => {
    expect(errorsOf({ age: 130 })).toEqual([{ path: 'age', message: 'Age between 0 and 120' }]);
    expect(errorsOf({ age: 130 }, 'fr')).toEqual([{ path: 'age', message: 'Âge entre 0 et 120' }]);
    // No Kirundi text in this form: the form's default language (fr) wins over the built-in text.
    expect(errorsOf({ age: 130 }, 'rn')).toEqual([{ path: 'age', message: 'Âge entre 0 et 120' }]);
    expect(errorsOf({ assets: ['none', 'radio'] }, 'fr')).toEqual([
      { path: 'assets', message: "Cette réponse n'est pas valide." },
    ]);
    expect(errorsOf({ assets: ['none', 'radio'] }, 'rn')).toEqual([
      { path: 'assets', message: 'Iyi nyishu ntiyemewe.' },
    ]);
  });

  it('checks choice membership and the choice filter', () => {
    expect(errorsOf({ tenure: 'squatter' })).toEqual([
      { path: 'tenure', message: "'squatter' is not one of the choices." },
    ]);
    expect(errorsOf({ commune: 'C0501' })).toEqual([
      { path: 'commune', message: "'C0501' is not an available choice here." },
    ]);
    expect(errorsOf({ assets: ['radio', 'radio'] })).toEqual([
      { path: 'assets', message: "'radio' is selected twice." },
    ]);
  });

  it('handles or_other: an "other" choice and a required specification', () => {
    expect(errorsOf({ tenure: 'other' })).toEqual([{ path: 'tenure_other', message: 'This question is required.' }]);
    expect(errorsOf({ tenure: 'other', tenure_other: 'Borrowed' })).toEqual([]);
    expect(check({ tenure: 'owner', tenure_other: 'Borrowed' }).cleaned).not.toHaveProperty('tenure_other');
  });

  it('validates inside repeats with paths to the instance', () => {
    const members = [
      { m_name: 'Ana', sex: 'F', m_age: 34, rel: 'HEAD' },
      { sex: 'X', rel: 'CHILD' },
    ];
    expect(errorsOf({ members })).toEqual([
      { path: 'members[1].m_name', message: 'This question is required.' },
      { path: 'members[1].sex', message: "'X' is not one of the choices." },
    ]);
  });

  it('evaluates relevance per repeat instance from its siblings', () => {
    const members = [
      { m_name: 'Ana', sex: 'F', m_age: 10, pregnant: 'yes', rel: 'HEAD' },
      { m_name: 'Eva', sex: 'F', m_age: 30, pregnant: 'yes', rel: 'CHILD' },
    ];
    const { cleaned } = check({ members });
    const list = cleaned['members'] as Record<string, unknown>[];
    expect(list[0]).not.toHaveProperty('pregnant');
    expect(list[1]).toHaveProperty('pregnant', 'yes');
  });

  it('enforces exactly one head through a sum over the roster', () => {
    const member = (rel: string) => ({ m_name: rel, rel });
    expect(errorsOf({ members: [member('SPOUSE'), member('CHILD')] })).toEqual([
      { path: 'confirm', message: 'Exactly one head is needed (now 0)' },
    ]);
    expect(errorsOf({ members: [member('HEAD'), member('CHILD')] })).toEqual([]);
    expect(errorsOf({ members: [member('HEAD'), member('HEAD')] })).toEqual([
      { path: 'members[0].rel', message: 'This answer is not valid.' },
      { path: 'members[1].rel', message: 'This answer is not valid.' },
      { path: 'confirm', message: 'Exactly one head is needed (now 2)' },
    ]);
  });

  it('checks repeat counts: minimum/maximum, and exactly repeat_count', () => {
    expect(errorsOf({ members: [], confirm: 'no' })).toEqual([
      { path: 'members', message: 'At least 1 entries are needed.' },
      { path: 'confirm', message: 'Exactly one head is needed (now 0)' },
    ]);
    const six = Array.from({ length: 6 }, (_, i) => ({ m_name: `m${i}`, rel: i === 0 ? 'HEAD' : 'CHILD' }));
    expect(errorsOf({ members: six })).toEqual([{ path: 'members', message: 'At most 5 entries are allowed.' }]);
    expect(errorsOf({ n_plots: 2 })).toEqual([{ path: 'plots', message: '2 entries are needed; there are 1.' }]);
    expect(errorsOf({ n_plots: 2, plots: [{ plot_area: 1 }, {}] })).toEqual([
      { path: 'plots[1].plot_area', message: 'This question is required.' },
    ]);
  });

  it('drops a repeat whose relevance turns false', () => {
    const { errors, cleaned } = check({ n_plots: 0, plots: [{}] });
    expect(errors).toEqual([]);
    expect(cleaned).not.toHaveProperty('plots');
  });

  it('reports unknown fields and misplaced answers, and leaves them out', () => {
    const { errors, cleaned } = check({ colour: 'blue', m_name: 'top-level', location: {}, bye: 'x' });
    expect(errors).toEqual([
      { path: 'colour', message: 'This question is not in the form.' },
      { path: 'm_name', message: 'This question is not in the form.' },
      { path: 'location', message: 'This item takes no answer.' },
      { path: 'bye', message: 'This item takes no answer.' },
    ]);
    expect(Object.keys(cleaned)).not.toContain('colour');
    expect(errorsOf({ members: [{ m_name: 'A', rel: 'HEAD', age: 3 }] })).toEqual([
      { path: 'members[0].age', message: 'This question is not in the form.' },
    ]);
    expect(errorsOf({ members: 'nobody' })[0]).toEqual({ path: 'members', message: 'A list of entries is expected.' });
  });

  it('turns a runtime error in a constraint into a clear message on that question', () => {
    expect(errorsOf({ n_kids: 0, share: 10 })).toEqual([
      { path: 'share', message: 'This answer could not be checked: division by zero.' },
    ]);
    expect(errorsOf({ n_kids: 0, share: 10 }, 'fr')).toEqual([
      { path: 'share', message: 'Impossible de vérifier cette réponse : division par zéro.' },
    ]);
  });

  it('uses the given date for today()', () => {
    expect(errorsOf({ visit: '2026-11-25' })).toEqual([{ path: 'visit', message: 'This answer is not valid.' }]);
    expect(
      validateAnswers(form, { ...validMiniAnswers(), visit: '2026-11-25' }, 'en', { today: '2026-11-25' }).errors,
    ).toEqual([]);
  });

  it('rejects data that is not an object', () => {
    expect(validateAnswers(form, [1, 2], 'en').errors).toEqual([
      { path: '', message: 'Each entry must be a set of answers.' },
    ]);
  });

  it('accepts a definition directly (compiling it on the fly)', () => {
    expect(validateAnswers(miniForm, validMiniAnswers(), 'en', { today }).errors).toEqual([]);
  });
});
