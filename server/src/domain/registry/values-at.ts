/** What undoing a change needs to know of a history entry. */
export interface RecordedChange {
  readonly entity: string;
  readonly field: string;
  readonly householdVersion: number;
  readonly oldValue: unknown;
}

/**
 * The household-level values as they were at `version`, rebuilt from the current values by undoing, newest
 * first, the household field changes made after it (the history is append-only, so this is exact).
 */
export function householdValuesAt(
  current: Readonly<Record<string, unknown>>,
  history: readonly RecordedChange[],
  version: number,
): Record<string, unknown> {
  const values: Record<string, unknown> = { ...current };
  const later = history.filter(
    (h) => h.entity === 'household' && h.householdVersion > version && !h.field.startsWith('('),
  );
  for (const change of [...later].reverse()) {
    if (change.oldValue === null || change.oldValue === undefined) delete values[change.field];
    else values[change.field] = change.oldValue;
  }
  return values;
}
