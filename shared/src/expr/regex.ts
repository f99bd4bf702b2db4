import { RE2JS } from 're2js';

/**
 * `regex(value, pattern)` with a linear-time engine (RE2, through re2js: pure JavaScript, the same on
 * the device and the server, no WebAssembly, so nothing to add to the app's CSP).
 *
 * JavaScript's own regular expressions backtrack: `([a-z]+)+` against 31 characters took 9.3 s per
 * push on the server and blocked every other push (issue 12, finding 5). RE2 runs in time linear in
 * the length of the value whatever the pattern. The price: no backreferences and no lookahead, which
 * RE2 refuses when the pattern is compiled (the importer reports it at the cell; a pattern computed
 * at run time shows as an invalid pattern on its question).
 *
 * ODK Collect matches the whole value (Java's `Pattern.matches`), and so does this.
 */

export type CompiledRegex = { readonly ok: true; readonly re: RE2JS } | { readonly ok: false; readonly why: string };

/** Compiled patterns, keyed by pattern text (owned by the caller, e.g. one per compiled expression). */
export type RegexCache = Map<string, CompiledRegex>;

export function compileRegex(pattern: string): CompiledRegex {
  try {
    return { ok: true, re: RE2JS.compile(pattern) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, why: message.replace(/^error parsing regexp: /, '') };
  }
}

export function cachedRegex(cache: RegexCache, pattern: string): CompiledRegex {
  let compiled = cache.get(pattern);
  if (!compiled) {
    compiled = compileRegex(pattern);
    cache.set(pattern, compiled);
  }
  return compiled;
}

/** Whether `value` as a whole matches. */
export function regexMatches(compiled: Extract<CompiledRegex, { ok: true }>, value: string): boolean {
  return compiled.re.matches(value);
}
