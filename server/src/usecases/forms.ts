import type { FormDefinition } from '@kusanya/schemas';
import { checkFormDefinition } from '@kusanya/schemas/validators';
import { canonicalJson } from '@kusanya/shared/sync/protocol';
import { AppError } from '../errors.js';
import type { FormsRepository } from '../repositories/forms.js';

export type PublishOutcome = 'published' | 'unchanged';

/** A form media file to store with a version: its bytes, by the SHA-256 the definition lists. */
export interface MediaContent {
  readonly sha256: string;
  readonly content: Buffer;
}

/**
 * Publishes a form version. Published versions are immutable: publishing the same version again with the
 * same content is a no-op; with different content it is refused (bump the version instead). The files the
 * definition lists (`media`) must come with it, unless the server has them already.
 */
export function publishForm(
  forms: FormsRepository,
  input: unknown,
  media: readonly MediaContent[] = [],
): PublishOutcome {
  const checked = checkFormDefinition(input);
  if (!checked.ok) throw new AppError('validation-failed', 'The form definition is not valid.', checked.errors);
  const definition: FormDefinition = checked.value;
  const existing = forms.get(definition.formId, definition.version);
  if (existing) {
    if (canonicalJson(existing.definition) === canonicalJson(definition)) return 'unchanged';
    throw new AppError(
      'already-exists',
      `Version ${definition.version} of form "${definition.formId}" is already published with other content; give the new one a new version.`,
    );
  }
  const given = new Map(media.map((m) => [m.sha256, m.content]));
  const missing = (definition.media ?? []).filter((f) => !given.has(f.sha256) && !forms.hasMedia(f.sha256));
  if (missing.length > 0) {
    throw new AppError(
      'validation-failed',
      `The files ${missing.map((f) => f.name).join(', ')} of the form are not attached; nothing was published.`,
      missing.map((f) => ({
        sheet: '',
        row: 0,
        column: f.name,
        message: `the form media file '${f.name}' is missing`,
      })),
    );
  }
  forms.insertPublished(
    definition,
    new Date().toISOString(),
    [...given].map(([sha256, content]) => ({ sha256, content })),
  );
  return 'published';
}

/** Retires a published version (see FormsRepository.retire); 404 for an unknown one, no-op if already retired. */
export function retireForm(forms: FormsRepository, formId: string, version: string): 'retired' | 'unchanged' {
  const existing = forms.get(formId, version);
  if (!existing) throw new AppError('not-found', `Form "${formId}" has no version ${version}.`);
  if (existing.status === 'retired') return 'unchanged';
  forms.retire(formId, version);
  return 'retired';
}
