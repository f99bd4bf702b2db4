export * from './schemas.js';
export * from './registry.js';
export * from './contract/index.js';
export type * from './generated/types.js';
