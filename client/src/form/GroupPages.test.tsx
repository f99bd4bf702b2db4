/**
 * A long group on the tablet, rendered by the form renderer in happy-dom: drawn in pages of 25 questions (a nested
 * group continuing from one page to the next), with the section counter and the answered bar counting the whole form
 * from the start, and "go to" from the finishing screen landing on the right page.
 */
import type { FormDefinition } from '@kusanya/schemas';
import { compileForm, createFormSession } from '@kusanya/shared/form/engine';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { I18nProvider } from '../i18n/i18n.js';
import { FormRenderer } from './FormRenderer.js';
import { FormStore } from './form-store.js';

const label = (fr: string) => ({ fr });
const texts = (from: number, to: number, prefix: string) =>
  Array.from({ length: to - from + 1 }, (_, i) => ({
    type: 'text' as const,
    name: `${prefix}${from + i}`,
    label: label(`Question ${prefix}${from + i}`),
  }));

const definition: FormDefinition = {
  formId: 'long_group',
  version: '1',
  title: label('Enquête'),
  languages: ['fr'],
  defaultLanguage: 'fr',
  choices: {},
  fields: [
    {
      type: 'group',
      name: 'survey',
      label: label('Enquête communautaire'),
      children: [
        ...texts(1, 20, 'a'),
        { type: 'group', name: 'water', label: label('Eau'), children: texts(1, 10, 'w') },
        { ...texts(21, 21, 'a')[0]!, required: true },
        // Shown once a21 is answered: the second page is empty (and skipped) until then.
        ...texts(22, 30, 'a').map((q) => ({ ...q, relevant: '${a21} != ""' })),
      ],
    },
  ],
};

function renderForm() {
  const compiled = compileForm(definition);
  const store = new FormStore(createFormSession(compiled, { language: 'fr' }));
  render(
    <I18nProvider>
      <FormRenderer store={store} form={compiled} finishLabel="Terminer" onFinalize={async () => undefined} />
    </I18nProvider>,
  );
  return { store, user: userEvent.setup() };
}

const questions = () => screen.getAllByRole('textbox').map((box) => box.getAttribute('name'));
const title = () => screen.getByRole('heading', { level: 2 }).textContent;
const progress = () => screen.getByTestId('progress-text').textContent;
const answered = () => screen.getByTestId('answered-bar').getAttribute('aria-label');

afterEach(cleanup);

describe('a group of more than 25 questions', () => {
  it('is drawn 25 questions at a time, its nested group continuing on the next page, the counter never moving', async () => {
    const { user } = renderForm();
    expect(title()).toBe('Enquête communautaire (1 sur 2)');
    expect(progress()).toBe('Section 1 sur 3');
    expect(questions()).toEqual([...texts(1, 20, 'a'), ...texts(1, 5, 'w')].map((q) => q.name));
    expect(screen.getByRole('group', { name: 'Eau' })).toBeTruthy();
    // Counted over the whole group (what is relevant now), not over what the page shows.
    await waitFor(() => expect(answered()).toBe('0 sur 31 répondues'));

    await user.type(screen.getByRole('textbox', { name: 'Question a1' }), 'oui');
    await waitFor(() => expect(answered()).toBe('1 sur 31 répondues'));

    await user.click(screen.getByRole('button', { name: 'Suivant →' }));
    expect(title()).toBe('Enquête communautaire (2 sur 2)');
    expect(progress()).toBe('Section 2 sur 3');
    // The rest of the water group (under its own legend), then a21 — a22…a30 wait for a21's answer.
    expect(screen.getByRole('group', { name: 'Eau' })).toBeTruthy();
    expect(questions()).toEqual(['w6', 'w7', 'w8', 'w9', 'w10', 'a21']);

    await user.type(screen.getByRole('textbox', { name: /Question a21/ }), 'oui');
    expect(questions()).toEqual(['w6', 'w7', 'w8', 'w9', 'w10', ...texts(21, 30, 'a').map((q) => q.name)]);
    expect(progress()).toBe('Section 2 sur 3');
    await waitFor(() => expect(answered()).toBe('2 sur 40 répondues'));
  });

  it('leads from the finishing screen to the page of a question left unanswered', async () => {
    const { user } = renderForm();
    await user.click(screen.getByRole('button', { name: 'Suivant →' }));
    await user.click(screen.getByRole('button', { name: 'Suivant →' }));
    await user.click(screen.getByRole('button', { name: 'Terminer' }));
    await user.click(screen.getByRole('button', { name: 'Aller à la question' }));
    expect(title()).toBe('Enquête communautaire (2 sur 2)');
    expect(questions()).toContain('a21');
  });
});
