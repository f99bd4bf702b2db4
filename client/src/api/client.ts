import { useCallback, useEffect, useState } from 'react';
import { useSession } from '../auth/session.js';
import { ApiError, apiRequest, NetworkError } from './http.js';
import { requestLine, type CallArgs, type GetRoute, type ResponseOf, type Route } from './routes.js';

export type ApiCall = <R extends Route>(
  route: R,
  ...args: CallArgs<R> extends { params?: undefined; body?: undefined } ? [CallArgs<R>?] : [CallArgs<R>]
) => Promise<ResponseOf<R>>;

/**
 * The one way screens call the API: a route of api/routes.ts with its parameters, query and body, typed from
 * schemas/, with the session's token. A refused token (401) sends the person back to the login screen; a
 * session opened offline has no token and fails at once with `offline-session`.
 */
export function useApiCall(): ApiCall {
  const { session, tokenRejected } = useSession();
  const token = session?.token ?? null;
  return useCallback(
    async (route, ...[args]) => {
      if (!token) throw new ApiError(401, 'offline-session', 'offline-session');
      const { method, url } = requestLine(route, args ?? {});
      try {
        return await apiRequest(url, { method, token, ...(args?.body === undefined ? {} : { body: args.body }) });
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) tokenRejected();
        throw error;
      }
    },
    [token, tokenRejected],
  ) as ApiCall;
}

export interface Loaded<T> {
  data: T | null;
  /** ApiError (with its code) or NetworkError; null after a success. */
  error: unknown;
  /** The last attempt failed for want of a connection. */
  offline: boolean;
  loading: boolean;
  reload(): void;
}

/**
 * The one data-loading hook of the screens: loads `route` (null: nothing to load yet), again when its
 * parameters or query change or on `reload()`; the last request wins, an earlier one is aborted.
 */
export function useResource<R extends GetRoute>(route: R | null, args?: CallArgs<R>): Loaded<ResponseOf<R>> {
  const { session, tokenRejected } = useSession();
  const token = session?.token ?? null;
  // The request's identity is its URL (compared by value: callers may pass a new args object on every render).
  const url = route === null ? null : requestLine(route, args ?? {}).url;
  const [state, setState] = useState<Omit<Loaded<ResponseOf<R>>, 'reload'>>({
    data: null,
    error: null,
    offline: false,
    loading: url !== null,
  });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (url === null) return;
    const controller = new AbortController();
    setState((s) => ({ ...s, loading: true, error: null }));
    const request = token
      ? apiRequest<ResponseOf<R>>(url, { token, signal: controller.signal })
      : Promise.reject(new ApiError(401, 'offline-session', 'offline-session'));
    request.then(
      (data) => !controller.signal.aborted && setState({ data, error: null, offline: false, loading: false }),
      (error: unknown) => {
        if (controller.signal.aborted || (error as Error).name === 'AbortError') return;
        if (error instanceof ApiError && error.status === 401 && token) tokenRejected();
        setState((s) => ({ ...s, error, offline: error instanceof NetworkError, loading: false }));
      },
    );
    return () => controller.abort();
  }, [url, token, tokenRejected, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}
