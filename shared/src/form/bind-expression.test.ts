import type { FormDefinition, FormNode } from '@kusanya/schemas';
import { describe, expect, it } from 'vitest';
import { tryCompileForm } from './compile.js';
import { createFormSession } from './session.js';
import { validateAnswers } from './validate.js';

const label = (text: string) => ({ en: text });

function form(fields: FormNode[], extra: Partial<FormDefinition> = {}): FormDefinition {
  return {
    formId: 'binding',
    version: '1',
    title: label('Binding'),
    languages: ['en'],
    defaultLanguage: 'en',
    fields,
    choices: {
      yn: [
        { name: 'yes', label: label('Yes') },
        { name: 'no', label: label('No') },
      ],
      communes: [
        { name: 'C1', label: label('Gitega'), filters: { province: 'P1' } },
        { name: 'C2', label: label('Ngozi'), filters: { province: 'P2' } },
      ],
    },
    ...extra,
  };
}

function problemsOf(fields: FormNode[]): string[] {
  const r = tryCompileForm(form(fields));
  return r.ok ? [] : r.problems.map((p) => `${p.node}.${p.property}: ${p.message}`);
}

function calc(expression: string, fields: FormNode[] = [], data: Record<string, unknown> = {}): unknown {
  const r = tryCompileForm(form([...fields, { type: 'calculate', name: 'out', calculation: expression }]));
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('; '));
  return createFormSession(r.form, { data, today: '2026-11-24' }).snapshot()['out'];
}

const q = (name: string, type: FormNode['type'] = 'text', more: Partial<FormNode> = {}): FormNode => ({
  type,
  name,
  label: label(name),
  ...more,
});

describe('references resolved against the form', () => {
  it('refuses unknown fields, group values and names that several groups use', () => {
    expect(problemsOf([q('a', 'text', { relevant: '${nobody} = 1' })])).toEqual([
      'a.relevant: unknown field ${nobody} at column 1',
    ]);
    expect(
      problemsOf([{ type: 'group', name: 'g', children: [q('a')] }, q('b', 'text', { relevant: '${g}' })]),
    ).toEqual(['b.relevant: ${g} is a group, which has no value; refer to a question inside it at column 1']);
    const twice: FormNode[] = [
      { type: 'group', name: 'g1', children: [{ ...q('age', 'integer'), name: 'g1/age', sourceName: 'age' }] },
      { type: 'group', name: 'g2', children: [{ ...q('age', 'integer'), name: 'g2/age', sourceName: 'age' }] },
      q('n', 'note', { label: label('${age}') }),
      q('c', 'integer', { relevant: '${age} > 1' }),
    ];
    expect(problemsOf(twice)).toEqual([
      "n.label: ${age} is ambiguous: there are 2 questions named 'age' (in different groups)",
      "c.relevant: ${age} is ambiguous: there are 2 questions named 'age' (in different groups) at column 1",
    ]);
  });

  it('reads paths through groups as the XForm does, absolute and relative', () => {
    const fields: FormNode[] = [{ type: 'group', name: 'hh', children: [q('size', 'integer'), q('head')] }];
    expect(calc('/data/hh/size * 2', fields, { size: 4 })).toBe(8);
    expect(calc('/anything/hh/size + 1', fields, { size: 4 })).toBe(5);
    const inGroup: FormNode[] = [
      {
        type: 'group',
        name: 'hh',
        children: [q('size', 'integer'), { type: 'calculate', name: 'twice', calculation: '../size * 2' }],
      },
    ];
    const r = tryCompileForm(form(inGroup));
    expect(r.ok && createFormSession(r.form, { data: { size: 3 } }).snapshot()['twice']).toBe(6);
  });

  it('reads a path that names nothing as empty, with a warning (ODK Collect does the same)', () => {
    const r = tryCompileForm(form([q('a', 'text', { relevant: 'FALSE' })]));
    expect(r.ok).toBe(true);
    expect(r.warnings.map((w) => w.message)).toEqual([
      "'FALSE' names nothing in 'a': it reads as empty (a question is written ${name}, a text 'in quotes') at column 1",
    ]);
  });

  it('keeps references into a repeat as one value per instance, and filters them with predicates', () => {
    const fields: FormNode[] = [
      { type: 'repeat', name: 'members', label: label('M'), children: [q('age', 'integer'), q('sex')] },
    ];
    const data = {
      members: [
        { age: 30, sex: 'f' },
        { age: 12, sex: 'm' },
        { age: 45, sex: 'm' },
      ],
    };
    expect(calc('sum(${age})', fields, data)).toBe(87);
    expect(calc('count(/data/members[age >= 18])', fields, data)).toBe(2);
    expect(calc("count(/data/members[sex = 'm' and age < 18])", fields, data)).toBe(1);
    expect(calc('/data/members[2]/age', fields, data)).toBe(12);
    expect(calc('indexed-repeat(${age}, ${members}, 3)', fields, data)).toBe(45);
    expect(calc("join(', ', ${sex})", fields, data)).toBe('f, m, m');
    expect(calc('max(${age}) - min(${age})', fields, data)).toBe(33);
  });

  it('recomputes what a predicate reads when an answer it reads changes', () => {
    const fields: FormNode[] = [
      { type: 'repeat', name: 'members', label: label('M'), children: [q('age', 'integer')] },
    ];
    const r = tryCompileForm(
      form([...fields, { type: 'calculate', name: 'adults', calculation: 'count(/data/members[age >= 18])' }]),
    );
    if (!r.ok) throw new Error('compile');
    const s = createFormSession(r.form, { data: { members: [{ age: 10 }, { age: 20 }] } });
    expect(s.snapshot()['adults']).toBe(1);
    s.setValue('members[0].age', 19);
    expect(s.snapshot()['adults']).toBe(2);
  });

  it('looks up choice lists as secondary instances, with current() in predicates', () => {
    const fields: FormNode[] = [q('commune', 'select_one', { list: 'communes' })];
    expect(
      calc("instance('communes')/root/item[name = current()/../commune]/province", fields, { commune: 'C2' }),
    ).toBe('P2');
    expect(calc("instance('communes')/root/item[name = ${commune}]/label", fields, { commune: 'C1' })).toBe('Gitega');
    expect(calc("jr:choice-name(${commune}, '${commune}')", fields, { commune: 'C2' })).toBe('Ngozi');
  });

  it('refuses instance() of a list or file the form does not have', () => {
    expect(problemsOf([q('a', 'text', { relevant: "count(instance('nowhere')/root/item) > 0" })])).toEqual([
      "a.relevant: no choice list or form media file named 'nowhere' at column 16",
    ]);
  });

  it('choice filters are predicates over the items of the list (columns by name)', () => {
    const r = tryCompileForm(
      form([q('province'), q('commune', 'select_one', { list: 'communes', choiceFilter: 'province = ${province}' })]),
    );
    if (!r.ok) throw new Error('compile');
    const s = createFormSession(r.form, { data: { province: 'P2' } });
    expect(s.getNodeState('commune')?.choices?.map((c) => c.name)).toEqual(['C2']);
    expect(validateAnswers(r.form, { province: 'P2', commune: 'C1' }, 'en').errors).toEqual([
      { path: 'commune', message: "'C1' is not an available choice here." },
    ]);
  });
});
