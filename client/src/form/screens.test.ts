import type { FormDefinition } from '@kusanya/schemas';
import { compileForm } from '@kusanya/shared/form/engine';
import { describe, expect, it } from 'vitest';
import { buildScreens, locate } from './screens.js';

const label = (fr: string) => ({ fr });
const definition: FormDefinition = {
  formId: 'screens',
  version: '1',
  title: label('Écrans'),
  languages: ['fr'],
  defaultLanguage: 'fr',
  choices: {},
  fields: [
    { type: 'start', name: 'start' },
    { type: 'calculate', name: 'c0', calculation: '1' },
    { type: 'deviceid', name: 'deviceid' },
    { type: 'group', name: 'intro', label: label('Intro'), children: [{ type: 'text', name: 'a', label: label('A') }] },
    { type: 'text', name: 'q1', label: label('Q1') },
    { type: 'integer', name: 'q2', label: label('Q2') },
    { type: 'calculate', name: 'c1', calculation: '${q2} * 2' },
    {
      type: 'repeat',
      name: 'people',
      label: label('Personnes'),
      children: [{ type: 'text', name: 'name', label: label('Nom') }],
    },
    { type: 'calculate', name: 'c2', calculation: 'count(${people})' },
    { type: 'group', name: 'end', label: label('Fin'), children: [{ type: 'text', name: 'b', label: label('B') }] },
    { type: 'calculate', name: 'c3', calculation: '2' },
  ],
};

describe('screens', () => {
  const form = compileForm(definition);
  const screens = buildScreens(form);

  it('gives each top-level group and repeat a screen, and each run of questions outside groups one (metadata and calculations alone make none)', () => {
    expect(screens.map((s) => [s.kind, s.paths])).toEqual([
      ['group', ['intro', 'start', 'c0', 'deviceid']],
      ['questions', ['q1', 'q2', 'c1']],
      ['repeat', ['people', 'c2']],
      ['group', ['end', 'c3']],
    ]);
  });

  it('pages a long run of questions (calculations go with their page), and finds a question on its page', () => {
    const fields: FormDefinition['fields'] = [];
    for (let i = 1; i <= 60; i++) {
      fields.push({ type: 'text', name: `t${i}`, label: label(`T${i}`) });
      if (i === 25) fields.push({ type: 'calculate', name: 'sum', calculation: '1' });
    }
    const long = compileForm({ ...definition, fields });
    const pages = buildScreens(long);
    expect(pages.map((s) => [s.paths.length, s.page])).toEqual([
      [26, { n: 1, of: 3 }],
      [25, { n: 2, of: 3 }],
      [10, { n: 3, of: 3 }],
    ]);
    expect(pages[0]!.paths.slice(-2)).toEqual(['t25', 'sum']);
    expect(new Set(pages.map((s) => s.key)).size).toBe(3);
    expect(locate(long, pages, 't51')).toEqual({ screen: 2, instance: null });
    // A short run is one screen, without pages.
    expect(screens[1]!.page).toBeUndefined();
  });

  it('finds the screen and roster entry of any path', () => {
    expect(locate(form, screens, 'a')).toEqual({ screen: 0, instance: null });
    expect(locate(form, screens, 'q2')).toEqual({ screen: 1, instance: null });
    expect(locate(form, screens, 'people[2].name')).toEqual({ screen: 2, instance: { repeat: 'people', index: 2 } });
    expect(locate(form, screens, 'people')).toEqual({ screen: 2, instance: null });
    expect(locate(form, screens, 'nowhere')).toBeNull();
  });
});
