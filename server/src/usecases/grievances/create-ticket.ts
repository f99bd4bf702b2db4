import type { Submission } from '@kusanya/schemas';
import { dueDate, SENSITIVE_CATEGORIES, SPECIAL_CATEGORIES } from '@kusanya/shared/grievance/rules';
import { newId } from '../../domain/ids.js';
import { normalizeNationalId } from '../../domain/registry/normalize.js';
import type { LocationTree } from '../../domain/scope.js';
import type { GrievancesRepository } from '../../repositories/grievances.js';

export const GRIEVANCE_FORM_ID = 'grievance';

const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);

/** Ticket code: GRV-<year>-<6-digit sequence>, unique and readable over the phone. */
export function ticketCode(year: number, sequence: number): string {
  return `GRV-${year}-${String(sequence).padStart(6, '0')}`;
}

/**
 * A grievance becomes a ticket at once (status RECEIVED; DESIGN.md §2, §4), with its due date from the
 * category's SLA and its SENSITIVE/SPECIAL flags. Idempotent: a submission has at most one ticket.
 */
export function createTicket(
  deps: { grievances: GrievancesRepository; locations: () => LocationTree },
  doc: Submission,
  receivedAt: Date,
): { id: string; code: string } {
  const existing = deps.grievances.bySubmission(doc.id);
  if (existing) return existing;
  const d = doc.data;
  const tree = deps.locations();
  const category = text(d['category']);
  const ticket = {
    id: newId(),
    code: ticketCode(receivedAt.getUTCFullYear(), deps.grievances.nextSequence(receivedAt.getUTCFullYear())),
    submissionId: doc.id,
    status: 'RECEIVED' as const,
    caseType: text(d['case_type']) ?? 'COMPLAINT',
    category,
    subcategory: text(d['subcategory']),
    sensitive: category !== null && SENSITIVE_CATEGORIES.has(category),
    special: category !== null && SPECIAL_CATEGORIES.has(category),
    channel: text(d['channel']),
    anonymous: d['anonymous'] === 'yes',
    area: doc.meta.area,
    commune: tree.ancestor(doc.meta.area, 'commune') ?? '',
    province: tree.ancestor(doc.meta.area, 'province') ?? '',
    description: text(d['description']),
    incidentDate: text(d['incident_date']),
    receivedAt: receivedAt.toISOString(),
    dueAt: dueDate(receivedAt, category).toISOString(),
    assignedTo: null,
    version: 1,
    updatedAt: receivedAt.toISOString(),
    householdCode: text(d['household_code'])?.trim().toUpperCase() || null,
    reporterIdNorm: normalizeNationalId(text(d['reporter_id'])),
  };
  deps.grievances.insert(ticket);
  return { id: ticket.id, code: ticket.code };
}
