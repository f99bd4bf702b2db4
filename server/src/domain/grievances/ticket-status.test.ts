import { describe, expect, it } from 'vitest';
import { type AppError } from '../../errors.js';
import { ticketStatusChange, type TicketState } from './ticket-status.js';

const NOW = new Date('2026-05-04T10:00:00.000Z');
const ticket = (status: TicketState['status'], category = 'VIOLENCE_GBV'): TicketState => ({
  status,
  category,
  dueAt: '2026-05-01T00:00:00.000Z',
  resolvedAt: status === 'RESOLVED' || status === 'CLOSED' ? '2026-05-02T00:00:00.000Z' : null,
  closedAt: status === 'CLOSED' ? '2026-05-03T00:00:00.000Z' : null,
});
const code = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as AppError).code;
  }
  return null;
};

describe('ticketStatusChange', () => {
  it('resolves with its resolution and stamps the time', () => {
    expect(ticketStatusChange(ticket('IN_PROGRESS'), { to: 'RESOLVED', comment: 'Paid' }, NOW)).toMatchObject({
      status: 'RESOLVED',
      resolvedAt: NOW.toISOString(),
      dueAt: '2026-05-01T00:00:00.000Z',
    });
  });
  it('reopens a closed case with a new due date from its SLA and clears its end dates', () => {
    const next = ticketStatusChange(
      ticket('CLOSED', 'VIOLENCE_GBV'),
      { to: 'OPEN', comment: 'Not paid after all' },
      NOW,
    );
    expect(next).toEqual({ status: 'OPEN', dueAt: '2026-05-06T10:00:00.000Z', resolvedAt: null, closedAt: null });
  });
  it('refuses a jump and a resolution without a comment', () => {
    expect(code(() => ticketStatusChange(ticket('RECEIVED'), { to: 'RESOLVED', comment: 'x' }, NOW))).toBe(
      'transition-not-allowed',
    );
    expect(code(() => ticketStatusChange(ticket('IN_PROGRESS'), { to: 'RESOLVED' }, NOW))).toBe('validation-failed');
  });
});
