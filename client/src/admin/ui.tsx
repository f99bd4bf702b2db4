import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { errorCode, errorDetails } from '../api/error-text.js';
import { ApiError, NetworkError } from '../api/http.js';
import { useI18n } from '../i18n/i18n.js';
import type { Language } from '../i18n/messages.js';
import { useAdminApi } from './api.js';

/** Runs an action with a busy flag, keeping its error or success message for display. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const run = useCallback(
    async <T,>(action: () => Promise<T>, success?: (result: T) => string | null): Promise<T | undefined> => {
      setBusy(true);
      setError(null);
      setDone(null);
      try {
        const result = await action();
        setDone(success ? success(result) : null);
        return result;
      } catch (e) {
        setError(e);
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [],
  );
  /** `run`, once the person said yes to `question` (a row action that cannot be undone, e.g. ending sessions). */
  const confirmThenRun = useCallback(
    async <T,>(question: string, action: () => Promise<T>, success?: (result: T) => string | null) =>
      window.confirm(question) ? run(action, success) : undefined,
    [run],
  );
  return { busy, error, done, run, confirmThenRun, clear: () => (setError(null), setDone(null)) };
}

/**
 * "Log out everywhere" for a user (from the users' or the devices' table): asked first, then every session of the
 * user ends, the screen says how many did and reads its list again.
 */
export function useLogoutEverywhere(action: ReturnType<typeof useAction>, reload: () => void) {
  const api = useAdminApi();
  const { t } = useI18n();
  return (user: { id: string; username: string }) =>
    void action
      .confirmThenRun(
        t('admin.users.logoutEverywhereConfirm', { name: user.username }),
        () => api.revokeUserSessions(user.id),
        (r) => t('admin.sessionsEnded', { count: r.sessionsEnded }),
      )
      .then(reload);
}

/** A failed request in plain words, with every detail the server gave (e.g. each problem of a file). */
export function ErrorMessage({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (!error) return null;
  // The server's errors in words by their code; the app's own errors are already in words.
  const message =
    error instanceof NetworkError || error instanceof ApiError
      ? t(errorCode(error))
      : error instanceof Error
        ? error.message
        : String(error);
  const details = errorDetails(error, t);
  return (
    <div className="error-box" role="alert">
      <p className="error">{message}</p>
      {details.length > 0 ? (
        <ul>
          {details.map((d) => (
            <li key={d}>{d}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function Done({ message }: { message: string | null }) {
  return message ? (
    <p className="info" role="status">
      {message}
    </p>
  ) : null;
}

/** Administration needs the server: offline, say so plainly instead of showing stale or failing screens. */
export function OnlineOnly({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const [online, setOnline] = useState(navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, []);
  return online ? (
    <>{children}</>
  ) : (
    <p className="info" role="status" data-testid="admin-offline">
      {t('admin.offline')}
    </p>
  );
}

export function Loading({ loading }: { loading: boolean }) {
  const { t } = useI18n();
  return loading ? <progress className="wide" aria-label={t('admin.loading')} /> : null;
}

const locale = (lang: Language) => (lang === 'rn' ? 'fr' : lang);

export function formatTime(iso: string | null | undefined, lang: Language): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(locale(lang), { dateStyle: 'short', timeStyle: 'short' });
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}
