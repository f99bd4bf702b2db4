import type { FormDefinition } from '@kusanya/schemas';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CompiledFormCache } from './compiled-forms.js';
import { FormMediaStore } from './media/media-store.js';

const label = (fr: string) => ({ fr });
const definition = (extra: Partial<FormDefinition> = {}): FormDefinition => ({
  formId: 'survey',
  version: '1',
  title: label('Enquête'),
  languages: ['fr'],
  defaultLanguage: 'fr',
  choices: {},
  fields: [{ type: 'text', name: 'village', label: label('Village'), required: true }],
  ...extra,
});

describe('CompiledFormCache.prepare', () => {
  afterEach(() => vi.useRealTimers());

  it('compiles a form when the tablet is idle, so that opening it finds it compiled', () => {
    vi.useFakeTimers();
    const cache = new CompiledFormCache(new FormMediaStore(() => null));
    const doc = { id: 'survey@1', definition: definition() };
    cache.prepare(doc);
    vi.runAllTimers();
    const compiled = cache.get(doc);
    expect(compiled.ok).toBe(true);
    // The same compiled form, not compiled again.
    expect(cache.get({ ...doc, definition: definition() })).toBe(compiled);
  });

  it('does nothing once cancelled (the screen left before the tablet was idle)', () => {
    vi.useFakeTimers();
    const cache = new CompiledFormCache(new FormMediaStore(() => null));
    const doc = { id: 'survey@1', definition: definition() };
    cache.prepare(doc)();
    vi.runAllTimers();
    // Not compiled: a definition that no longer compiles under that id would show its problem.
    expect(cache.get({ ...doc, definition: definition({ fields: [] }) }).ok).toBe(false);
  });

  it('leaves a form with data files to be compiled when it opens, with the files on the device', () => {
    vi.useFakeTimers();
    const cache = new CompiledFormCache(new FormMediaStore(() => null));
    const media = [{ name: 'list.csv', type: 'text/csv', size: 10, sha256: 'a'.repeat(64) }];
    const doc = { id: 'survey@1', definition: definition({ media }) };
    cache.prepare(doc);
    vi.runAllTimers();
    expect(cache.get({ ...doc, definition: definition({ fields: [] }) }).ok).toBe(false);
  });
});
