/**
 * The form engine's public API, in one import: `@kusanya/shared/form/engine`.
 *
 * - `compileForm(definition)` once per published form version (keep the result);
 * - `createFormSession(form, { data?, language, today? })` to fill a form in the client;
 * - `validateAnswers(form, data, language, { today? })` on the device before finalising and on
 *   the server for every pushed submission.
 *
 * Answer values: see `answers.ts`. Paths: see `paths.ts`. Expressions: `../expr/`.
 */
export { compileForm, tryCompileForm, type TryCompileResult } from './compile.js';
export { FormCompileError, type FormProblem, type FormProperty } from './problems.js';
export type { CompiledForm, CompiledNode, NodeType } from './model.js';
export { createFormSession, FormSession, type ChangeListener, type SessionOptions } from './session.js';
export type { ChoiceOption, NodeState } from './node-state.js';
export { validateAnswers, type ValidateOptions, type ValidationResult } from './validate.js';
export { cloneAnswers, normalizeAnswer, type Answer, type Geopoint } from './answers.js';
export { MESSAGE_LANGUAGES, messageText, type Message, type MessageKey, type MessageLanguage } from './messages.js';
export { rangeOf } from './rules.js';
export { joinPath, parsePath, type ParsedPath, type PathStep } from './paths.js';
