import type { FormNode } from '@kusanya/schemas';

/** The part of a definition a problem is about (a FormNode property, or a form-level setting). */
export type FormProperty = keyof FormNode | 'areaField' | 'instanceName' | 'fields';

/** Something wrong with a form definition, found while compiling it. */
export interface FormProblem {
  /** The question, group or repeat concerned (absent for form-level problems). */
  readonly node?: string;
  readonly property?: FormProperty;
  /** For a problem in a translated text (label, hint, messages). */
  readonly language?: string;
  readonly message: string;
}

export class FormCompileError extends Error {
  constructor(readonly problems: readonly FormProblem[]) {
    super(
      `the form definition has ${problems.length} problem${problems.length === 1 ? '' : 's'}: ` +
        problems
          .slice(0, 5)
          .map((p) => (p.node ? `${p.node}${p.property ? `.${p.property}` : ''}: ${p.message}` : p.message))
          .join('; '),
    );
    this.name = 'FormCompileError';
  }
}
