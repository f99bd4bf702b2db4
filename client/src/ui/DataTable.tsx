import type { ReactNode } from 'react';

/**
 * A table of records (users, devices, forms, an enumerator team): its column headings, then its rows. On a narrow
 * screen it scrolls sideways in its own box (focusable, so a keyboard can scroll it) instead of the page.
 */
export function DataTable({
  testId,
  headers,
  look = 'admin-table',
  children,
}: {
  testId: string;
  headers: readonly string[];
  /** The administration's look, or the plainer one of the review screens. */
  look?: 'admin-table' | 'data-table';
  children: ReactNode;
}) {
  return (
    <div className="table-scroll" tabIndex={0}>
      <table className={look} data-testid={testId}>
        <thead>
          <tr>
            {headers.map((h) => (
              <th key={h}>{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** One action a row offers: a button with its words (`tone` danger for what cannot be undone). */
export interface RowAction {
  label: string;
  onClick(): void;
  disabled?: boolean;
  tone?: 'secondary' | 'danger';
}

/** The buttons of a table row, side by side (wrapping on a narrow screen); absent ones (`null`) are left out. */
export function RowActions({ actions }: { actions: readonly (RowAction | null)[] }) {
  return (
    <div className="admin-actions">
      {actions.map((a) =>
        a ? (
          <button
            key={a.label}
            type="button"
            className={a.tone ?? 'secondary'}
            disabled={a.disabled}
            onClick={a.onClick}
          >
            {a.label}
          </button>
        ) : null,
      )}
    </div>
  );
}
