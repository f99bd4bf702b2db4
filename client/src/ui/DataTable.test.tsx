/**
 * The tables of records (users, devices, forms, API tokens, an enumerator team) and their row buttons, rendered in
 * happy-dom: headings in order, rows in a box that scrolls by itself, and each row's actions as buttons that act.
 */
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DataTable, RowActions } from './DataTable.js';

afterEach(cleanup);

describe('a table of records', () => {
  it('shows its headings, its rows and, per row, the actions it offers (an absent one left out)', async () => {
    const revoke = vi.fn();
    const logout = vi.fn();
    render(
      <DataTable testId="devices-table" headers={['Tablette', 'Actions']}>
        <tr>
          <td>tab-01</td>
          <td>
            <RowActions
              actions={[
                { label: 'Révoquer', onClick: revoke, disabled: true },
                null,
                { label: 'Déconnecter partout', onClick: logout, tone: 'danger' },
              ]}
            />
          </td>
        </tr>
      </DataTable>,
    );
    const table = screen.getByTestId('devices-table');
    expect(table.parentElement?.className).toBe('table-scroll');
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Tablette', 'Actions']);
    const buttons = within(table).getAllByRole('button') as HTMLButtonElement[];
    expect(buttons.map((b) => [b.textContent, b.className, b.disabled])).toEqual([
      ['Révoquer', 'secondary', true],
      ['Déconnecter partout', 'danger', false],
    ]);
    await userEvent.setup().click(buttons[1]!);
    expect(logout).toHaveBeenCalledOnce();
    expect(revoke).not.toHaveBeenCalled();
  });
});
