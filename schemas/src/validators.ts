/**
 * Precompiled (CSP-safe) validators for the browser and for code that must not depend on Fastify.
 * The server validates requests with the same schemas through Fastify's Ajv.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import * as compiled from './generated/validators.js';
import type { FieldError, MediaRef } from './generated/types.js';

export type Checked<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/** Ajv errors as `{path, message}` with a dotted path (`meta.area`, `errors[0].path`). */
export function toFieldErrors(errors: readonly ErrorObject[] | null | undefined): FieldError[] {
  return (errors ?? []).map((e) => {
    const segments = e.instancePath
      .split('/')
      .slice(1)
      .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    const missing = e.keyword === 'required' ? [String(e.params['missingProperty'])] : [];
    const path = [...segments, ...missing].reduce(
      (acc, seg) => (/^\d+$/.test(seg) ? `${acc}[${seg}]` : acc ? `${acc}.${seg}` : seg),
      '',
    );
    return { path, message: e.message ?? 'is invalid' };
  });
}

function checker<T>(validate: ValidateFunction<T>) {
  return (value: unknown): Checked<T> =>
    validate(value) ? { ok: true, value } : { ok: false, errors: toFieldErrors(validate.errors) };
}

export const checkSubmission = checker(compiled.validateSubmission);
export const checkFormDefinition = checker(compiled.validateFormDefinition);
export const checkFormDoc = checker(compiled.validateFormDoc);
export const checkHouseholdDoc = checker(compiled.validateHouseholdDoc);
export const checkLoginResponse = checker(compiled.validateLoginResponse);
export const checkDeviceExport = checker(compiled.validateDeviceExport);
export const checkKoboMapping = checker(compiled.validateKoboMapping);
export const checkMediaRef = checker(compiled.validateMediaRef);
/** Whether a value is a media reference (the answer of a photo, signature, recording or file question). */
export const isMediaRef = (value: unknown): value is MediaRef => compiled.validateMediaRef(value) as boolean;
