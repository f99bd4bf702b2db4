import { walkScreens } from '../support/screen-walk.js';

/** The screen walk of the field roles (support/screen-walk.ts): the enumerator's tablet and the supervisor's screens. */
walkScreens(['enumerator', 'supervisor']);
