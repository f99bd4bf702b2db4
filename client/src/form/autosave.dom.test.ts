/**
 * The draft's autosave as answers are typed: one write per pause in answering (not one per keystroke), never more
 * than half a second late, and everything written at once when the form is left.
 */
import type { FormDefinition } from '@kusanya/schemas';
import { compileForm, createFormSession } from '@kusanya/shared/form/engine';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  Autosave,
  AUTOSAVE_IDLE_GRACE_MS,
  AUTOSAVE_MAX_DELAY_MS,
  AUTOSAVE_QUIET_MS,
  type DraftWriter,
} from './autosave.js';
import { FormStore } from './form-store.js';

const definition: FormDefinition = {
  formId: 'autosave',
  version: '1',
  title: { fr: 'Autosave' },
  languages: ['fr'],
  defaultLanguage: 'fr',
  choices: {},
  fields: [{ type: 'text', name: 'name', label: { fr: 'Nom' } }],
};

function setUp() {
  const store = new FormStore(createFormSession(compileForm(definition), { language: 'fr' }));
  const writes: Record<string, unknown>[] = [];
  const writer: DraftWriter = { save: async (data) => void writes.push(data), settled: async () => undefined };
  return { store, writes, autosave: new Autosave(store, writer) };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date', 'requestIdleCallback', 'cancelIdleCallback'] });
});
afterEach(() => vi.useRealTimers());

describe('autosave', () => {
  it('writes a word typed key by key once, with every key, about half a second after the first', async () => {
    const { store, writes, autosave } = setUp();
    for (const [i, text] of ['J', 'Je', 'Jea', 'Jean'].entries()) {
      store.setValue('name', text);
      await vi.advanceTimersByTimeAsync(i < 3 ? 150 : 0); // a key every 150 ms, no pause
    }
    expect(writes).toEqual([]);
    await vi.advanceTimersByTimeAsync(AUTOSAVE_MAX_DELAY_MS - 450 + AUTOSAVE_IDLE_GRACE_MS);
    expect(writes).toEqual([{ name: 'Jean' }]);
    await autosave.close();
  });

  it('writes once answering pauses, and what is waiting when the form is left', async () => {
    const { store, writes, autosave } = setUp();
    store.setValue('name', 'Marie');
    await vi.advanceTimersByTimeAsync(AUTOSAVE_QUIET_MS - 10);
    expect(writes).toEqual([]);
    await vi.advanceTimersByTimeAsync(10 + AUTOSAVE_IDLE_GRACE_MS);
    expect(writes).toEqual([{ name: 'Marie' }]);

    store.setValue('name', 'Marie Claire');
    await autosave.close();
    expect(writes).toEqual([{ name: 'Marie' }, { name: 'Marie Claire' }]);
    // Nothing more once closed.
    await vi.advanceTimersByTimeAsync(AUTOSAVE_MAX_DELAY_MS * 2);
    expect(writes).toHaveLength(2);
  });
});
