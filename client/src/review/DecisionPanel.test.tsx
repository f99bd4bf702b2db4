/**
 * The supervisor's decision panel, rendered in happy-dom as a supervisor uses it: approve after confirming; return only
 * with a comment; reject only with a reason from the list; nothing while a decision is being sent, and no
 * approval while something (duplicates to decide) stands in the way.
 */
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../i18n/i18n.js';
import { DecisionPanel, type DecisionChoice } from './DecisionPanel.js';

function renderPanel(props: { busy?: boolean; approveBlocked?: string } = {}) {
  const onDecide = vi.fn<(choice: DecisionChoice) => void>();
  render(
    <I18nProvider>
      <DecisionPanel busy={props.busy ?? false} approveBlocked={props.approveBlocked} onDecide={onDecide} />
    </I18nProvider>,
  );
  return { onDecide, user: userEvent.setup() };
}
const button = (name: string | RegExp) => screen.getByRole('button', { name }) as HTMLButtonElement;

afterEach(cleanup);

describe('the decision panel', () => {
  it('approves only once the supervisor confirms, and can be cancelled', async () => {
    const { onDecide, user } = renderPanel();
    await user.click(button('Approuver'));
    expect(onDecide).not.toHaveBeenCalled();
    expect(screen.getByText('Approuver cette fiche ? La décision sera enregistrée à votre nom.')).toBeTruthy();
    await user.click(button('Annuler'));
    expect(screen.queryByRole('button', { name: 'Oui, approuver' })).toBeNull();
    await user.click(button('Approuver'));
    await user.click(button('Oui, approuver'));
    expect(onDecide).toHaveBeenCalledWith({ decision: 'approve' });
  });

  it('returns a record only with a comment for the enumerator', async () => {
    const { onDecide, user } = renderPanel();
    await user.click(button("Renvoyer à l'enquêteur"));
    const send = button('Renvoyer avec ce commentaire');
    expect(send.disabled).toBe(true);
    const comment = screen.getByLabelText("Que doit corriger l'enquêteur ?");
    await user.type(comment, '   ');
    expect(send.disabled).toBe(true);
    await user.clear(comment);
    await user.type(comment, 'Le ménage a 4 pièces.');
    await user.click(send);
    expect(onDecide).toHaveBeenCalledWith({ decision: 'return', comment: 'Le ménage a 4 pièces.' });
  });

  it('rejects a record only with a reason from the list, the comment being optional', async () => {
    const { onDecide, user } = renderPanel();
    await user.click(button('Rejeter'));
    const confirm = button('Rejeter cette fiche');
    expect(confirm.disabled).toBe(true);
    await user.selectOptions(screen.getByLabelText('Motif'), 'Doublon');
    await user.click(confirm);
    expect(onDecide).toHaveBeenLastCalledWith({ decision: 'reject', reason: 'DUPLICATE' });
    await user.type(screen.getByLabelText('Commentaire'), 'Déjà enregistré.');
    await user.click(confirm);
    expect(onDecide).toHaveBeenLastCalledWith({ decision: 'reject', reason: 'DUPLICATE', comment: 'Déjà enregistré.' });
  });

  it('says why approval is not possible yet, and still lets the supervisor return or reject', async () => {
    const { onDecide, user } = renderPanel({ approveBlocked: 'Décidez d’abord des doublons possibles.' });
    expect(screen.getByTestId('approve-blocked').textContent).toBe('Décidez d’abord des doublons possibles.');
    expect(button('Approuver').disabled).toBe(true);
    await user.click(button('Approuver'));
    expect(onDecide).not.toHaveBeenCalled();
    expect(button("Renvoyer à l'enquêteur").disabled).toBe(false);
  });

  it('takes no decision while one is being sent', () => {
    renderPanel({ busy: true });
    for (const name of ['Approuver', "Renvoyer à l'enquêteur", 'Rejeter']) expect(button(name).disabled).toBe(true);
  });
});
