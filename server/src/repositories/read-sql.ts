import type { SubmissionReads } from '../domain/read-policy.js';

/** The columns of a submissions row that the read policy looks at (a table alias may prefix them). */
export interface SubmissionColumns {
  area: string;
  formId: string;
  confidential: string;
  authorOnly: string;
}

export const submissionColumns = (alias = ''): SubmissionColumns => {
  const p = alias ? `${alias}.` : '';
  return {
    area: `${p}area`,
    formId: `${p}form_id`,
    confidential: `${p}confidential`,
    authorOnly: `${p}author_only`,
  };
};

/**
 * The read policy of submissions (domain/read-policy.ts) as SQL: the clauses to AND into a query and their named
 * parameters. Records kept for their author only never pass; confidential ones only when the policy says so.
 */
export function submissionReadCondition(
  reads: SubmissionReads,
  columns: SubmissionColumns = submissionColumns(),
  prefix = 'reads',
): { clauses: string[]; params: Record<string, string> } {
  const clauses = [`${columns.authorOnly} = 0`];
  const params: Record<string, string> = {};
  if (reads.collines !== null) {
    clauses.push(`${columns.area} IN (SELECT value FROM json_each(@${prefix}_collines))`);
    params[`${prefix}_collines`] = JSON.stringify(reads.collines);
  }
  if (reads.forms !== null) {
    clauses.push(`${columns.formId} IN (SELECT value FROM json_each(@${prefix}_forms))`);
    params[`${prefix}_forms`] = JSON.stringify(reads.forms);
  }
  if (!reads.confidential) clauses.push(`${columns.confidential} = 0`);
  return { clauses, params };
}
