import type { FormDefinition } from '@kusanya/schemas';
import type { XlsformProblem } from '@kusanya/shared/xlsform/types';
import { AppError } from '../errors.js';
import type { FormsRepository } from '../repositories/forms.js';
import { importXlsform } from '../xlsform/read-xlsx.js';
import { publishForm, type PublishOutcome } from './forms.js';

export interface FormImportReport {
  definition: FormDefinition;
  warnings: readonly XlsformProblem[];
  /** null when only checked (not published). */
  outcome: PublishOutcome | null;
}

/** "survey row 12, column relevant: unknown field ${agee}" */
export function describeXlsformProblem(p: XlsformProblem): string {
  const where = [p.sheet, p.row ? `row ${p.row}` : '', p.column ? `column ${p.column}` : ''].filter(Boolean).join(' ');
  return where ? `${where}: ${p.message}` : p.message;
}

/**
 * Imports an XLSForm workbook: converts it (every problem reported with sheet, row and column, nothing
 * half-imported) and, when asked, publishes it as a new immutable version.
 */
export async function importFormWorkbook(
  forms: FormsRepository,
  buffer: Buffer,
  options: { publish: boolean },
): Promise<FormImportReport> {
  const result = await importXlsform(buffer);
  if (!result.ok) {
    throw new AppError(
      'validation-failed',
      `The XLSForm has ${result.problems.length} problem(s); nothing was imported.`,
      [...result.problems],
    );
  }
  return {
    definition: result.definition,
    warnings: result.warnings,
    outcome: options.publish ? publishForm(forms, result.definition) : null,
  };
}
