import type { LoginResponse, User } from '@kusanya/schemas';
import { checkLoginResponse } from '@kusanya/schemas/validators';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { ApiError, apiRequest, NetworkError } from '../api/http.js';
import { DeviceAccounts } from './device-accounts.js';
import { databasePassword, UnlockedKeys } from './keyring.js';
import { keyAfterOnlineLogin, KeyLostError, keyOffline, prepareUnlock } from './unlock.js';
import { checkVerifier, createVerifier } from './verifier.js';

export interface Session {
  user: User;
  /** null when logged in offline without a valid token: capture works, sync waits for an online login. */
  token: string | null;
  offline: boolean;
  /** The key of the user's encrypted local database (auth/keyring.ts), for this tab only. */
  dbKey: string;
}

/**
 * Why a login failed: wrong password; offline and never logged in here; the account is locked after too many
 * wrong passwords (`until`); the local database key could not be recovered (nothing deleted); other errors.
 */
export type LoginFailure = 'wrong' | 'offline-unknown' | 'locked' | 'key-lost' | 'error';

export class LoginError extends Error {
  constructor(
    readonly reason: LoginFailure,
    message: string = reason,
    /** For `locked`: when the account unlocks (ISO time). */
    readonly until?: string,
  ) {
    super(message);
  }
}

interface SessionApi {
  session: Session | null;
  /** Set when the server refused the token: the user must log in again (local data untouched). */
  expired: boolean;
  /** A user is logged in on this device but the app was closed: the password unlocks their records again. */
  locked: boolean;
  lastUsername: string;
  accounts: DeviceAccounts;
  login(username: string, password: string): Promise<Session>;
  logout(): Promise<void>;
  tokenRejected(): void;
}

const SessionContext = createContext<SessionApi | null>(null);

export function SessionProvider({
  children,
  ...stores
}: {
  children: ReactNode;
  accounts?: DeviceAccounts;
  keys?: UnlockedKeys;
}) {
  // One instance for the provider's life, so callbacks (and the workspace that depends on them) stay stable.
  const [accounts] = useState(() => stores.accounts ?? new DeviceAccounts());
  const [keys] = useState(() => stores.keys ?? new UnlockedKeys());
  const [session, setSession] = useState<Session | null>(() => {
    const current = accounts.current();
    const dbKey = current ? keys.get(current.user.id) : null;
    return current && dbKey
      ? { user: current.user, token: current.token, offline: current.token === null, dbKey }
      : null;
  });
  const [locked, setLocked] = useState(() => session === null && accounts.current() !== undefined);
  const [expired, setExpired] = useState(false);
  const [lastUsername, setLastUsername] = useState(
    () => accounts.current()?.user.username ?? accounts.list().at(-1)?.user.username ?? '',
  );

  const start = useCallback(
    (user: User, token: string | null, key: Uint8Array, offline: boolean): Session => {
      const next: Session = { user, token, offline, dbKey: databasePassword(key) };
      keys.set(user.id, next.dbKey);
      accounts.setCurrent(user.id);
      setExpired(false);
      setLocked(false);
      setSession(next);
      return next;
    },
    [accounts, keys],
  );

  const login = useCallback(
    async (username: string, password: string): Promise<Session> => {
      setLastUsername(username);
      const known = accounts.find(username);
      // Still logged in on this device (the app was closed or reloaded): unlock here, no new server session.
      if (known?.token && known.keyring) {
        const unlocked = await keyOffline(password, known.keyring);
        if (unlocked) return start(known.user, known.token, unlocked.key, false);
        // Not the password the records were locked with: perhaps it was reset; the server decides below.
      }
      let response: LoginResponse | null = null;
      // Derived while the server checks the password; used only if it accepts it.
      const verifier = createVerifier(password);
      verifier.catch(() => undefined);
      const prepared = prepareUnlock(password, known?.keyring);
      try {
        const body = await apiRequest<unknown>('/api/auth/login', {
          method: 'POST',
          body: { username: username.trim(), password, deviceId: accounts.deviceId() },
        });
        const checked = checkLoginResponse(body);
        if (!checked.ok) throw new LoginError('error', 'Unexpected answer from the server');
        response = checked.value;
      } catch (error) {
        if (error instanceof ApiError) {
          if (error.status === 401) throw new LoginError('wrong');
          if (error.code === 'account-locked') {
            const until = (error.details[0] as { lockedUntil?: unknown } | undefined)?.lockedUntil;
            throw new LoginError('locked', error.message, typeof until === 'string' ? until : undefined);
          }
          throw new LoginError('error', error.message);
        }
        if (!(error instanceof NetworkError)) throw error;
      }
      if (response) {
        const previous = accounts.byId(response.user.id);
        let unlocked;
        try {
          unlocked = await keyAfterOnlineLogin(response.user, response.token, password, previous?.keyring, prepared);
        } catch (error) {
          if (error instanceof KeyLostError) throw new LoginError('key-lost', error.message);
          throw error;
        }
        accounts.save({
          user: response.user,
          token: response.token,
          verifier: await verifier,
          keyring: unlocked.ring,
          lastLoginAt: new Date().toISOString(),
        });
        return start(response.user, response.token, unlocked.key, false);
      }
      const account = accounts.find(username);
      if (!account) throw new LoginError('offline-unknown');
      if (!(await checkVerifier(password, account.verifier))) throw new LoginError('wrong');
      const unlocked = await keyOffline(password, account.keyring);
      if (!unlocked) throw new LoginError('wrong');
      if (!account.keyring) accounts.save({ ...account, keyring: unlocked.ring });
      return start(account.user, account.token, unlocked.key, true);
    },
    [accounts, start],
  );

  const logout = useCallback(async () => {
    const token = session?.token;
    if (session) {
      accounts.setToken(session.user.id, null);
      keys.forget(session.user.id);
    }
    accounts.setCurrent(null);
    setSession(null);
    if (token) await apiRequest('/api/auth/logout', { method: 'POST', token }).catch(() => undefined);
  }, [accounts, keys, session]);

  const tokenRejected = useCallback(() => {
    if (!session) return;
    accounts.setToken(session.user.id, null);
    keys.forget(session.user.id);
    setExpired(true);
    setSession(null);
  }, [accounts, keys, session]);

  const value = useMemo(
    () => ({ session, expired, locked, lastUsername, accounts, login, logout, tokenRejected }),
    [session, expired, locked, lastUsername, accounts, login, logout, tokenRejected],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionApi {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
