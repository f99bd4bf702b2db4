import { selectedNames } from '../values.js';
import type { FunctionTable } from './types.js';

export const SELECT_FUNCTIONS: FunctionTable = {
  selected: (ev, { args }) => selectedNames(ev.value(args[0]!)).includes(ev.text(args[1]!).trim()),
  'selected-at': (ev, { args }) => {
    const index = ev.number(args[1]!);
    if (!Number.isInteger(index) || index < 0) return '';
    return selectedNames(ev.value(args[0]!))[index] ?? '';
  },
  'count-selected': (ev, { args }) => selectedNames(ev.value(args[0]!)).length,
  'jr:choice-name': (ev, { args }) => ev.ctx.choiceLabel(args[1]!, ev.text(args[0]!)),
  'jr:itext': () => '',
};
