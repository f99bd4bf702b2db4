/** What a record's card says about it: the supervisor's comment, or — for a grievance — its ticket number. */
import { submissionFixture } from '@kusanya/tools/factories/submission';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { I18nProvider } from '../i18n/i18n.js';
import { RecordMessages } from './record-parts.js';

afterEach(cleanup);

const at = '2026-12-01T08:00:00.000Z';

describe('record messages', () => {
  it('gives a grievance’s ticket number, not a supervisor comment the server wrote', () => {
    const record = submissionFixture({
      formId: 'grievance',
      status: 'approved',
      review: { by: 'system', at, decision: 'approve', comment: 'Ticket GRV-2026-000123' },
    });
    render(
      <I18nProvider>
        <RecordMessages record={record} form={undefined} />
      </I18nProvider>,
    );
    expect(screen.getByTestId('ticket-code').textContent).toBe(
      'Plainte enregistrée sous le numéro GRV-2026-000123. Donnez ce numéro au plaignant.',
    );
    expect(screen.queryByText(/Commentaire du superviseur/)).toBeNull();
  });

  it('quotes what the supervisor asked on a returned record', () => {
    const record = submissionFixture({
      status: 'returned',
      review: { by: 'supervisor-id', at, decision: 'return', comment: 'Vérifiez les âges.' },
    });
    render(
      <I18nProvider>
        <RecordMessages record={record} form={undefined} />
      </I18nProvider>,
    );
    expect(screen.getByText(/Commentaire du superviseur/).textContent).toContain('“Vérifiez les âges.”');
  });
});
