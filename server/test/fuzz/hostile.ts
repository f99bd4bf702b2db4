/** Building blocks of hostile request bodies, as fast-check arbitraries. */
import fc from 'fast-check';

const isJson = (text: string) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

/** Text that is not JSON: truncated, trailing garbage, single quotes, lone brackets. */
export const malformedJson = fc
  .oneof(
    fc.json().map((j) => `${j.slice(0, Math.max(0, j.length - 1))}§`),
    fc.json().map((j) => `${j},`),
    fc.string({ maxLength: 40 }).map((s) => `{"${s}`),
    fc.constantFrom(
      '{',
      '[',
      '{"a":}',
      '[1,]',
      'nul',
      'true false',
      "{'username':'x'}",
      '{"a":1}}',
      ' ',
      '\u0000',
      'NaN',
      '[1 2]',
      '{"a" 1}',
    ),
  )
  .filter((text) => !isJson(text));

/** JSON values of every type, for "wrong type" cases (the caller picks those that are wrong where used). */
export const anyJsonValue = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string({ maxLength: 20 }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 2 }),
);

/** A JSON value that is not an object (wrong type where an object is expected). */
export const notAnObject = anyJsonValue.filter((v) => v === null || typeof v !== 'object' || Array.isArray(v));
/** A JSON value that is not a string. */
export const notAString = anyJsonValue.filter((v) => typeof v !== 'string');

/** Nesting deeper than the server accepts, as arrays or objects. */
export const deepNesting = fc
  .tuple(fc.integer({ min: 65, max: 20_000 }), fc.boolean())
  .map(([depth, arrays]) =>
    arrays ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`,
  );

/** Inserts a prototype-poisoning key into a JSON object text at its top level or one level down. */
export const withPoisonKey = (json: string) =>
  fc
    .constantFrom('"__proto__":{"isAdmin":true}', '"constructor":{"prototype":{"isAdmin":true}}')
    .map((key) => json.replace(/^\s*([[{])\s*/, (m, open: string) => (open === '{' ? `{${key},` : `[{${key}},`)));

/** Bytes that are not UTF-8 (0xFF and 0xFE never occur in UTF-8; a lead byte without continuation). */
export const invalidUtf8 = fc
  .tuple(
    fc.string({ maxLength: 30 }),
    fc.constantFrom(
      [0xff],
      [0xfe, 0xff],
      [0xc3, 0x28],
      [0xe2, 0x28, 0xa1],
      [0xf0, 0x28, 0x8c, 0x28],
      [0xed, 0xa0, 0x80],
    ),
    fc.string({ maxLength: 30 }),
  )
  .map(([a, bad, b]) => Buffer.concat([Buffer.from(`{"x":"${a}`), Buffer.from(bad), Buffer.from(`${b}"}`)]));

/** A string of `bytes` bytes (built once per size). */
const bigStrings = new Map<number, string>();
export const bigString = (bytes: number) => {
  if (!bigStrings.has(bytes)) bigStrings.set(bytes, 'x'.repeat(bytes));
  return bigStrings.get(bytes)!;
};
