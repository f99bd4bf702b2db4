import type { FieldError, FormDefinition } from '@kusanya/schemas';
import { describe, expect, it } from 'vitest';
import { compileForm } from './compile.js';
import { messageText } from './messages.js';
import { createFormSession, type FormSession } from './session.js';
import { miniForm, validMiniAnswers } from './test-fixtures.js';
import { validateAnswers } from './validate.js';

const form = compileForm(miniForm);
const today = '2026-11-24';
const fresh = (language = 'en') => createFormSession(form, { language, today });
const state = (s: FormSession, path: string) => s.getNodeState(path)!;

/** The errors a user sees on screen: `missing` and `invalid` of every relevant question. */
function screenErrors(s: FormSession, language = 'en'): FieldError[] {
  const out: FieldError[] = [];
  const visit = (paths: string[]) => {
    for (const path of paths) {
      const st = s.getNodeState(path);
      if (!st?.relevant) continue;
      if (st.missing) out.push({ path, message: messageText(language, { key: 'required' }) });
      if (st.invalid) out.push({ path, message: st.invalid });
      if (st.type === 'group') visit(s.children(path));
      if (st.type === 'repeat') for (const instance of s.children(path)) visit(s.children(instance));
    }
  };
  visit(s.children());
  return out;
}

describe('FormSession: a new form', () => {
  it('starts with defaults, the minimum repeat instances and computed values', () => {
    const s = fresh();
    expect(s.snapshot()).toEqual({
      visit: '2026-11-24',
      greeting: 'Bonjour',
      members: [{ is_head: 0, line: 1 }],
      n_heads: 0,
      size: 1,
    });
    expect(s.children('members')).toEqual(['members[0]']);
    expect(state(s, 'plots')).toMatchObject({ relevant: false });
  });

  it('gives labels in the session language with answers filled in', () => {
    const s = fresh('fr');
    s.setValue('name', 'Ana');
    expect(state(s, 'members[0].m_name').label).toBe('Nom du membre Ana');
    expect(state(s, 'bye').label).toBe('Merci Ana');
    expect(state(s, 'confirm').label).toBe('Confirmer 1 membres');
    const changed = s.setLanguage('en');
    expect(changed).toContain('members[0].m_name');
    expect(state(s, 'members[0].m_name').label).toBe('Member name');
    expect(state(s, 'tenure').choices?.at(-1)).toEqual({ name: 'other', label: 'Other' });
  });

  it('shows required questions as missing until answered', () => {
    const s = fresh();
    expect(state(s, 'name')).toMatchObject({ required: true, missing: true });
    s.setValue('name', 'Ana');
    expect(state(s, 'name')).toMatchObject({ missing: false, value: 'Ana' });
  });
});

describe('FormSession: changes', () => {
  it('reports exactly the nodes whose state changed', () => {
    const s = fresh();
    expect(s.setValue('has_kids', 'yes').sort()).toEqual(['has_kids', 'n_kids', 'share']);
    expect(state(s, 'n_kids')).toMatchObject({ relevant: true, missing: true });
    expect(s.setValue('has_kids', 'yes')).toEqual([]);
  });

  it('clears answers that become not relevant', () => {
    const s = fresh();
    s.setValue('has_kids', 'yes');
    s.setValue('n_kids', 3);
    expect(s.setValue('has_kids', 'no')).toEqual(expect.arrayContaining(['n_kids', 'share']));
    expect(s.snapshot()).not.toHaveProperty('n_kids');
    expect(s.setValue('n_kids', 4)).toEqual([]);
    expect(s.snapshot()).not.toHaveProperty('n_kids');
  });

  it('filters cascading choices and drops a choice that is no longer allowed', () => {
    const s = fresh();
    expect(state(s, 'commune').choices).toEqual([]);
    s.setValue('province', 'P03');
    expect(state(s, 'commune').choices?.map((c) => c.name)).toEqual(['C0301', 'C0302']);
    s.setValue('commune', 'C0302');
    expect(s.area()).toBe('C0302');
    const changed = s.setValue('province', 'P05');
    expect(changed).toContain('commune');
    expect(state(s, 'commune')).toMatchObject({ choices: [{ name: 'C0501', label: 'C0501' }] });
    expect(state(s, 'commune').value).toBeUndefined();
    expect(s.area()).toBeUndefined();
  });

  it('shows the form constraint message on the question', () => {
    const s = fresh();
    s.setValue('age', 130);
    expect(state(s, 'age').invalid).toBe('Age between 0 and 120');
    s.setValue('age', 30);
    expect(state(s, 'age').invalid).toBeUndefined();
  });

  it('handles or_other', () => {
    const s = fresh();
    s.setValue('tenure', 'other');
    expect(state(s, 'tenure_other')).toMatchObject({
      relevant: true,
      required: true,
      missing: true,
      label: 'Specify other:',
    });
    s.setValue('tenure_other', 'Family land');
    s.setValue('tenure', 'owner');
    expect(s.snapshot()).not.toHaveProperty('tenure_other');
  });

  it('rejects writes that make no sense, without changing anything', () => {
    const s = fresh();
    expect(() => s.setValue('n_heads', 3)).toThrow("'n_heads' is a calculate, which takes no answer");
    expect(() => s.setValue('location', 3)).toThrow('takes no answer');
    expect(() => s.setValue('nope', 3)).toThrow("no question at path 'nope'");
    expect(() => s.setValue('members[4].sex', 'F')).toThrow('no question');
    expect(s.getNodeState('members[0]')).toBeUndefined();
  });

  it('notifies subscribers of each change', () => {
    const s = fresh();
    const seen: string[][] = [];
    const stop = s.subscribe((paths) => seen.push([...paths]));
    s.setValue('name', 'Ana');
    stop();
    s.setValue('name', 'Eva');
    expect(seen.map((paths) => paths.sort())).toEqual([['bye', 'name']]);
  });
});

describe('FormSession: runtime errors never throw', () => {
  const broken: FormDefinition = {
    formId: 'broken',
    version: '1',
    title: { en: 'Broken' },
    languages: ['en', 'fr'],
    defaultLanguage: 'en',
    fields: [
      { type: 'integer', name: 'n', label: { en: 'n' } },
      { type: 'text', name: 'when', label: { en: 'when' } },
      { type: 'note', name: 'per', label: { en: 'per ${n}' }, relevant: '10 div ${n} > 1' },
      { type: 'text', name: 'after', label: { en: 'after' }, relevant: "date(${when}) > '2000-01-01'" },
      { type: 'calculate', name: 'ratio', calculation: '100 div ${n}' },
    ],
    choices: {},
  };

  it('shows division by zero and a bad date on the question concerned', () => {
    const s = createFormSession(compileForm(broken), { language: 'en', today });
    s.setValue('n', 0);
    expect(state(s, 'per')).toMatchObject({ relevant: true, expressionError: 'Calculation error: division by zero.' });
    expect(state(s, 'ratio')).toMatchObject({ expressionError: 'Calculation error: division by zero.' });
    expect(s.snapshot()).not.toHaveProperty('ratio');
    s.setValue('when', '2023-02-30');
    expect(state(s, 'after')).toMatchObject({
      relevant: true,
      expressionError: "Calculation error: invalid date '2023-02-30'.",
    });
    s.setLanguage('fr');
    expect(state(s, 'after').expressionError).toBe('Erreur de calcul : date invalide « 2023-02-30 ».');
    s.setValue('n', 5);
    s.setValue('when', '2023-02-28');
    expect(state(s, 'per')).toMatchObject({ relevant: true });
    expect(state(s, 'per').expressionError).toBeUndefined();
    expect(s.snapshot()).toMatchObject({ ratio: 20 });
  });
});

describe('FormSession: repeats', () => {
  it('adds and removes instances within the minimum and maximum', () => {
    const s = fresh();
    expect(state(s, 'members')).toMatchObject({ instanceCount: 1, canAdd: true, canRemove: false });
    expect(s.removeRepeatInstance('members', 0)).toEqual([]);
    for (let i = 0; i < 4; i++) s.addRepeatInstance('members');
    expect(state(s, 'members')).toMatchObject({ instanceCount: 5, canAdd: false, canRemove: true });
    expect(s.addRepeatInstance('members')).toEqual([]);
    expect(s.snapshot()['size']).toBe(5);
  });

  it('keeps position(..) and paths right when an instance is removed', () => {
    const s = fresh();
    s.addRepeatInstance('members');
    s.addRepeatInstance('members');
    s.setValue('members[1].m_name', 'B');
    s.setValue('members[2].m_name', 'C');
    const changed = s.removeRepeatInstance('members', 0);
    expect(changed).toEqual(expect.arrayContaining(['members', 'members[0].m_name', 'members[1].m_name', 'size']));
    expect(s.snapshot()['members']).toEqual([
      { m_name: 'B', is_head: 0, line: 1 },
      { m_name: 'C', is_head: 0, line: 2 },
    ]);
    expect(state(s, 'members[1].m_name')).toMatchObject({ path: 'members[1].m_name', value: 'C' });
    expect(s.children('members')).toEqual(['members[0]', 'members[1]']);
  });

  it('follows repeat_count, and drops the repeat when it turns not relevant', () => {
    const s = fresh();
    s.setValue('n_plots', 3);
    expect(s.children('plots')).toEqual(['plots[0]', 'plots[1]', 'plots[2]']);
    s.setValue('plots[2].plot_area', 4);
    s.setValue('plots[0].plot_area', 1);
    s.setValue('n_plots', 2);
    expect(s.snapshot()['plots']).toEqual([{ plot_area: 1 }, {}]);
    expect(state(s, 'plots')).toMatchObject({ instanceCount: 2, canAdd: false, canRemove: false });
    s.setValue('n_plots', 0);
    expect(s.snapshot()).not.toHaveProperty('plots');
    expect(s.children('plots')).toEqual([]);
  });

  it('evaluates sibling references within the same instance only', () => {
    const s = fresh();
    s.addRepeatInstance('members');
    s.setValue('members[0].sex', 'F');
    s.setValue('members[0].m_age', 20);
    s.setValue('members[1].sex', 'M');
    s.setValue('members[1].m_age', 20);
    expect(state(s, 'members[0].pregnant').relevant).toBe(true);
    expect(state(s, 'members[1].pregnant').relevant).toBe(false);
  });

  it('checks "exactly one head" across the roster as members change', () => {
    const s = fresh();
    s.addRepeatInstance('members');
    s.setValue('confirm', 'yes');
    expect(state(s, 'confirm').invalid).toBe('Exactly one head is needed (now 0)');
    s.setValue('members[0].rel', 'HEAD');
    expect(state(s, 'confirm').invalid).toBeUndefined();
    s.setValue('members[1].rel', 'HEAD');
    expect(state(s, 'confirm').invalid).toBe('Exactly one head is needed (now 2)');
    expect(state(s, 'members[0].rel').invalid).toBe('This answer is not valid.');
    s.removeRepeatInstance('members', 1);
    expect(state(s, 'confirm').invalid).toBeUndefined();
    expect(state(s, 'members[0].rel').invalid).toBeUndefined();
  });

  it('touches only the changed member and the totals in a 30-member roster', () => {
    const big: FormDefinition = {
      ...miniForm,
      fields: miniForm.fields.map((f) => (f.name === 'members' ? { ...f, maxCount: 30 } : f)),
    };
    const s = createFormSession(compileForm(big), { language: 'en', today });
    for (let i = 1; i < 30; i++) s.addRepeatInstance('members');
    const before = Array.from({ length: 30 }, (_, i) => state(s, `members[${i}].rel`));
    const changed = s.setValue('members[17].rel', 'HEAD');
    expect(changed.sort()).toEqual(['members[17].is_head', 'members[17].rel', 'n_heads']);
    const after = Array.from({ length: 30 }, (_, i) => state(s, `members[${i}].rel`));
    after.forEach((st, i) => (i === 17 ? expect(st).not.toBe(before[i]) : expect(st).toBe(before[i])));
    expect(s.setValue('members[3].m_name', 'X').sort()).toEqual(['members[3].m_name', 'members[3].sex'].sort());
  });
});

describe('FormSession: drafts and validation', () => {
  it('resumes a draft without applying defaults over it', () => {
    const data = validMiniAnswers();
    delete data['visit'];
    const s = createFormSession(form, { data, language: 'en', today });
    expect(s.snapshot()).not.toHaveProperty('visit');
    expect(s.instanceName()).toBe('Ana C0302');
    expect(s.validate().errors).toEqual([]);
  });

  it('does not share objects with the data it was given or the snapshots it returns', () => {
    const data = validMiniAnswers();
    const s = createFormSession(form, { data, language: 'en', today });
    s.setValue('members[0].m_name', 'Changed');
    expect((data['members'] as { m_name: string }[])[0]!.m_name).toBe('Ana');
    const snap = s.snapshot();
    (snap['members'] as Record<string, unknown>[])[0]!['m_name'] = 'Mutated';
    expect(state(s, 'members[0].m_name').value).toBe('Changed');
  });

  it('shows on screen exactly the errors the server will report', () => {
    const scenarios: Record<string, unknown>[] = [
      {},
      { name: 'Ana', age: 130, has_kids: 'yes', n_kids: 0, share: 5, tenure: 'other' },
      { ...validMiniAnswers(), members: [{ rel: 'HEAD' }, { m_name: 'B', rel: 'HEAD', sex: 'F', m_age: 30 }] },
      {
        ...validMiniAnswers(),
        assets: ['none', 'radio'],
        confirm: undefined,
        n_plots: 2,
        plots: [{}, { plot_area: 2 }],
      },
    ];
    for (const data of scenarios) {
      for (const language of ['en', 'fr', 'rn']) {
        const s = createFormSession(form, { data, language, today });
        const server = validateAnswers(form, s.snapshot(), language, { today });
        expect(screenErrors(s, language)).toEqual(server.errors);
        expect(s.validate()).toEqual(server);
      }
    }
  });
});

describe('FormSession: nested repeats', () => {
  const nested: FormDefinition = {
    formId: 'nested',
    version: '1',
    title: { en: 'Nested' },
    languages: ['en'],
    defaultLanguage: 'en',
    fields: [
      {
        type: 'repeat',
        name: 'plots',
        label: { en: 'Plots' },
        minCount: 1,
        children: [
          { type: 'text', name: 'plot', label: { en: 'Plot' } },
          {
            type: 'repeat',
            name: 'crops',
            label: { en: 'Crops of ${plot}' },
            children: [
              { type: 'integer', name: 'kg', label: { en: 'kg' } },
              { type: 'calculate', name: 'crop_line', calculation: "concat(position(..), '/', ${plot})" },
            ],
          },
          { type: 'calculate', name: 'plot_kg', calculation: 'sum(${kg})' },
          { type: 'calculate', name: 'plot_crops', calculation: 'count(${crops})' },
        ],
      },
      { type: 'calculate', name: 'total_kg', calculation: 'sum(${kg})' },
      { type: 'calculate', name: 'all_crops', calculation: 'count(${crops})' },
    ],
    choices: {},
  };

  it('aggregates per outer instance and over the whole form, through adds and removals', () => {
    const s = createFormSession(compileForm(nested), { language: 'en', today });
    s.setValue('plots[0].plot', 'A');
    s.addRepeatInstance('plots[0].crops');
    s.addRepeatInstance('plots[0].crops');
    s.setValue('plots[0].crops[0].kg', 10);
    s.setValue('plots[0].crops[1].kg', 5);
    s.addRepeatInstance('plots');
    s.setValue('plots[1].plot', 'B');
    s.addRepeatInstance('plots[1].crops');
    s.setValue('plots[1].crops[0].kg', 7);
    expect(s.snapshot()).toMatchObject({
      total_kg: 22,
      all_crops: 3,
      plots: [
        {
          plot: 'A',
          plot_kg: 15,
          plot_crops: 2,
          crops: [
            { kg: 10, crop_line: '1/A' },
            { kg: 5, crop_line: '2/A' },
          ],
        },
        { plot: 'B', plot_kg: 7, plot_crops: 1, crops: [{ kg: 7, crop_line: '1/B' }] },
      ],
    });
    expect(s.getNodeState('plots[1].crops')?.label).toBe('Crops of B');
    s.removeRepeatInstance('plots[0].crops', 0);
    expect(s.snapshot()).toMatchObject({
      total_kg: 12,
      all_crops: 2,
      plots: [{ plot_kg: 5, crops: [{ kg: 5, crop_line: '1/A' }] }, {}],
    });
    s.removeRepeatInstance('plots', 0);
    expect(s.snapshot()).toMatchObject({
      total_kg: 7,
      all_crops: 1,
      plots: [{ plot: 'B', crops: [{ crop_line: '1/B' }] }],
    });
    expect(s.getNodeState('plots[0].crops[0].kg')).toMatchObject({ path: 'plots[0].crops[0].kg', value: 7 });
    s.removeRepeatInstance('plots[0].crops', 0);
    expect(s.snapshot()).toEqual({ total_kg: 0, all_crops: 0, plots: [{ plot: 'B', plot_kg: 0, plot_crops: 0 }] });
    expect(s.validate().errors).toEqual([]);
  });
});

describe('FormSession: choice labels that show answers', () => {
  // pyxform's bug_example_xls/xl_date_ambiguous.xlsx: choices labelled ${name1}, ${name2}, filtered on their label.
  const names: FormDefinition = {
    formId: 'names',
    version: '1',
    title: { en: 'Names' },
    languages: ['en'],
    defaultLanguage: 'en',
    fields: [
      { type: 'text', name: 'name1', label: { en: 'First name' } },
      { type: 'text', name: 'name2', label: { en: 'Second name' } },
      { type: 'select_one', name: 'who', label: { en: 'Who?' }, list: 'people', choiceFilter: "label != ''" },
    ],
    choices: {
      people: [
        { name: 'p1', label: { en: '${name1}' } },
        { name: 'p2', label: { en: 'Also ${name2}!' } },
      ],
    },
  };

  it('shows the answers in the labels, and follows them as they change', () => {
    const s = createFormSession(compileForm(names), { language: 'en' });
    s.setValue('name1', 'Ana');
    s.setValue('name2', 'Jo');
    expect(state(s, 'who').choices).toEqual([
      { name: 'p1', label: 'Ana' },
      { name: 'p2', label: 'Also Jo!' },
    ]);
    s.setValue('name1', 'Eva');
    expect(state(s, 'who').choices?.[0]).toEqual({ name: 'p1', label: 'Eva' });
  });

  it('refuses a choice label naming a question the form does not have', () => {
    const broken = { ...names, choices: { people: [{ name: 'p1', label: { en: '${nobody}' } }] } };
    expect(() => compileForm(broken)).toThrow(/nobody/);
  });
});
