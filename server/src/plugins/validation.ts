import { allSchemas } from '@kusanya/schemas';
import { Ajv, type ErrorObject, type Options, type ValidateFunction } from 'ajv';
import type { FastifyInstance } from 'fastify';

/** A number as a query string or path may carry it: digits, optionally signed and with decimals. */
const DIGITS = /^-?\d+(\.\d+)?$/;

type SchemaNode = { $ref?: string; type?: string | string[]; properties?: Record<string, SchemaNode> };

/** The properties of a query or params schema that hold numbers (after resolving a top-level `$ref`). */
function numericKeys(ajv: Ajv, schema: SchemaNode): string[] {
  const resolved = (schema.$ref ? (ajv.getSchema(schema.$ref)?.schema as SchemaNode | undefined) : schema) ?? {};
  const isNumeric = (s: SchemaNode) => [s.type].flat().some((t) => t === 'integer' || t === 'number');
  return Object.entries(resolved.properties ?? {})
    .filter(([, s]) => isNumeric(s))
    .map(([key]) => key);
}

/**
 * Ajv coerces text loosely (`" "` → 0, `"0x10"` → 16, `"1e3"` → 1000): a number in a query string or a
 * path must be written in plain digits, or the request is refused like any other invalid value.
 */
function digitsOnly(validate: ValidateFunction, keys: readonly string[]) {
  const check = (data: unknown): boolean => {
    const values = (data ?? {}) as Record<string, unknown>;
    const errors: ErrorObject[] = keys
      .filter((key) => typeof values[key] === 'string' && !DIGITS.test(values[key] as string))
      .map((key) => ({
        instancePath: `/${key}`,
        schemaPath: '#/digits',
        keyword: 'type',
        params: {},
        message: 'must be a number written in digits',
      }));
    if (errors.length > 0) {
      check.errors = errors;
      return false;
    }
    const ok = validate(data) as boolean;
    check.errors = validate.errors ?? null;
    return ok;
  };
  check.errors = null as ErrorObject[] | null;
  return check;
}

/**
 * Request validation with the shared schemas. Bodies are validated strictly, exactly as the
 * device's precompiled validators do (no coercion, unknown properties refused rather than
 * silently stripped); query strings and params are coerced from text, numbers only from digits.
 */
export function installValidation(app: FastifyInstance): void {
  const make = (options: Options) => {
    const ajv = new Ajv({ allErrors: true, allowUnionTypes: true, strict: false, ...options });
    for (const schema of allSchemas) ajv.addSchema(schema);
    return ajv;
  };
  const strict = make({ coerceTypes: false, useDefaults: false, removeAdditional: false });
  const coercing = make({ coerceTypes: 'array', useDefaults: true, removeAdditional: false });
  for (const schema of allSchemas) app.addSchema(schema);
  app.setValidatorCompiler(({ schema, httpPart }) => {
    if (httpPart === 'body') return strict.compile(schema as object);
    const keys = numericKeys(coercing, schema as SchemaNode);
    const validate = coercing.compile(schema as object);
    return keys.length > 0 ? digitsOnly(validate, keys) : validate;
  });
}
