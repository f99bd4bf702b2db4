// The server's V8 heap limit, shared by `npm start` and the benchmarks that start the server.
// Without a limit V8 sizes its heap from the machine's memory and lets garbage pile up to gigabytes during a
// large streamed export before collecting it; with one, it collects as it goes (memory stays flat, and the
// export is no slower). SERVER_HEAP_MB raises it for unusual loads.

/** NODE_OPTIONS for the server process, keeping any options already set. */
export function serverNodeOptions(env = process.env) {
  const heapMb = Number(env.SERVER_HEAP_MB ?? 512);
  if (!Number.isInteger(heapMb) || heapMb < 128)
    throw new Error(`SERVER_HEAP_MB must be a whole number of megabytes, at least 128 (got "${env.SERVER_HEAP_MB}")`);
  return [env.NODE_OPTIONS ?? '', `--max-old-space-size=${heapMb}`].join(' ').trim();
}
