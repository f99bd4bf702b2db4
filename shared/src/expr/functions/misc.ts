import type { FunctionTable } from './types.js';

export const MISC_FUNCTIONS: FunctionTable = {
  'indexed-repeat': (ev, call) => {
    const indexes: number[] = [];
    for (let i = 2; i < call.args.length; i += 2) indexes.push(ev.number(call.args[i]!));
    return ev.ctx.indexedRepeat(call, indexes);
  },
  version: (ev) => ev.ctx.version(),
  property: (ev, { args }) => ev.ctx.property(ev.text(args[0]!)),
};
