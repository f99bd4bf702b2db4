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
import {
  bulkApproveRequestSchema,
  bulkApproveResponseSchema,
  candidateDecisionRequestSchema,
  decisionRequestSchema,
  decisionResponseSchema,
  duplicateCandidateSchema,
  reviewQueueItemSchema,
  reviewQueueQuerySchema,
  reviewQueueResponseSchema,
  submissionReviewSchema,
  teamResponseSchema,
} from './schemas/review.js';
import {
  fieldLabelSchema,
  formLabelsSchema,
  householdPageSchema,
  locationChildrenQuerySchema,
  locationListSchema,
  registryHitSchema,
  registrySearchQuerySchema,
  registrySearchResponseSchema,
} from './schemas/hq-registry.js';
import {
  grievanceMetaSchema,
  ticketAssignRequestSchema,
  ticketAttachmentSchema,
  ticketCommentRequestSchema,
  ticketDetailSchema,
  ticketListQuerySchema,
  ticketListResponseSchema,
  ticketStatusRequestSchema,
  ticketSummarySchema,
} from './schemas/hq-grievances.js';
import {
  indicatorDashboardQuerySchema,
  indicatorDashboardSchema,
  indicatorListSchema,
  indicatorSaveRequestSchema,
  indicatorSchema,
  operationsDashboardQuerySchema,
  operationsDashboardSchema,
  targetListSchema,
  targetsQuerySchema,
  targetsSaveRequestSchema,
} from './schemas/hq-monitoring.js';
import { exportProgressSchema, exportQuerySchema } from './schemas/hq-exports.js';

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
  reviewQueueQuerySchema,
  reviewQueueItemSchema,
  reviewQueueResponseSchema,
  decisionRequestSchema,
  decisionResponseSchema,
  candidateDecisionRequestSchema,
  duplicateCandidateSchema,
  submissionReviewSchema,
  bulkApproveRequestSchema,
  bulkApproveResponseSchema,
  teamResponseSchema,
  // HQ (issue 6): registry browser, grievance cases, dashboards, exports
  registrySearchQuerySchema,
  registryHitSchema,
  registrySearchResponseSchema,
  fieldLabelSchema,
  formLabelsSchema,
  householdPageSchema,
  locationChildrenQuerySchema,
  locationListSchema,
  ticketListQuerySchema,
  ticketSummarySchema,
  ticketListResponseSchema,
  ticketAttachmentSchema,
  ticketDetailSchema,
  ticketStatusRequestSchema,
  ticketAssignRequestSchema,
  ticketCommentRequestSchema,
  grievanceMetaSchema,
  indicatorDashboardQuerySchema,
  indicatorDashboardSchema,
  operationsDashboardQuerySchema,
  operationsDashboardSchema,
  indicatorSchema,
  indicatorSaveRequestSchema,
  indicatorListSchema,
  targetsQuerySchema,
  targetListSchema,
  targetsSaveRequestSchema,
  exportQuerySchema,
  exportProgressSchema,
] as const;

/** Schemas that get a precompiled (CSP-safe) validator for the browser, keyed by export name. */
export const precompiledValidators = {
  validateSubmission: submissionSchema.$id,
  validateFormDefinition: formDefinitionSchema.$id,
  validateFormDoc: formDocSchema.$id,
  validateHouseholdDoc: householdDocSchema.$id,
  validateLoginResponse: loginResponseSchema.$id,
} as const;
