import type { SubmissionReads } from '../domain/read-policy.js';
import { areaCondition, type AreaCodes } from './area-sql.js';
import type { ExportReader } from './exports.js';
import { submissionColumns, submissionReadCondition } from './read-sql.js';

/** One table of the full export: its name, its row count and its rows (read lazily, in key order). */
export interface FullExportSection {
  name: string;
  total: number;
  rows: Iterable<unknown>;
}

type Row = Record<string, unknown>;

/** Parses the JSON columns of a row (names ending in _json or equal to doc/definition) into values. */
function* parsed(rows: Iterable<Row>): Generator<Row> {
  for (const row of rows) {
    const out: Row = {};
    for (const [key, value] of Object.entries(row)) {
      if (
        typeof value === 'string' &&
        (key.endsWith('_json') || key === 'doc' || key === 'definition' || key === 'old_value' || key === 'new_value')
      ) {
        out[key.replace(/_json$/, '')] = JSON.parse(value) as unknown;
      } else out[key] = value;
    }
    yield out;
  }
}

/**
 * Everything the user may see, as one JSON document: locations, published forms, the registry
 * (households, individuals, memberships, history), submissions with their review decisions, grievance
 * tickets with comments and timeline (attachment files are listed, not included), indicator catalogue,
 * targets and reports. Scoped like every export: the user's areas, and no SENSITIVE ticket unless allowed.
 * The SQL of the full export, all here (read through the export's snapshot reader).
 */
export function fullExportSections(
  reader: ExportReader,
  areas: AreaCodes | null,
  includeSensitive: boolean,
  submissions: SubmissionReads,
): FullExportSection[] {
  const hh = areaCondition(areas, { province: 'h.province', commune: 'h.commune', colline: 'h.area' }, 'hh');
  const tk = areaCondition(areas, { province: 't.province', commune: 't.commune', colline: 't.area' }, 'tk');
  const sub = submissionReadCondition(submissions, submissionColumns('s'), 'sb');
  const where = (...clauses: string[]) => (clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '');
  const ticketWhere = where(...tk.clauses, ...(includeSensitive ? [] : ['t.sensitive = 0']));
  // Without an area restriction, whole tables are read in key order (no large IN list).
  const ofHouseholds = (column: string) =>
    areas === null ? '' : `WHERE ${column} IN (SELECT h.id FROM households h ${where(...hh.clauses)})`;
  const ticketIn = `SELECT t.id FROM grievance_tickets t ${ticketWhere}`;
  const section = (name: string, sql: string, params: Row = {}): FullExportSection => ({
    name,
    total: reader.count(sql, params),
    rows: parsed(reader.table<Row>(sql, params)),
  });
  return [
    section(
      'locations',
      'SELECT code, name, level, parent_code, scheme, valid_from, valid_to, is_sample FROM locations ORDER BY code',
    ),
    section('forms', `SELECT form_id, version, status, published_at, definition FROM forms ORDER BY seq`),
    section(
      'households',
      `SELECT h.id, h.code, h.area, h.commune, h.province, h.version, h.size, h.values_json, h.created_at, h.updated_at, h.created_by_submission FROM households h ${where(...hh.clauses)} ORDER BY h.code`,
      hh.params,
    ),
    section(
      'individuals',
      `SELECT i.id, i.first_name, i.last_name, i.sex, i.birth_date, i.birth_year, i.national_id, i.phone, i.commune, i.values_json, i.version, i.created_at, i.updated_at
       FROM individuals i ${areas === null ? '' : `WHERE i.id IN (SELECT m.individual_id FROM memberships m ${ofHouseholds('m.household_id')})`} ORDER BY i.id`,
      hh.params,
    ),
    section(
      'memberships',
      `SELECT m.id, m.household_id, m.individual_id, m.role, m.relationship, m.recipient, m.respondent, m.position, m.started_at, m.started_by, m.ended_at, m.ended_by
       FROM memberships m ${ofHouseholds('m.household_id')} ORDER BY m.id`,
      hh.params,
    ),
    section(
      'registry_history',
      `SELECT r.id, r.household_id, r.household_version, r.entity, r.entity_id, r.field, r.old_value, r.new_value, r.submission_id, r.approved_by, r.at
       FROM registry_history r ${ofHouseholds('r.household_id')} ORDER BY r.id`,
      hh.params,
    ),
    section(
      'submissions',
      `SELECT s.id, s.form_id, s.form_version, s.status, s.received_at, s.updated_at, s.doc FROM submissions s
       ${where(...sub.clauses, "(s.form_id <> 'grievance' OR s.id IN (SELECT t.submission_id FROM grievance_tickets t " + ticketWhere + '))')} ORDER BY s.seq`,
      { ...sub.params, ...tk.params },
    ),
    section(
      'reviews',
      `SELECT r.id, r.submission_id, r.submission_rev, r.decision, r.reason, r.comment, r.reviewer_id, r.registry_version, r.at
       FROM reviews r JOIN submissions s ON s.id = r.submission_id ${where(...sub.clauses)} ORDER BY r.id`,
      sub.params,
    ),
    section(
      'grievance_tickets',
      `SELECT t.id, t.code, t.submission_id, t.status, t.case_type, t.category, t.subcategory, t.sensitive, t.special, t.channel, t.anonymous,
         t.area, t.commune, t.province, t.description, t.incident_date, t.received_at, t.due_at, t.assigned_to, t.version, t.updated_at,
         t.household_code, t.resolved_at, t.closed_at
       FROM grievance_tickets t ${ticketWhere} ORDER BY t.received_at, t.id`,
      tk.params,
    ),
    section(
      'grievance_comments',
      `SELECT id, ticket_id, author_id, body, resolution, created_at FROM grievance_comments WHERE ticket_id IN (${ticketIn}) ORDER BY created_at, id`,
      tk.params,
    ),
    section(
      'grievance_events',
      `SELECT id, ticket_id, actor_id, kind, from_value, to_value, at FROM grievance_events WHERE ticket_id IN (${ticketIn}) ORDER BY id`,
      tk.params,
    ),
    section(
      'grievance_attachments',
      `SELECT id, ticket_id, filename, content_type, size, sha256, uploaded_by, uploaded_at FROM grievance_attachments WHERE ticket_id IN (${ticketIn}) ORDER BY uploaded_at, id`,
      tk.params,
    ),
    section(
      'indicators',
      'SELECT code, activity_type, measure, name_fr, name_rn, name_en, unit, position, active, updated_at, updated_by FROM indicators ORDER BY position, code',
    ),
    section(
      'indicator_targets',
      'SELECT indicator_code, quarter, area, target, updated_at, updated_by FROM indicator_targets ORDER BY indicator_code, quarter, area',
    ),
  ];
}
