import { createReadStream } from 'node:fs';

/**
 * The records of a Kobo API v2 data export (`{"count": …, "results": [{…}, …]}`, or a bare array of
 * records), read one at a time from the file: a national export does not have to fit in memory.
 * Each record is parsed on its own; a malformed file is reported with the byte offset where it broke.
 */
export async function* koboRecords(file: string): AsyncGenerator<Record<string, unknown>> {
  const QUOTE = 34;
  const BACKSLASH = 92;
  let depth = 0;
  let inString = false;
  let escaped = false;
  /** Depth of the results array's elements once found (0 while looking for it). */
  let elementDepth = 0;
  let topKey = '';
  let keyStart = -1;
  let keyPrefix = '';
  let expectResults = false;
  let pieces: string[] = [];
  let inElement = false;
  let offset = 0;
  let records = 0;

  for await (const chunk of createReadStream(file, {
    encoding: 'utf8',
    highWaterMark: 1 << 20,
  }) as AsyncIterable<string>) {
    let start = inElement ? 0 : -1;
    for (let i = 0; i < chunk.length; i += 1) {
      const c = chunk.charCodeAt(i);
      if (inString) {
        if (escaped) escaped = false;
        else if (c === BACKSLASH) escaped = true;
        else if (c === QUOTE) {
          inString = false;
          if (keyStart >= 0) {
            topKey = keyPrefix + chunk.slice(keyStart, i);
            keyStart = -1;
            keyPrefix = '';
          }
        }
        continue;
      }
      if (elementDepth > 0 && depth === elementDepth && !inElement && c !== 123 && c !== 93) {
        // Between records: only commas and white space, then "{" (a record) or "]" (the end).
        if (c === 44 || c === 32 || c === 10 || c === 13 || c === 9) continue;
        throw new Error(
          `Kobo export: record #${records + 1} is not an object (at byte ${offset + i}); the export holds records as JSON objects.`,
        );
      }
      if (c === QUOTE) {
        inString = true;
        // A key of the top-level object (short keys only: "results", "count"…).
        if (depth === 1 && elementDepth === 0 && !inElement) keyStart = i + 1;
        continue;
      }
      if (c === 58 /* : */ && depth === 1 && elementDepth === 0) {
        expectResults = topKey === 'results';
        continue;
      }
      if (c === 123 /* { */ || c === 91 /* [ */) {
        if (depth === 0 && c === 91) elementDepth = 1;
        else if (depth === 1 && c === 91 && expectResults) elementDepth = 2;
        depth += 1;
        if (elementDepth > 0 && depth === elementDepth + 1 && !inElement) {
          if (c !== 123)
            throw new Error(`Kobo export: record #${records + 1} is not an object (at byte ${offset + i}).`);
          inElement = true;
          start = i;
        }
        continue;
      }
      if (c === 125 /* } */ || c === 93 /* ] */) {
        depth -= 1;
        if (depth < 0) throw new Error(`Kobo export: unbalanced brackets at byte ${offset + i}.`);
        if (inElement && depth === elementDepth) {
          pieces.push(chunk.slice(start, i + 1));
          const text = pieces.join('');
          pieces = [];
          inElement = false;
          start = -1;
          let record: unknown;
          try {
            record = JSON.parse(text);
          } catch (error) {
            throw new Error(
              `Kobo export: a record is not valid JSON (ending at byte ${offset + i}): ${(error as Error).message}`,
              {
                cause: error,
              },
            );
          }
          records += 1;
          yield record as Record<string, unknown>;
        } else if (elementDepth > 0 && depth === elementDepth - 1) {
          elementDepth = -1; // the results array is closed; ignore the rest
        }
        continue;
      }
    }
    if (inElement) pieces.push(chunk.slice(start));
    if (keyStart >= 0) {
      // A top-level key split across two chunks.
      keyPrefix += chunk.slice(keyStart);
      keyStart = 0;
    }
    offset += chunk.length;
  }
  if (depth !== 0 || inString)
    throw new Error(
      `Kobo export: the file ends in the middle of the data after ${records} complete record(s) (truncated?).`,
    );
  if (elementDepth === 0)
    throw new Error('Kobo export: no "results" array found (expected the JSON of the Kobo API v2 data endpoint).');
}
