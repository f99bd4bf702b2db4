import type { FormDefinition } from '@kusanya/schemas';
import { compileForm, createFormSession } from '@kusanya/shared/form/engine';
import { describe, expect, it, vi } from 'vitest';
import { addCompleteness, completenessLevel, emptyCompleteness } from './completeness.js';
import { FormStore } from './form-store.js';

const label = (fr: string) => ({ fr });
const definition: FormDefinition = {
  formId: 'store',
  version: '1',
  title: label('Store'),
  languages: ['fr'],
  defaultLanguage: 'fr',
  choices: {},
  fields: [
    { type: 'text', name: 'village', label: label('Village'), required: true },
    {
      type: 'repeat',
      name: 'people',
      label: label('Personnes'),
      children: [
        { type: 'text', name: 'name', label: label('Nom'), required: true },
        { type: 'integer', name: 'age', label: label('Âge'), constraint: '. <= 120' },
      ],
    },
    { type: 'calculate', name: 'n', calculation: 'count(${people})' },
  ],
};

const store = () => {
  const s = new FormStore(createFormSession(compileForm(definition), { language: 'fr' }));
  s.addInstance('people');
  s.addInstance('people');
  return s;
};

describe('FormStore', () => {
  it('notifies only the subscribers of what changed, and everything inside a changed roster entry', () => {
    const s = store();
    const village = vi.fn();
    const second = vi.fn();
    const first = vi.fn();
    const any = vi.fn();
    s.subscribePath('village', village);
    s.subscribePath('people[1]', second);
    s.subscribePath('people[0]', first);
    s.subscribeAll(any);
    s.setValue('people[1].name', 'Aline');
    expect(second).toHaveBeenCalledTimes(1);
    expect(first).not.toHaveBeenCalled();
    expect(village).not.toHaveBeenCalled();
    expect(any).toHaveBeenCalledTimes(1);
    expect(s.instanceVersion('people[1]')).toBeGreaterThan(s.instanceVersion('people[0]'));
  });

  it('keeps the same state object for a node that did not change', () => {
    const s = store();
    const before = s.state('village');
    s.setValue('people[0].name', 'Jean');
    expect(s.state('village')).toBe(before);
    s.setValue('village', 'Mubuga');
    expect(s.state('village')).not.toBe(before);
  });

  it('adds entries and says which one was added', () => {
    const s = store();
    expect(s.addInstance('people')).toBe(2);
    expect(s.state('people')?.instanceCount).toBe(3);
  });

  it('sums up how complete a part of the form is', () => {
    const s = store();
    s.setValue('people[0].name', 'Jean');
    s.setValue('people[0].age', 130);
    const entry = addCompleteness(s, 'people[0]', emptyCompleteness());
    expect(entry).toEqual({ answered: 2, total: 2, missing: 0, invalid: 1 });
    expect(completenessLevel(entry)).toBe('problem');
    expect(completenessLevel(addCompleteness(s, 'people[1]', emptyCompleteness()))).toBe('empty');
    s.setValue('people[0].age', 40);
    expect(completenessLevel(addCompleteness(s, 'people[0]', emptyCompleteness()))).toBe('complete');
    expect(addCompleteness(s, 'people', emptyCompleteness())).toEqual({
      answered: 2,
      total: 4,
      missing: 1,
      invalid: 0,
    });
  });
});
