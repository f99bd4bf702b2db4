import type { Indicator, TargetList } from '@kusanya/schemas';
import type { Db } from '../db/database.js';
import { statementCache } from './statement-cache.js';
import type { Sums } from '../domain/monitoring/measures.js';
import type { SubmissionReads } from '../domain/read-policy.js';
import { areaCondition, type AreaCodes } from './area-sql.js';
import { submissionReadCondition } from './read-sql.js';

/** The location column of the indicator facts for a level. */
export const FACT_LEVELS = ['province', 'commune', 'zone', 'colline'] as const;
export type FactLevel = (typeof FACT_LEVELS)[number];

export interface FactAggregate extends Sums {
  quarter: string;
  location: string | null;
  activityType: string | null;
}

/** A target of an indicator for a quarter and area (schemas: TargetList.targets). */
export type TargetRecord = TargetList['targets'][number];

const FACT_COLUMNS = { province: 'province', commune: 'commune', colline: 'colline' };
const TICKET_COLUMNS = { province: 'province', commune: 'commune', colline: 'area' };
const REVIEWED_COLUMNS = { province: "'-'", commune: "'-'", colline: 'area' };

/** Submissions carry only their colline: provinces and communes are given to them as lists of collines. */
export type CollineSet = string[] | null;
const collineCodes = (collines: CollineSet): AreaCodes | null =>
  collines === null ? null : { provinces: [], communes: [], collines };

export type MonitoringRepository = ReturnType<typeof monitoringRepository>;

/** All SQL of the M&E dashboards: indicator facts (migration 052), submissions, reviews, tickets, the catalogue. */
export function monitoringRepository(db: Db) {
  const prepared = statementCache(db);
  const indicatorCols =
    'code, activity_type, measure, name_fr, name_rn, name_en, unit, position, active, updated_at, updated_by';
  type IndicatorRow = {
    code: string;
    activity_type: Indicator['activityType'];
    measure: Indicator['measure'];
    name_fr: string;
    name_rn: string;
    name_en: string;
    unit: Indicator['unit'];
    position: number;
    active: number;
    updated_at: string;
    updated_by: string | null;
  };
  const indicators = db.prepare<[], IndicatorRow>(`SELECT ${indicatorCols} FROM indicators ORDER BY position, code`);
  const indicator = db.prepare<[string], IndicatorRow>(`SELECT ${indicatorCols} FROM indicators WHERE code = ?`);
  const upsertIndicator = db.prepare(
    `INSERT INTO indicators (code, activity_type, measure, name_fr, name_rn, name_en, unit, position, active, updated_at, updated_by)
     VALUES (@code, @activityType, @measure, @nameFr, @nameRn, @nameEn, @unit, @position, @active, @updatedAt, @updatedBy)
     ON CONFLICT (code) DO UPDATE SET activity_type = excluded.activity_type, measure = excluded.measure, name_fr = excluded.name_fr,
       name_rn = excluded.name_rn, name_en = excluded.name_en, unit = excluded.unit, position = excluded.position,
       active = excluded.active, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
  );
  const targets = db.prepare<
    [string, string, string],
    { indicator_code: string; quarter: string; area: string; target: number; updated_at: string; updated_by: string }
  >(
    `SELECT indicator_code, quarter, area, target, updated_at, updated_by FROM indicator_targets
     WHERE quarter BETWEEN ? AND ? AND area = ? ORDER BY indicator_code, quarter`,
  );
  const upsertTarget = db.prepare(
    `INSERT INTO indicator_targets (indicator_code, quarter, area, target, updated_at, updated_by)
     VALUES (@indicatorCode, @quarter, @area, @target, @updatedAt, @updatedBy)
     ON CONFLICT (indicator_code, quarter, area) DO UPDATE SET target = excluded.target, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
  );
  const deleteTarget = db.prepare(
    'DELETE FROM indicator_targets WHERE indicator_code = ? AND quarter = ? AND area = ?',
  );
  const toIndicator = (r: IndicatorRow): Indicator => ({
    code: r.code,
    activityType: r.activity_type,
    measure: r.measure,
    name: { fr: r.name_fr, rn: r.name_rn, en: r.name_en },
    unit: r.unit,
    position: r.position,
    active: r.active === 1,
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
  });

  return {
    /** Validated indicator reports summed by quarter, location at `groupBy` (null: no split) and activity type. */
    factAggregates(
      areas: AreaCodes | null,
      fromQuarter: string,
      toQuarter: string,
      groupBy: FactLevel | null,
    ): FactAggregate[] {
      const area = areaCondition(areas, FACT_COLUMNS);
      const where = ["status = 'approved'", 'deleted = 0', 'quarter BETWEEN @from AND @to', ...area.clauses];
      const location = groupBy ?? 'NULL';
      const sql = `SELECT quarter, ${location} AS location, activity_type AS activityType, count(*) AS reports,
          total(sessions) AS sessions, total(households_attending) AS householdsAttending,
          total(participants_men) AS participantsMen, total(participants_women) AS participantsWomen,
          total(participants_batwa) AS participantsBatwa, total(participants_disability) AS participantsDisability,
          total(participants_refugees_returnees) AS participantsRefugeesReturnees,
          total(households_planned) AS householdsPlanned, total(households_paid) AS householdsPaid,
          total(amount_planned) AS amountPlanned, total(amount_paid) AS amountPaid
        FROM indicator_facts WHERE ${where.join(' AND ')}
        GROUP BY quarter, ${groupBy ?? "''"}, activity_type ORDER BY quarter, location, activity_type`;
      return prepared(sql).all({ from: fromQuarter, to: toQuarter, ...area.params }) as FactAggregate[];
    },
    /**
     * Submissions received in the period that the reader may read (domain/read-policy.ts: never a SENSITIVE
     * grievance for HQ or supervisors, never a record kept for its author), counted by day, form, enumerator and
     * current status (one scan of a covering index).
     */
    submissionCounts(
      reads: SubmissionReads,
      from: string,
      to: string,
    ): { day: string; formId: string; enumeratorId: string; status: string; count: number }[] {
      const policy = submissionReadCondition(reads);
      const where = ['received_at >= @from', 'received_at < @to', 'deleted = 0', ...policy.clauses];
      const sql = `SELECT substr(received_at, 1, 10) AS day, form_id AS formId, enumerator_id AS enumeratorId, status, count(*) AS count
        FROM submissions INDEXED BY submissions_received WHERE ${where.join(' AND ')} GROUP BY 1, 2, 3, 4`;
      return prepared(sql).all({ from, to, ...policy.params }) as {
        day: string;
        formId: string;
        enumeratorId: string;
        status: string;
        count: number;
      }[];
    },
    /**
     * Review decisions taken in the period by day and decision, with the delay from first receipt to the
     * decision in whole hours (for percentiles) and its exact total.
     */
    reviewDelays(
      collines: CollineSet,
      from: string,
      to: string,
    ): { day: string; decision: string; hour: number; count: number; hours: number }[] {
      const area = areaCondition(collineCodes(collines), REVIEWED_COLUMNS);
      const where = ['at >= @from', 'at < @to', ...area.clauses];
      const delay = '(julianday(at) - julianday(received_at)) * 24';
      const sql = `SELECT substr(at, 1, 10) AS day, decision, CAST(${delay} AS INTEGER) AS hour, count(*) AS count, total(${delay}) AS hours
        FROM review_facts INDEXED BY review_facts_at WHERE ${where.join(' AND ')} GROUP BY 1, 2, 3`;
      return prepared(sql).all({ from, to, ...area.params }) as {
        day: string;
        decision: string;
        hour: number;
        count: number;
        hours: number;
      }[];
    },
    /** Tickets received in the period by category and status, with how many are overdue now; SENSITIVE ones only when asked. */
    ticketCounts(
      areas: AreaCodes | null,
      from: string,
      to: string,
      now: string,
      includeSensitive: boolean,
    ): { category: string | null; status: string; count: number; overdue: number }[] {
      const area = areaCondition(areas, TICKET_COLUMNS);
      const where = [
        'received_at >= @from',
        'received_at < @to',
        ...area.clauses,
        ...(includeSensitive ? [] : ['sensitive = 0']),
      ];
      const params: Record<string, unknown> = { from, to, now, ...area.params };
      const sql = `SELECT category, status, count(*) AS count, sum(due_at < @now AND status NOT IN ('RESOLVED', 'CLOSED')) AS overdue
        FROM grievance_tickets WHERE ${where.join(' AND ')} GROUP BY category, status`;
      return prepared(sql).all(params) as { category: string | null; status: string; count: number; overdue: number }[];
    },
    indicators: (): Indicator[] => indicators.all().map(toIndicator),
    indicator: (code: string) => {
      const row = indicator.get(code);
      return row ? toIndicator(row) : null;
    },
    saveIndicator: (i: Indicator) =>
      upsertIndicator.run({
        code: i.code,
        activityType: i.activityType,
        measure: i.measure,
        nameFr: i.name.fr,
        nameRn: i.name.rn,
        nameEn: i.name.en,
        unit: i.unit,
        position: i.position,
        active: i.active ? 1 : 0,
        updatedAt: i.updatedAt,
        updatedBy: i.updatedBy,
      }),
    targets: (fromQuarter: string, toQuarter: string, area: string): TargetRecord[] =>
      targets.all(fromQuarter, toQuarter, area).map((r) => ({
        indicatorCode: r.indicator_code,
        quarter: r.quarter,
        area: r.area,
        target: r.target,
        updatedAt: r.updated_at,
        updatedBy: r.updated_by,
      })),
    saveTarget: (t: TargetRecord) => upsertTarget.run(t),
    deleteTarget: (indicatorCode: string, quarter: string, area: string) =>
      deleteTarget.run(indicatorCode, quarter, area).changes > 0,
  };
}
