export * from './schemas/common.js';
export * from './schemas/submission.js';
export * from './schemas/sync.js';
export * from './schemas/auth.js';
export * from './schemas/form-definition.js';
export * from './schemas/draft.js';
export * from './schemas/household.js';
export * from './registry.js';
export type * from './generated/types.js';
