import { ERROR_CODES } from '@kusanya/shared/api/error-codes';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../i18n/messages.js';
import { ApiError, failure, NetworkError } from './http.js';
import { errorCode } from './error-text.js';
import { query, requestLine } from './routes.js';

describe('typed API calls', () => {
  it('puts parameters into the path, encoded, and keeps only the set query values', () => {
    expect(requestLine('GET /api/registry/households/:id', { params: { id: 'a/b c' } })).toEqual({
      method: 'GET',
      url: '/api/registry/households/a%2Fb%20c',
    });
    expect(
      requestLine('GET /api/grievances/tickets', {
        query: { status: ['OPEN', 'RESOLVED'], category: '', overdue: false, area: null, limit: 50 },
      }),
    ).toEqual({ method: 'GET', url: '/api/grievances/tickets?status=OPEN&status=RESOLVED&limit=50' });
    expect(
      requestLine('POST /api/admin/forms/:formId/:version/retire', { params: { formId: 'f', version: '2' } }).url,
    ).toBe('/api/admin/forms/f/2/retire');
    expect(query({})).toBe('');
  });

  it('refuses a call whose path parameter is missing', () => {
    expect(() => requestLine('GET /api/review/submissions/:id', {})).toThrow(/missing parameter id/);
  });
});

describe('errors by code', () => {
  it("reads the server's code, and a code this app does not know as an unexpected answer", () => {
    const known = failure(409, { error: { code: 'stale-version', message: 'The registry moved' } });
    expect(known).toBeInstanceOf(ApiError);
    expect((known as ApiError).code).toBe('stale-version');
    expect((failure(400, { error: { code: 'from-a-newer-server', message: 'x' } }) as ApiError).code).toBe(
      'http-error',
    );
    expect(failure(502, 'Bad gateway')).toBeInstanceOf(NetworkError);
  });

  it('has words for every error code in every language', () => {
    for (const code of ERROR_CODES) {
      const key = errorCode(new ApiError(400, code, 'English message for programs'));
      for (const lang of ['fr', 'rn', 'en'] as const) expect(MESSAGES[lang][key], `${lang} ${code}`).toBeTruthy();
    }
    expect(MESSAGES.fr[errorCode(new NetworkError('down'))]).toContain('connexion');
  });
});
