/**
 * The registry's records (DESIGN.md §2), as the domain reasons about them and the registry repository stores
 * them (JSON columns parsed).
 */
export interface HouseholdRecord {
  id: string;
  code: string;
  area: string;
  commune: string;
  province: string;
  version: number;
  headNameNorm: string;
  size: number;
  values: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
  createdBySubmission: string;
}

export interface IndividualRecord {
  id: string;
  firstName: string | null;
  lastName: string | null;
  sex: string | null;
  birthDate: string | null;
  birthYear: number | null;
  nationalId: string | null;
  nationalIdNorm: string | null;
  phone: string | null;
  nameNorm: string;
  commune: string;
  values: Record<string, unknown>;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface MembershipRecord {
  id: number;
  householdId: string;
  individualId: string;
  role: string;
  relationship: string | null;
  recipient: string | null;
  respondent: boolean;
  position: number;
  startedAt: string;
  startedBy: string;
  endedAt: string | null;
  endedBy: string | null;
}

export interface HistoryEntry {
  householdId: string;
  householdVersion: number;
  entity: 'household' | 'individual' | 'membership';
  entityId: string;
  field: string;
  oldValue: unknown;
  newValue: unknown;
  submissionId: string;
  approvedBy: string;
  at: string;
}
