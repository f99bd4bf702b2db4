/**
 * The member roster as an enumerator uses it, rendered by the form renderer in happy-dom: members as cards,
 * one member open at a time, the card named as it is typed, and removal only after confirming.
 */
import type { FormDefinition } from '@kusanya/schemas';
import { compileForm, createFormSession } from '@kusanya/shared/form/engine';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../i18n/i18n.js';
import { FormRenderer } from './FormRenderer.js';
import { FormStore } from './form-store.js';

const label = (fr: string) => ({ fr });
const definition: FormDefinition = {
  formId: 'roster',
  version: '1',
  title: label('Ménage'),
  languages: ['fr'],
  defaultLanguage: 'fr',
  choices: {},
  fields: [
    {
      type: 'repeat',
      name: 'members',
      label: label('Membres du ménage'),
      children: [
        { type: 'text', name: 'first_name', label: label('Prénom'), required: true },
        { type: 'text', name: 'last_name', label: label('Nom'), required: true },
        { type: 'integer', name: 'age', label: label('Âge'), required: true },
      ],
    },
  ],
};

function renderRoster() {
  const compiled = compileForm(definition);
  const store = new FormStore(createFormSession(compiled, { language: 'fr' }));
  render(
    <I18nProvider>
      <FormRenderer store={store} form={compiled} finishLabel="Terminer" onFinalize={async () => undefined} />
    </I18nProvider>,
  );
  return { store, user: userEvent.setup() };
}

/** The heading of the open member: its name (or number) and where it stands, "(2 sur 3)". */
const entryHeading = () => screen.getByRole('heading', { name: /\(\d+ sur \d+\)/ });

afterEach(cleanup);

describe('the roster', () => {
  it('starts empty, opens a new member at once, and lists the member by name with what is answered', async () => {
    const { store, user } = renderRoster();
    expect(screen.getByText('Rien n’a encore été ajouté.')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: '+ Ajouter : Membres du ménage' }));
    expect(entryHeading().textContent).toContain('(1 sur 1)');
    await user.type(screen.getByRole('textbox', { name: /Prénom/ }), 'Jean');
    await user.type(screen.getByRole('textbox', { name: /^Nom/ }), 'Niyonzima');
    // The open member's heading follows what is typed.
    expect(entryHeading().textContent).toContain('Jean Niyonzima');

    await user.click(screen.getAllByRole('button', { name: /Retour à la liste/ })[0]!);
    const cards = screen.getAllByTestId('entry-card');
    expect(cards).toHaveLength(1);
    expect(cards[0]!.textContent).toContain('Jean Niyonzima');
    expect(cards[0]!.textContent).toContain('2 sur 3 répondues');
    expect(store.session.snapshot()).toMatchObject({ members: [{ first_name: 'Jean', last_name: 'Niyonzima' }] });
  });

  it("moves from one member to the next with the form's own previous/next, and opens a member from its card", async () => {
    const { user } = renderRoster();
    const add = () => user.click(screen.getByRole('button', { name: '+ Ajouter : Membres du ménage' }));
    await add();
    await user.type(screen.getByRole('textbox', { name: /Prénom/ }), 'Jean');
    // At the last member, "next" goes back to the list (one row of buttons: the form's own).
    await user.click(screen.getByRole('button', { name: 'Retour à la liste →' }));
    await add();
    expect(entryHeading().textContent).toContain('(2 sur 2)');
    await user.type(screen.getByRole('textbox', { name: /Prénom/ }), 'Marie');
    await user.click(screen.getByRole('button', { name: '← Précédent dans la liste' }));
    expect((screen.getByRole('textbox', { name: /Prénom/ }) as HTMLInputElement).value).toBe('Jean');
    // Inside a member, "next" is the next member, never the next section.
    await user.click(screen.getByRole('button', { name: 'Suivant dans la liste →' }));
    expect((screen.getByRole('textbox', { name: /Prénom/ }) as HTMLInputElement).value).toBe('Marie');
    expect(screen.getAllByRole('button', { name: /→$/ })).toHaveLength(1);

    await user.click(screen.getAllByRole('button', { name: /Retour à la liste/ })[0]!);
    await user.click(within(screen.getAllByTestId('entry-card')[1]!).getByRole('button', { name: /^2\s*Marie/ }));
    expect((screen.getByRole('textbox', { name: /Prénom/ }) as HTMLInputElement).value).toBe('Marie');
  });

  it('removes a member only once the enumerator confirms it', async () => {
    const { store, user } = renderRoster();
    for (const name of ['Jean', 'Marie']) {
      await user.click(screen.getByRole('button', { name: '+ Ajouter : Membres du ménage' }));
      await user.type(screen.getByRole('textbox', { name: /Prénom/ }), name);
      await user.click(screen.getAllByRole('button', { name: /Retour à la liste/ })[0]!);
    }
    const confirm = vi.fn().mockReturnValueOnce(false).mockReturnValueOnce(true);
    vi.stubGlobal('confirm', confirm);

    await user.click(screen.getByRole('button', { name: 'Retirer Jean' }));
    expect(confirm).toHaveBeenLastCalledWith('Retirer « Jean » et toutes ses réponses ?');
    expect(screen.getAllByTestId('entry-card')).toHaveLength(2);

    await user.click(screen.getByRole('button', { name: 'Retirer Jean' }));
    expect(screen.getAllByTestId('entry-card').map((c) => c.textContent)).toEqual([expect.stringContaining('Marie')]);
    expect(store.session.snapshot()).toMatchObject({ members: [{ first_name: 'Marie' }] });
    vi.unstubAllGlobals();
  });

  it('hides the empty member the form starts with, and says who each member is: relationship, sex, age, badges', async () => {
    const household: FormDefinition = {
      ...definition,
      choices: {
        relationship: [
          { name: 'HEAD', label: label('Chef de ménage') },
          { name: 'SON', label: label('Fils') },
        ],
        sex: [
          { name: 'M', label: label('Homme') },
          { name: 'F', label: label('Femme') },
        ],
        recipient: [
          { name: 'PRIMARY', label: label('Principal') },
          { name: 'NONE', label: label('Aucun') },
        ],
      },
      fields: [
        { type: 'note', name: 'intro', label: label('Bienvenue') },
        {
          type: 'repeat',
          name: 'members',
          label: label('Membres du ménage'),
          minCount: 1,
          children: [
            { type: 'text', name: 'first_name', label: label('Prénom') },
            { type: 'select_one', name: 'relationship', list: 'relationship', label: label('Lien') },
            { type: 'select_one', name: 'sex', list: 'sex', label: label('Sexe') },
            { type: 'integer', name: 'age', label: label('Âge') },
            { type: 'select_one', name: 'recipient', list: 'recipient', label: label('Bénéficiaire') },
          ],
        },
      ],
    };
    const compiled = compileForm(household);
    const store = new FormStore(createFormSession(compiled, { language: 'fr' }));
    render(
      <I18nProvider>
        <FormRenderer store={store} form={compiled} finishLabel="Terminer" onFinalize={async () => undefined} />
      </I18nProvider>,
    );
    const user = userEvent.setup();
    // The counter counts every section from the start: it does not grow as sections open.
    expect(screen.getByTestId('progress-text').textContent).toBe('Section 1 sur 3');
    await user.click(screen.getByRole('button', { name: 'Suivant →' }));
    expect(screen.getByTestId('progress-text').textContent).toBe('Section 2 sur 3');
    expect(screen.queryAllByTestId('entry-card')).toHaveLength(0);
    expect(screen.getByText('Rien n’a encore été ajouté.')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: '+ Ajouter : Membres du ménage' }));
    expect(entryHeading().textContent).toContain('(1 sur 1)');
    await user.type(screen.getByRole('textbox', { name: /Prénom/ }), 'Jean');
    await user.click(screen.getByRole('radio', { name: 'Chef de ménage' }));
    await user.click(screen.getByRole('radio', { name: 'Homme' }));
    await user.type(screen.getByRole('textbox', { name: /Âge/ }), '47');
    await user.click(screen.getByRole('radio', { name: 'Principal' }));
    await user.click(screen.getAllByRole('button', { name: /Retour à la liste/ })[0]!);
    const summary = screen.getByTestId('entry-summary').textContent;
    expect(summary).toContain('Chef de ménage · Homme · 47 ans');
    expect(summary).toContain('Bénéficiaire principal');
    expect(store.session.snapshot()).toMatchObject({ members: [{ first_name: 'Jean', relationship: 'HEAD' }] });
  });
});
