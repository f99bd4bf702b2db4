import type { Call } from '../ast.js';
import type { Interpreter } from '../evaluate.js';
import type { Value } from '../values.js';

/** One function of the library: its arguments are evaluated by the implementation itself (if() is lazy). */
export type FunctionImpl = (ev: Interpreter, call: Call) => Value;

export type FunctionTable = Readonly<Record<string, FunctionImpl>>;
