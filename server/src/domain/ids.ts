import { v7 } from 'uuid';

/** UUIDv7 for records created on the server (users, sessions). Devices create their own. */
export const newId = (): string => v7();
