import type { HouseholdPage } from '@kusanya/schemas';
import type { Db } from '../db/database.js';

/** A member as the household page shows it (schemas: HouseholdPage.members), with the normalised ID. */
export type MemberRow = HouseholdPage['members'][number] & { nationalIdNorm: string | null };

export interface SubmissionLine {
  id: string;
  formId: string;
  status: string;
  receivedAt: string;
  enumeratorId: string;
  revisit: boolean;
}

export interface TicketLine {
  id: string;
  code: string;
  status: string;
  category: string | null;
  sensitive: boolean;
  area: string;
  receivedAt: string;
  dueAt: string;
  householdCode: string | null;
  reporterIdNorm: string | null;
}

export type RegistryReadsRepository = ReturnType<typeof registryReadsRepository>;

/** Reads of the household page that the approval repository does not need: all members, linked records. */
export function registryReadsRepository(db: Db) {
  const latestFormVersion = db.prepare<[string], { version: string }>(
    "SELECT version FROM forms WHERE form_id = ? AND status = 'published' ORDER BY seq DESC LIMIT 1",
  );
  const members = db.prepare<
    [string],
    {
      individual_id: string;
      first_name: string | null;
      last_name: string | null;
      sex: string | null;
      birth_date: string | null;
      birth_year: number | null;
      national_id: string | null;
      national_id_norm: string | null;
      phone: string | null;
      role: string;
      relationship: string | null;
      recipient: string | null;
      respondent: number;
      position: number;
      started_at: string;
      ended_at: string | null;
      values_json: string;
    }
  >(
    `SELECT m.individual_id, i.first_name, i.last_name, i.sex, i.birth_date, i.birth_year, i.national_id, i.national_id_norm, i.phone,
            m.role, m.relationship, m.recipient, m.respondent, m.position, m.started_at, m.ended_at, i.values_json
     FROM memberships m JOIN individuals i ON i.id = m.individual_id
     WHERE m.household_id = ? ORDER BY m.ended_at IS NOT NULL, m.position, m.id`,
  );
  // Records kept for their author only (a colline outside the author's areas) are nobody else's to list.
  const submissionLine = `SELECT id, form_id, status, received_at, enumerator_id,
      json_extract(doc, '$.meta.subject.householdId') IS NOT NULL AS revisit FROM submissions WHERE author_only = 0 AND`;
  type LineRow = {
    id: string;
    form_id: string;
    status: string;
    received_at: string;
    enumerator_id: string;
    revisit: number;
  };
  const submissionsById = db.prepare<[string], LineRow>(`${submissionLine} id IN (SELECT value FROM json_each(?))`);
  const visits = db.prepare<[string], LineRow>(`${submissionLine} json_extract(doc, '$.meta.subject.householdId') = ?`);
  const historySubmissions = db.prepare<[string], { submission_id: string }>(
    'SELECT DISTINCT submission_id FROM registry_history WHERE household_id = ?',
  );
  type TicketRow = {
    id: string;
    code: string;
    status: string;
    category: string | null;
    sensitive: number;
    area: string;
    received_at: string;
    due_at: string;
    household_code: string | null;
    reporter_id_norm: string | null;
  };
  const ticketCols =
    'id, code, status, category, sensitive, area, received_at, due_at, household_code, reporter_id_norm';
  const ticketsByHousehold = db.prepare<[string], TicketRow>(
    `SELECT ${ticketCols} FROM grievance_tickets WHERE household_code = ?`,
  );
  const ticketsByReporter = db.prepare<[string], TicketRow>(
    `SELECT ${ticketCols} FROM grievance_tickets WHERE reporter_id_norm IN (SELECT value FROM json_each(?))`,
  );
  const householdByCode = db.prepare<[string], { id: string; code: string; area: string }>(
    'SELECT id, code, area FROM households WHERE code = ?',
  );
  const line = (r: LineRow): SubmissionLine => ({
    id: r.id,
    formId: r.form_id,
    status: r.status,
    receivedAt: r.received_at,
    enumeratorId: r.enumerator_id,
    revisit: r.revisit === 1,
  });
  const ticket = (r: TicketRow): TicketLine => ({
    id: r.id,
    code: r.code,
    status: r.status,
    category: r.category,
    sensitive: r.sensitive === 1,
    area: r.area,
    receivedAt: r.received_at,
    dueAt: r.due_at,
    householdCode: r.household_code,
    reporterIdNorm: r.reporter_id_norm,
  });

  return {
    latestFormVersion: (formId: string) => latestFormVersion.get(formId)?.version ?? null,
    householdByCode: (code: string) => householdByCode.get(code.trim().toUpperCase()) ?? null,
    /** Every member the household ever had: current ones first, in roster order. */
    members: (householdId: string): MemberRow[] =>
      members.all(householdId).map((r) => ({
        individualId: r.individual_id,
        firstName: r.first_name,
        lastName: r.last_name,
        sex: r.sex,
        birthDate: r.birth_date,
        birthYear: r.birth_year,
        nationalId: r.national_id,
        nationalIdNorm: r.national_id_norm,
        phone: r.phone,
        role: r.role,
        relationship: r.relationship,
        recipient: r.recipient,
        respondent: r.respondent === 1,
        position: r.position,
        startedAt: r.started_at,
        endedAt: r.ended_at,
        values: JSON.parse(r.values_json) as Record<string, unknown>,
      })),
    /** Submissions that made the household's history, and every visit of it (any status). */
    submissionsAbout(householdId: string, createdBy: string): SubmissionLine[] {
      const ids = new Set([createdBy, ...historySubmissions.all(householdId).map((r) => r.submission_id)]);
      const byId = new Map<string, SubmissionLine>();
      for (const r of submissionsById.all(JSON.stringify([...ids]))) byId.set(r.id, line(r));
      for (const r of visits.all(householdId)) byId.set(r.id, line(r));
      return [...byId.values()].sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
    },
    /** Tickets naming the household by code, or whose reporter's national ID is a member's. */
    ticketsAbout(
      householdCode: string,
      memberIds: readonly string[],
    ): (TicketLine & { link: 'household_code' | 'reporter_id' })[] {
      const out = new Map<string, TicketLine & { link: 'household_code' | 'reporter_id' }>();
      for (const r of ticketsByHousehold.all(householdCode.toUpperCase()))
        out.set(r.id, { ...ticket(r), link: 'household_code' });
      if (memberIds.length > 0) {
        for (const r of ticketsByReporter.all(JSON.stringify(memberIds)))
          if (!out.has(r.id)) out.set(r.id, { ...ticket(r), link: 'reporter_id' });
      }
      return [...out.values()].sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
    },
  };
}
