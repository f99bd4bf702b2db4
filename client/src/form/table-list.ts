import { createContext } from 'react';

/** Whether the selects of a group are the rows of a table (`table-list`): buttons only, choices as the header. */
export const TableListContext = createContext(false);
