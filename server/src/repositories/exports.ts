import Database from 'better-sqlite3';
import { areaCondition, type AreaCodes } from './area-sql.js';
import type { SubmissionReads } from '../domain/read-policy.js';
import { fullExportSections } from './full-export.js';

/**
 * All SQL of exports. An export reads through its own read-only connection inside one read transaction:
 * the count shown to the user and the rows streamed come from the same snapshot, and the long iteration
 * never holds the server's connection (better-sqlite3 refuses other statements on a connection while an
 * iterator is open, and pushes must keep flowing during a national export).
 */
export interface HouseholdExportRow {
  id: string;
  code: string;
  area: string;
  commune: string;
  province: string;
  version: number;
  size: number;
  values_json: string;
  created_at: string;
  updated_at: string;
  head: string | null;
  primary_recipient: string | null;
}

export interface IndividualExportRow {
  household_code: string;
  household_id: string;
  area: string;
  commune: string;
  province: string;
  individual_id: string;
  first_name: string | null;
  last_name: string | null;
  sex: string | null;
  birth_date: string | null;
  birth_year: number | null;
  national_id: string | null;
  phone: string | null;
  role: string;
  relationship: string | null;
  recipient: string | null;
  respondent: number;
  position: number;
  started_at: string;
  values_json: string;
}

export interface TicketExportRow {
  id: string;
  code: string;
  status: string;
  case_type: string;
  category: string | null;
  subcategory: string | null;
  sensitive: number;
  special: number;
  channel: string | null;
  anonymous: number;
  area: string;
  commune: string;
  province: string;
  description: string | null;
  incident_date: string | null;
  received_at: string;
  due_at: string;
  assigned_to: string | null;
  household_code: string | null;
  resolved_at: string | null;
  closed_at: string | null;
  reporter_name: string | null;
  reporter_sex: string | null;
  reporter_birth_year: number | null;
  reporter_phone: string | null;
  reporter_id: string | null;
  reporter_beneficiary: string | null;
  resolution: string | null;
  comments: number;
}

export interface ReportExportRow {
  submission_id: string;
  status: string;
  enumerator_id: string;
  activity_type: string | null;
  report_date: string | null;
  quarter: string | null;
  colline: string;
  zone: string | null;
  commune: string | null;
  province: string | null;
  sessions: number | null;
  households_attending: number | null;
  participants_men: number | null;
  participants_women: number | null;
  participants_batwa: number | null;
  participants_disability: number | null;
  participants_refugees_returnees: number | null;
  households_planned: number | null;
  households_paid: number | null;
  amount_planned: number | null;
  amount_paid: number | null;
  observations: string | null;
  received_at: string;
}

export interface TicketExportFilter {
  areas: AreaCodes | null;
  includeSensitive: boolean;
}

export interface ReportExportFilter {
  areas: AreaCodes | null;
  validatedOnly: boolean;
  fromQuarter: string | null;
  toQuarter: string | null;
}

const HOUSEHOLD_COLUMNS = { province: 'h.province', commune: 'h.commune', colline: 'h.area' };
const where = (clauses: string[]) => (clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '');

/** A person's name as one JSON array [first, last] (null when none). */
const personOf = (
  condition: string,
) => `(SELECT json_array(i.first_name, i.last_name) FROM memberships m JOIN individuals i ON i.id = m.individual_id
  WHERE m.household_id = h.id AND m.ended_at IS NULL AND ${condition} LIMIT 1)`;

export type ExportReader = ReturnType<typeof openExportReader>;

export function openExportReader(file: string) {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  db.exec('BEGIN');
  const iterators = new Set<IterableIterator<unknown>>();
  const track = <T>(it: IterableIterator<T>) => {
    iterators.add(it as IterableIterator<unknown>);
    return it;
  };

  const households = (areas: AreaCodes | null) => {
    const area = areaCondition(areas, HOUSEHOLD_COLUMNS);
    return { sql: where(area.clauses), params: area.params };
  };

  const ticketWhere = (f: TicketExportFilter) => {
    const area = areaCondition(f.areas, { province: 't.province', commune: 't.commune', colline: 't.area' });
    return { sql: where([...area.clauses, ...(f.includeSensitive ? [] : ['t.sensitive = 0'])]), params: area.params };
  };
  const reportWhere = (f: ReportExportFilter) => {
    const area = areaCondition(f.areas, { province: 'f.province', commune: 'f.commune', colline: 'f.colline' });
    const clauses = [...area.clauses, 'f.deleted = 0'];
    const params: Record<string, string> = { ...area.params };
    if (f.validatedOnly) clauses.push("f.status = 'approved'");
    if (f.fromQuarter) {
      clauses.push('f.quarter >= @fromQuarter');
      params['fromQuarter'] = f.fromQuarter;
    }
    if (f.toQuarter) {
      clauses.push('f.quarter <= @toQuarter');
      params['toQuarter'] = f.toQuarter;
    }
    return { sql: where(clauses), params };
  };

  return {
    countHouseholds(areas: AreaCodes | null): number {
      const w = households(areas);
      return (db.prepare(`SELECT count(*) AS n FROM households h ${w.sql}`).get(w.params) as { n: number }).n;
    },
    households(areas: AreaCodes | null): IterableIterator<HouseholdExportRow> {
      const w = households(areas);
      return track(
        db
          .prepare(
            `SELECT h.id, h.code, h.area, h.commune, h.province, h.version, h.size, h.values_json, h.created_at, h.updated_at,
               ${personOf("m.role = 'HEAD'")} AS head, ${personOf("m.recipient = 'PRIMARY'")} AS primary_recipient
             FROM households h ${w.sql} ORDER BY h.code`,
          )
          .iterate(w.params) as IterableIterator<HouseholdExportRow>,
      );
    },
    countIndividuals(areas: AreaCodes | null): number {
      const w = households(areas);
      return (
        db
          .prepare(
            `SELECT count(*) AS n FROM households h JOIN memberships m ON m.household_id = h.id AND m.ended_at IS NULL ${w.sql}`,
          )
          .get(w.params) as { n: number }
      ).n;
    },
    /** Current members, one row per person, household by household (code order). */
    individuals(areas: AreaCodes | null): IterableIterator<IndividualExportRow> {
      const w = households(areas);
      return track(
        db
          .prepare(
            `SELECT h.code AS household_code, h.id AS household_id, h.area, h.commune, h.province, m.individual_id,
               i.first_name, i.last_name, i.sex, i.birth_date, i.birth_year, i.national_id, i.phone,
               m.role, m.relationship, m.recipient, m.respondent, m.position, m.started_at, i.values_json
             FROM households h JOIN memberships m ON m.household_id = h.id AND m.ended_at IS NULL
             JOIN individuals i ON i.id = m.individual_id ${w.sql} ORDER BY h.code`,
          )
          .iterate(w.params) as IterableIterator<IndividualExportRow>,
      );
    },
    countTickets(f: TicketExportFilter): number {
      const w = ticketWhere(f);
      return (db.prepare(`SELECT count(*) AS n FROM grievance_tickets t ${w.sql}`).get(w.params) as { n: number }).n;
    },
    tickets(f: TicketExportFilter): IterableIterator<TicketExportRow> {
      const w = ticketWhere(f);
      const data = (field: string) => `json_extract(s.doc, '$.data.${field}')`;
      return track(
        db
          .prepare(
            `SELECT t.id, t.code, t.status, t.case_type, t.category, t.subcategory, t.sensitive, t.special, t.channel, t.anonymous,
               t.area, t.commune, t.province, t.description, t.incident_date, t.received_at, t.due_at, t.assigned_to, t.household_code,
               t.resolved_at, t.closed_at,
               ${data('reporter_name')} AS reporter_name, ${data('reporter_sex')} AS reporter_sex, ${data('reporter_birth_year')} AS reporter_birth_year,
               ${data('reporter_phone')} AS reporter_phone, ${data('reporter_id')} AS reporter_id, ${data('reporter_beneficiary')} AS reporter_beneficiary,
               (SELECT body FROM grievance_comments c WHERE c.ticket_id = t.id AND c.resolution = 1 ORDER BY c.created_at DESC LIMIT 1) AS resolution,
               (SELECT count(*) FROM grievance_comments c WHERE c.ticket_id = t.id) AS comments
             FROM grievance_tickets t LEFT JOIN submissions s ON s.id = t.submission_id ${w.sql} ORDER BY t.received_at, t.id`,
          )
          .iterate(w.params) as IterableIterator<TicketExportRow>,
      );
    },
    countReports(f: ReportExportFilter): number {
      const w = reportWhere(f);
      return (db.prepare(`SELECT count(*) AS n FROM indicator_facts f ${w.sql}`).get(w.params) as { n: number }).n;
    },
    reports(f: ReportExportFilter): IterableIterator<ReportExportRow> {
      const w = reportWhere(f);
      return track(
        db
          .prepare(
            `SELECT f.*, json_extract(s.doc, '$.data.observations') AS observations, s.received_at
             FROM indicator_facts f JOIN submissions s ON s.id = f.submission_id ${w.sql} ORDER BY f.submission_id`,
          )
          .iterate(w.params) as IterableIterator<ReportExportRow>,
      );
    },
    /** Every table of the full export the caller may see, read from the same snapshot (full-export.ts). */
    fullExport(areas: AreaCodes | null, includeSensitive: boolean, submissions: SubmissionReads) {
      return fullExportSections(
        {
          rows: (sql, params) => track(db.prepare(sql).iterate(params) as IterableIterator<Record<string, unknown>>),
          count: (sql, params) => (db.prepare(`SELECT count(*) AS n FROM (${sql})`).get(params) as { n: number }).n,
        },
        areas,
        includeSensitive,
        submissions,
      );
    },
    /** Ends the snapshot and closes the connection (also when the download was abandoned). */
    close(): void {
      for (const it of iterators) it.return?.();
      iterators.clear();
      if (db.open) {
        if (db.inTransaction) db.exec('COMMIT');
        db.close();
      }
    },
  };
}
