import { allSchemas } from '@kusanya/schemas';
import { Ajv, type Options } from 'ajv';
import type { FastifyInstance } from 'fastify';

/**
 * Request validation with the shared schemas. Bodies are validated strictly, exactly as the
 * device's precompiled validators do (no coercion, unknown properties refused rather than
 * silently stripped); query strings and params are coerced from text.
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
  app.setValidatorCompiler(({ schema, httpPart }) =>
    (httpPart === 'body' ? strict : coercing).compile(schema as object),
  );
}
