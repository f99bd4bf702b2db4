import { walkScreens } from '../support/screen-walk.js';

/** The screen walk of the office roles (support/screen-walk.ts): grievance officer, HQ and administrator. */
walkScreens(['grievance', 'hq', 'admin']);
