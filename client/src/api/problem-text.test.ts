/**
 * Server problems in the person's language: every catalogued code (input problems, record problems) has words in
 * every language, using only the details the server sends; an error reads its code and its problems in words,
 * never the server's English message or a field name.
 */
import { inputProblem, INPUT_PROBLEM_CODES, schemaProblem } from '@kusanya/shared/api/input-problems';
import { RECORD_PROBLEM_CODES, recordProblem } from '@kusanya/shared/sync/record-problems';
import { describe, expect, it } from 'vitest';
import { format, LANGUAGES, MESSAGES, type MessageKey } from '../i18n/messages.js';
import { errorText } from './error-text.js';
import { ApiError } from './http.js';
import { problemText } from './problem-text.js';

const fr = (key: MessageKey, values?: Record<string, string | number>) => format(MESSAGES.fr[key], values, 'fr');

describe('problems in words', () => {
  it.each(LANGUAGES.map((l) => l.code))('%s has words for every catalogued problem', (lang) => {
    const keys = Object.keys(MESSAGES[lang]);
    const missing = [...INPUT_PROBLEM_CODES, ...RECORD_PROBLEM_CODES].filter((c) => !keys.includes(`problem.${c}`));
    expect(missing).toEqual([]);
  });

  it('words a weak password in French, with the field, and not the English message', () => {
    const error = new ApiError(400, 'validation-failed', 'The user cannot be created.', [
      inputProblem('password-too-short', 'password', { min: 10 }),
      inputProblem('area-unknown', 'areas', { area: 'NOPE' }),
    ]);
    expect(errorText(error, fr)).toBe(
      'Certaines valeurs ne sont pas valides. Mot de passe : Utilisez au moins 10 caractères (une petite phrase se ' +
        "retient facilement). Zones : Une des zones choisies n'existe pas.",
    );
  });

  it('words the JSON Schema findings by keyword, and an unknown problem without its English', () => {
    expect(problemText(schemaProblem('body.comment', 'maxLength', { limit: 20 }), fr)).toBe('Au plus 20 caractères.');
    expect(problemText({ path: 'x', message: 'must be wobbly' }, fr)).toBe("Cette valeur n'est pas valide.");
  });

  it('names the place of a record outside the enumerator’s collines, not its code', () => {
    const problem = recordProblem('area-not-assigned', 'meta.area', {
      area: 'CL05010101',
      areaName: 'Kinyami',
      commune: 'C0501',
      communeName: 'Gitega',
    });
    const text = problemText(problem, fr);
    expect(text).toMatch(/^Kinyami n'est pas une de vos collines/);
    expect(text).not.toContain('CL05010101');
  });
});
