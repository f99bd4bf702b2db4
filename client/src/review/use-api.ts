import { useCallback, useEffect, useState } from 'react';
import { ApiError, apiRequest, NetworkError, type RequestOptions } from '../api/http.js';
import { useWorkspace } from '../db/workspace.js';

export interface Loaded<T> {
  data: T | null;
  error: string | null;
  offline: boolean;
  loading: boolean;
  reload(): void;
}

/** Loads an online-only resource with the session's token; says plainly when there is no connection. */
export function useApi<T>(path: string | null): Loaded<T> {
  const { session } = useWorkspace();
  const [state, setState] = useState<{ data: T | null; error: string | null; offline: boolean; loading: boolean }>({
    data: null,
    error: null,
    offline: false,
    loading: true,
  });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!path) return;
    const controller = new AbortController();
    setState((s) => ({ ...s, loading: true, error: null }));
    apiRequest<T>(path, { token: session.token, signal: controller.signal }).then(
      (data) => setState({ data, error: null, offline: false, loading: false }),
      (error: unknown) => {
        if ((error as Error).name === 'AbortError') return;
        setState((s) => ({
          ...s,
          loading: false,
          offline: error instanceof NetworkError,
          error: error instanceof Error ? error.message : String(error),
        }));
      },
    );
    return () => controller.abort();
  }, [path, session.token, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}

/** Sends a change to the server; errors come back as ApiError (with the server's code) or NetworkError. */
export function useApiCall() {
  const { session } = useWorkspace();
  return useCallback(
    <T>(path: string, options: RequestOptions) => apiRequest<T>(path, { ...options, token: session.token }),
    [session.token],
  );
}

export { ApiError, NetworkError };
