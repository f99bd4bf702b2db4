import type { FormDefinition, FormNode } from '@kusanya/schemas';
import { describe, expect, it } from 'vitest';
import { createFormSession } from './session.js';
import { compileForm, tryCompileForm } from './compile.js';
import { FormCompileError } from './problems.js';
import { miniForm } from './test-fixtures.js';

function formWith(fields: FormNode[], extra: Partial<FormDefinition> = {}): FormDefinition {
  return {
    formId: 'f',
    version: '1',
    title: { en: 'F' },
    languages: ['en'],
    defaultLanguage: 'en',
    fields,
    choices: {
      yn: [
        { name: 'yes', label: { en: 'Yes' } },
        { name: 'no', label: { en: 'No' } },
      ],
    },
    ...extra,
  };
}

function problemsOf(fields: FormNode[], extra: Partial<FormDefinition> = {}) {
  const r = tryCompileForm(formWith(fields, extra));
  return r.ok ? [] : r.problems;
}

describe('compileForm', () => {
  it('compiles the fixture form and orders evaluation by dependencies', () => {
    const form = compileForm(miniForm);
    const pos = (name: string) => form.order.findIndex((n) => n.name === name);
    expect(pos('is_head')).toBeLessThan(pos('n_heads'));
    expect(pos('n_plots')).toBeLessThan(pos('plots'));
    expect(pos('plots')).toBeLessThan(pos('plot_area'));
    expect(pos('location')).toBeLessThan(pos('commune'));
    expect(form.areaField?.name).toBe('commune');
  });

  it('expands or_other into an "other" choice and a <name>_other question', () => {
    const form = compileForm(miniForm);
    expect(form.byName.get('tenure')?.choices?.map((c) => c.name)).toEqual(['owner', 'tenant', 'other']);
    const other = form.byName.get('tenure_other');
    expect(other).toMatchObject({ type: 'text', required: true });
    expect(other?.source.label).toEqual({ fr: 'Précisez « autre » :', en: 'Specify other:' });
  });

  it('links each node to what depends on it, scoped to the same repeat instance', () => {
    const form = compileForm(miniForm);
    const rel = form.byName.get('rel')!;
    const isHead = rel.dependents.find((e) => e.node.name === 'is_head');
    expect(isHead).toMatchObject({ kind: 'value', up: 0, down: [] });
    const nHeads = form.byName.get('is_head')!.dependents.find((e) => e.node.name === 'n_heads');
    expect(nHeads).toMatchObject({ kind: 'value', up: 1, down: [] });
    const backIntoRoster = form.byName.get('n_heads')!.dependents.find((e) => e.node.name === 'rel');
    expect(backIntoRoster?.kind).toBe('display');
    expect(backIntoRoster?.down.map((n) => n.name)).toEqual(['members']);
  });

  it('reports every problem with the node and property concerned', () => {
    const problems = problemsOf([
      { type: 'text', name: 'a', relevant: '${missing} = 1', constraint: '. >' },
      { type: 'text', name: 'a' },
      { type: 'select_one', name: 's', list: 'nope' },
      { type: 'select_one', name: 's2' },
      { type: 'calculate', name: 'c' },
      { type: 'integer', name: 'i', default: 'abc', calculation: '1 + 1', list: 'yn' },
      { type: 'group', name: 'g', children: [{ type: 'text', name: 'in_g' }] },
      { type: 'text', name: 'uses_group', relevant: '${g} = 1' },
    ]);
    expect(problems).toEqual([
      { node: 'a', property: 'name', message: "the name 'a' is used more than once" },
      { node: 's', property: 'list', message: "choice list 'nope' does not exist" },
      { node: 's2', property: 'list', message: 'select_one needs a choice list' },
      { node: 'c', property: 'calculation', message: 'a calculate needs a calculation' },
      { node: 'i', property: 'list', message: 'only select questions take a choice list' },
      { node: 'a', property: 'relevant', message: 'unknown field ${missing} at column 1' },
      { node: 'a', property: 'constraint', message: "missing value after '>' at column 3" },
      {
        node: 'uses_group',
        property: 'relevant',
        message: '${g} is a group, which has no value; refer to a question inside it at column 1',
      },
    ]);
  });

  it('reports circular dependencies', () => {
    const problems = problemsOf([
      { type: 'calculate', name: 'a', calculation: '${b} + 1' },
      { type: 'calculate', name: 'b', calculation: '${c} + 1' },
      { type: 'calculate', name: 'c', calculation: '${a} + 1' },
      { type: 'text', name: 'self', relevant: "${self} = ''" },
    ]);
    expect(problems).toEqual([
      { node: 'a', message: 'circular dependency: a → c → b → a' },
      { node: 'self', message: 'circular dependency: self → self' },
    ]);
  });

  it('allows a constraint to read a total that depends on the question itself', () => {
    const r = tryCompileForm(
      formWith([
        { type: 'integer', name: 'x', constraint: '${total} < 10' },
        { type: 'calculate', name: 'total', calculation: '${x} * 2' },
      ]),
    );
    expect(r.ok).toBe(true);
  });

  it('reads repeated values outside their repeat as XPath does (any of them compares; a label shows the first)', () => {
    const r = tryCompileForm(
      formWith([
        { type: 'repeat', name: 'r', children: [{ type: 'integer', name: 'v', label: { en: 'v' } }] },
        { type: 'note', name: 'n', label: { en: 'First ${v}' }, relevant: '${v} > 1' },
      ]),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const s = createFormSession(r.form, { data: { r: [{ v: 0 }, { v: 5 }] } });
    expect(s.getNodeState('n')).toMatchObject({ relevant: true, label: 'First 0' });
  });

  it('takes a default that is not a valid answer as a warning, not a refusal (pyxform accepts it)', () => {
    const r = tryCompileForm(formWith([{ type: 'integer', name: 'i', default: 'abc' }]));
    expect(r.ok && r.warnings).toEqual([
      { node: 'i', property: 'default', message: "'abc' is not a whole number: the default is not used" },
    ]);
  });

  it('checks the area field and the default language', () => {
    expect(problemsOf([{ type: 'text', name: 'a' }], { areaField: 'zz' })).toEqual([
      { property: 'areaField', message: "the area field 'zz' is not a question of the form" },
    ]);
    expect(
      problemsOf([{ type: 'repeat', name: 'r', children: [{ type: 'text', name: 'a' }] }], {
        areaField: 'a',
        defaultLanguage: 'fr',
      }),
    ).toEqual([
      { message: "the default language 'fr' is not among the form languages" },
      {
        node: 'a',
        property: 'areaField',
        message: 'the area field must be a select_one, text or calculate outside any repeat',
      },
    ]);
  });

  it('refuses or_other together with a choice filter', () => {
    expect(
      problemsOf([{ type: 'select_one', name: 's', list: 'yn', orOther: true, choiceFilter: "name != 'no'" }]),
    ).toEqual([
      {
        node: 's',
        property: 'orOther',
        message: "or_other cannot be combined with a choice filter; add an 'other' choice to the list instead",
      },
    ]);
  });

  it('warns about a choice filter column the list does not have (it reads as empty, as in ODK)', () => {
    const r = tryCompileForm(
      formWith([
        { type: 'text', name: 'p' },
        { type: 'select_one', name: 's', list: 'yn', choiceFilter: 'province = ${p}' },
      ]),
    );
    expect(r.ok && r.warnings).toEqual([
      {
        node: 's',
        property: 'choiceFilter',
        message:
          "the choice list has no column 'province' (columns: name, label, label::en): it reads as empty at column 1",
      },
    ]);
  });

  it('throws a FormCompileError listing the problems', () => {
    expect(() => compileForm(formWith([{ type: 'text', name: 'a', relevant: '${b}' }]))).toThrow(FormCompileError);
    expect(() => compileForm(formWith([]))).toThrow('the form has no questions');
  });
});
