/**
 * Human-readable household codes (DESIGN.md §2): year + province + sequence, e.g. "2026-P03-000042".
 * The sequence is per year and province, allocated by the registry in the approval transaction.
 */
export function householdCode(year: number, provinceCode: string, sequence: number): string {
  return `${year}-${provinceCode}-${String(sequence).padStart(6, '0')}`;
}

export const HOUSEHOLD_CODE_PATTERN = /^\d{4}-[A-Za-z0-9_-]+-\d{6,}$/;
