/** NODE_OPTIONS for the server process (`--max-old-space-size` from SERVER_HEAP_MB, default 512), keeping any already set. */
export function serverNodeOptions(env?: NodeJS.ProcessEnv): string;
