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

  it('pages a group of more than 25 questions as loose questions are paged (its sub-groups continue across pages), but keeps field-list and table-list groups on one screen', () => {
    const texts = (from: number, to: number, prefix = 't') =>
      Array.from({ length: to - from + 1 }, (_, i) => ({
        type: 'text' as const,
        name: `${prefix}${from + i}`,
        label: label(`${prefix}${from + i}`),
      }));
    const big: FormDefinition = {
      ...definition,
      fields: [
        { type: 'calculate', name: 'c0', calculation: '1' },
        {
          type: 'group',
          name: 'long',
          label: label('Long'),
          children: [
            ...texts(1, 20),
            { type: 'calculate', name: 'c1', calculation: '2' },
            // 10 questions in a sub-group: 5 fit on the first page, the sub-group continues on the second.
            { type: 'group', name: 'sub', label: label('Sous-groupe'), children: texts(1, 10, 's') },
            // A field-list of 8 is drawn whole: it starts the next page rather than being cut.
            { type: 'group', name: 'fl', appearance: 'field-list', children: texts(1, 8, 'f') },
            { type: 'repeat', name: 'people', label: label('Personnes'), children: texts(1, 30, 'p') },
            ...texts(21, 40),
          ],
        },
        { type: 'calculate', name: 'c2', calculation: '3' },
        { type: 'group', name: 'whole', appearance: 'field-list', children: texts(1, 60, 'w') },
        { type: 'group', name: 'table', appearance: 'table-list', children: texts(1, 30, 'x') },
      ],
    };
    const form = compileForm(big);
    const pages = buildScreens(form);
    expect(pages.map((s) => [s.key, s.kind, s.paths, s.page])).toEqual([
      ['group:long:1', 'group', ['long', 'c0'], { n: 1, of: 3 }],
      ['group:long:2', 'group', ['long'], { n: 2, of: 3 }],
      ['group:long:3', 'group', ['long', 'c2'], { n: 3, of: 3 }],
      ['group:whole', 'group', ['whole'], undefined],
      ['group:table', 'group', ['table'], undefined],
    ]);
    const [one, two, three] = pages.map((s) => s.part!);
    expect(one!.units).toEqual([...texts(1, 20).map((t) => t.name), 'c1', 's1', 's2', 's3', 's4', 's5']);
    expect(one!.groups).toEqual(['long', 'sub']);
    // 5 + 8 + the roster (one question on the page) + 11 = 25.
    expect(two!.units).toEqual(['s6', 's7', 's8', 's9', 's10', 'fl', 'people', ...texts(21, 31).map((t) => t.name)]);
    expect(two!.groups).toEqual(['long', 'sub']);
    expect(three!.units).toEqual(texts(32, 40).map((t) => t.name));
    expect(three!.groups).toEqual(['long']);
    // Every question is found on its page: inside a sub-group, a field-list, a roster entry; the group itself on its first.
    expect(locate(form, pages, 't3')?.screen).toBe(0);
    expect(locate(form, pages, 's5')?.screen).toBe(0);
    expect(locate(form, pages, 's6')?.screen).toBe(1);
    expect(locate(form, pages, 'f8')?.screen).toBe(1);
    expect(locate(form, pages, 'people[1].p30')).toEqual({ screen: 1, instance: { repeat: 'people', index: 1 } });
    expect(locate(form, pages, 't40')?.screen).toBe(2);
    expect(locate(form, pages, 'long')?.screen).toBe(0);
    expect(locate(form, pages, 'c2')?.screen).toBe(2);
    expect(locate(form, pages, 'w60')?.screen).toBe(3);
    // A group of 25 questions stays one screen.
    const exact = compileForm({ ...definition, fields: [{ type: 'group', name: 'g', children: texts(1, 25) }] });
    expect(buildScreens(exact).map((s) => [s.key, s.part])).toEqual([['group:g', undefined]]);
  });

  it('finds the screen and roster entry of any path', () => {
    expect(locate(form, screens, 'a')).toEqual({ screen: 0, instance: null });
    expect(locate(form, screens, 'q2')).toEqual({ screen: 1, instance: null });
    expect(locate(form, screens, 'people[2].name')).toEqual({ screen: 2, instance: { repeat: 'people', index: 2 } });
    expect(locate(form, screens, 'people')).toEqual({ screen: 2, instance: null });
    expect(locate(form, screens, 'nowhere')).toBeNull();
  });
});
