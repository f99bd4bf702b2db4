import type { FormDefinition, FormNode } from '@kusanya/schemas';
import { describe, expect, it } from 'vitest';
import { compileForm } from './compile.js';
import { parseSearch } from './search-appearance.js';
import { createFormSession } from './session.js';

const FRUITS = 'name_key,name,color\nmango,Mango,yellow\nbanana,Banana,yellow\napple,Apple,red\nlemon,Lemon,yellow\n';

function form(fields: FormNode[]): FormDefinition {
  return {
    formId: 'search',
    version: '1',
    title: { en: 'Search' },
    languages: ['en'],
    defaultLanguage: 'en',
    fields,
    // Collect's convention: the list names the CSV's value column (name) and label column (label).
    choices: { fruits: [{ name: 'name_key', label: { en: 'name' } }] },
  };
}

function choicesOf(appearance: string, data: Record<string, unknown> = {}, media = true): string[] {
  const compiled = compileForm(
    form([
      { type: 'text', name: 'color' },
      { type: 'select_one', name: 'fruit', list: 'fruits', appearance },
    ]),
    { media: media ? new Map([['fruits.csv', FRUITS]]) : new Map() },
  );
  const session = createFormSession(compiled, { data, today: '2026-11-24' });
  return (session.getNodeState('fruit')?.choices ?? []).map((c) => `${c.name}:${c.label}`);
}

describe('search() appearance', () => {
  it('reads its arguments', () => {
    expect(parseSearch("search('fruits')")).toEqual({ file: 'fruits.csv' });
    expect(parseSearch("quick search('fruits', 'contains', 'color', ${color})")).toEqual({
      file: 'fruits.csv',
      filter: 'contains(color, ${color})',
    });
    expect(parseSearch("search('fruits', 'startswith', 'name', 'b', 'color', 'yellow')")).toEqual({
      file: 'fruits.csv',
      filter: "starts-with(name, 'b') and color = 'yellow'",
    });
    expect(parseSearch("search('fruits', 'sounds-like', 'name', 'b')")).toBeNull();
    expect(parseSearch('minimal')).toBeNull();
  });

  it('lists the rows of the CSV, value and label from the columns the choice list names', () => {
    expect(choicesOf("search('fruits')")).toEqual(['mango:Mango', 'banana:Banana', 'apple:Apple', 'lemon:Lemon']);
  });

  it('filters the rows by a fixed text or an answer', () => {
    expect(choicesOf("search('fruits', 'matches', 'color', 'red')")).toEqual(['apple:Apple']);
    expect(choicesOf("search('fruits', 'contains', 'color', ${color})", { color: 'yell' })).toEqual([
      'mango:Mango',
      'banana:Banana',
      'lemon:Lemon',
    ]);
    expect(choicesOf("search('fruits', 'endswith', 'name_key', 'on')")).toEqual(['lemon:Lemon']);
  });

  it('uses the choices sheet list, as pyxform writes it, while the file is not attached', () => {
    expect(choicesOf("search('fruits')", {}, false)).toEqual(['name_key:name']);
  });
});
