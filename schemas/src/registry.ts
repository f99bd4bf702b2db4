import { errorBodySchema } from './schemas/common.js';
import { fieldErrorSchema, submissionSchema } from './schemas/submission.js';
import {
  checkpointSchema,
  formsPullResponseSchema,
  householdsPullResponseSchema,
  pullQuerySchema,
  submissionPushBodySchema,
  submissionPushResponseSchema,
  submissionPushRowSchema,
  submissionsPullResponseSchema,
} from './schemas/sync.js';
import { loginRequestSchema, loginResponseSchema, meResponseSchema, userSchema } from './schemas/auth.js';
import {
  choiceSchema,
  formDefinitionSchema,
  formDocSchema,
  formNodeSchema,
  localizedTextSchema,
} from './schemas/form-definition.js';
import { draftSchema } from './schemas/draft.js';
import { householdDocSchema } from './schemas/household.js';
import { deviceExportSchema, deviceImportReportSchema } from './schemas/device-export.js';

/**
 * Every schema with an `$id`. The server registers them all with Fastify; the generator
 * turns them into TypeScript types and precompiled validators.
 */
export const allSchemas = [
  errorBodySchema,
  fieldErrorSchema,
  submissionSchema,
  pullQuerySchema,
  checkpointSchema,
  submissionsPullResponseSchema,
  formsPullResponseSchema,
  householdsPullResponseSchema,
  submissionPushRowSchema,
  submissionPushBodySchema,
  submissionPushResponseSchema,
  userSchema,
  loginRequestSchema,
  loginResponseSchema,
  meResponseSchema,
  localizedTextSchema,
  formNodeSchema,
  choiceSchema,
  formDefinitionSchema,
  formDocSchema,
  draftSchema,
  householdDocSchema,
  deviceExportSchema,
  deviceImportReportSchema,
] as const;

/** Schemas that get a precompiled (CSP-safe) validator for the browser, keyed by export name. */
export const precompiledValidators = {
  validateSubmission: submissionSchema.$id,
  validateFormDefinition: formDefinitionSchema.$id,
  validateFormDoc: formDocSchema.$id,
  validateHouseholdDoc: householdDocSchema.$id,
  validateLoginResponse: loginResponseSchema.$id,
  validateDeviceExport: deviceExportSchema.$id,
} as const;
