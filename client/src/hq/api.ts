import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, apiRequest, NetworkError, type RequestOptions } from '../api/http.js';
import { useSession } from '../auth/session.js';

/** HQ screens work online only: every call carries the session's token. */
export function useApi() {
  const { session, tokenRejected } = useSession();
  const token = session?.token ?? null;
  return useCallback(
    async <T>(path: string, options: Omit<RequestOptions, 'token'> = {}): Promise<T> => {
      if (!token) throw new ApiError(401, 'offline-session', 'offline-session');
      try {
        return await apiRequest<T>(path, { ...options, token });
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) tokenRejected();
        throw error;
      }
    },
    [token, tokenRejected],
  );
}

export interface Loaded<T> {
  data: T | null;
  error: unknown;
  loading: boolean;
  reload(): void;
}

/** Loads `path` (null: nothing to load) and reloads when it changes; the last answer wins. */
export function useLoad<T>(path: string | null): Loaded<T> {
  const api = useApi();
  const [state, setState] = useState<{ data: T | null; error: unknown; loading: boolean }>({
    data: null,
    error: null,
    loading: path !== null,
  });
  const [tick, setTick] = useState(0);
  const latest = useRef(0);
  useEffect(() => {
    if (path === null) return;
    const call = ++latest.current;
    const controller = new AbortController();
    setState((s) => ({ ...s, loading: true, error: null }));
    api<T>(path, { signal: controller.signal }).then(
      (data) => call === latest.current && setState({ data, error: null, loading: false }),
      (error: unknown) => {
        if ((error as Error).name !== 'AbortError' && call === latest.current)
          setState((s) => ({ ...s, error, loading: false }));
      },
    );
    return () => controller.abort();
  }, [api, path, tick]);
  return { ...state, reload: () => setTick((t) => t + 1) };
}

/** A query string from the set values only. */
export function query(
  params: Record<string, string | number | boolean | null | undefined | readonly string[]>,
): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === null || value === undefined || value === '' || value === false) continue;
    if (Array.isArray(value)) for (const v of value) search.append(key, v);
    else search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** The words to show for an error from the API (its own message) or the network. */
export function errorText(
  error: unknown,
  t: (key: 'hq.error.offline' | 'hq.error.session' | 'hq.error.generic', values?: Record<string, string>) => string,
): string {
  if (error instanceof ApiError) {
    if (error.code === 'offline-session') return t('hq.error.session');
    return error.message;
  }
  if (error instanceof NetworkError) return t('hq.error.offline');
  return t('hq.error.generic', { message: (error as Error)?.message ?? String(error) });
}
