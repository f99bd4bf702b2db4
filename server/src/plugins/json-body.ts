import type { FastifyInstance } from 'fastify';
import sjson from 'secure-json-parse';
import { AppError } from '../errors.js';

/** Deepest nesting of arrays and objects a JSON body may have (a form with repeats in groups needs < 12). */
export const MAX_JSON_DEPTH = 64;

declare module 'fastify' {
  interface FastifyRequest {
    /**
     * The text of a JSON body, as parsed into `body` (body validation neither coerces nor fills in, so the two
     * say the same). Lets a route hand the body to a worker thread without serialising it again.
     */
    jsonText: string | null;
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes bytes as UTF-8, refusing invalid sequences instead of replacing them. */
export function decodeUtf8(body: Buffer): string {
  try {
    return utf8.decode(body);
  } catch {
    throw new AppError('invalid-encoding', 'The request body is not valid UTF-8 text.');
  }
}

/** The nesting depth of a JSON text, counted without parsing it (brackets inside strings do not count). */
export function jsonDepth(text: string, stopAt = Infinity): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 /* [ */ || c === 123 /* { */) {
      depth++;
      if (depth > max) max = depth;
      if (max > stopAt) return max;
    } else if (c === 93 || c === 125) depth--;
  }
  return max;
}

/**
 * The one JSON body parser, replacing Fastify's: invalid UTF-8 is a 400 (not silently replaced), nesting
 * deeper than MAX_JSON_DEPTH is a 400 (before parsing, so hostile input cannot exhaust the stack later),
 * and `__proto__` / `constructor.prototype` keys are refused (prototype poisoning), as Fastify does.
 */
export function installJsonBody(app: FastifyInstance): void {
  app.decorateRequest('jsonText', null);
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    try {
      const text = decodeUtf8(body as Buffer);
      if (text.trim() === '') throw new AppError('invalid-json', 'The request body is empty but declared as JSON.');
      if (jsonDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
        throw new AppError('too-deep', `The JSON body is nested more than ${MAX_JSON_DEPTH} levels deep.`);
      }
      let value: unknown;
      try {
        value = sjson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
      } catch (error) {
        const poisoned = /prototype/i.test((error as Error).message);
        throw new AppError(
          'invalid-json',
          poisoned
            ? 'The request body uses a forbidden key (__proto__ or constructor.prototype).'
            : 'The request body is not valid JSON.',
        );
      }
      request.jsonText = text;
      done(null, value);
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}
