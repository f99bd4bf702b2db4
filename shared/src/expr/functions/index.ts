import { BOOLEAN_FUNCTIONS } from './booleans.js';
import { DATETIME_FUNCTIONS } from './datetime.js';
import { GEO_FUNCTIONS } from './geo.js';
import { MISC_FUNCTIONS } from './misc.js';
import { NODESET_FUNCTIONS } from './nodesets.js';
import { NUMBER_FUNCTIONS } from './numbers.js';
import { SELECT_FUNCTIONS } from './selects.js';
import { STRING_FUNCTIONS } from './strings.js';
import type { FunctionImpl } from './types.js';

/** Every function's behaviour, by name (the names and arities are listed in `../functions.ts`). */
export const FUNCTION_IMPLEMENTATIONS: ReadonlyMap<string, FunctionImpl> = new Map(
  Object.entries({
    ...STRING_FUNCTIONS,
    ...BOOLEAN_FUNCTIONS,
    ...NUMBER_FUNCTIONS,
    ...NODESET_FUNCTIONS,
    ...DATETIME_FUNCTIONS,
    ...SELECT_FUNCTIONS,
    ...GEO_FUNCTIONS,
    ...MISC_FUNCTIONS,
  }),
);
