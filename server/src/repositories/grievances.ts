import type { TicketSummary } from '@kusanya/schemas';
import type { Db } from '../db/database.js';

export interface TicketRecord {
  id: string;
  code: string;
  submissionId: string;
  status: TicketSummary['status'];
  caseType: string;
  category: string | null;
  subcategory: string | null;
  sensitive: boolean;
  special: boolean;
  channel: string | null;
  anonymous: boolean;
  area: string;
  commune: string;
  province: string;
  description: string | null;
  incidentDate: string | null;
  receivedAt: string;
  dueAt: string;
  assignedTo: string | null;
  version: number;
  updatedAt: string;
  /** The beneficiary household's code as the reporter gave it (upper-case), to link the ticket to the registry. */
  householdCode: string | null;
  /** The reporter's national ID, normalised, to link the ticket to registry members. */
  reporterIdNorm: string | null;
}

export type GrievancesRepository = ReturnType<typeof grievancesRepository>;

export function grievancesRepository(db: Db) {
  const insert = db.prepare(
    `INSERT INTO grievance_tickets (id, code, submission_id, status, case_type, category, subcategory, sensitive, special, channel,
       anonymous, area, commune, province, description, incident_date, received_at, due_at, assigned_to, version, updated_at,
       household_code, reporter_id_norm)
     VALUES (@id, @code, @submissionId, @status, @caseType, @category, @subcategory, @sensitive, @special, @channel,
       @anonymous, @area, @commune, @province, @description, @incidentDate, @receivedAt, @dueAt, @assignedTo, @version, @updatedAt,
       @householdCode, @reporterIdNorm)`,
  );
  const bySubmission = db.prepare<[string], { id: string; code: string }>(
    'SELECT id, code FROM grievance_tickets WHERE submission_id = ?',
  );
  const bumpCode = db.prepare<[number], { last: number }>(
    `INSERT INTO grievance_code_counters (year, last) VALUES (?, 1) ON CONFLICT (year) DO UPDATE SET last = last + 1 RETURNING last`,
  );
  return {
    insert: (t: TicketRecord) =>
      insert.run({ ...t, sensitive: t.sensitive ? 1 : 0, special: t.special ? 1 : 0, anonymous: t.anonymous ? 1 : 0 }),
    bySubmission: (submissionId: string) => bySubmission.get(submissionId) ?? null,
    nextSequence: (year: number) => bumpCode.get(year)!.last,
  };
}
