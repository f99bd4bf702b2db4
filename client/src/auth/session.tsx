import type { LoginResponse, User } from '@kusanya/schemas';
import { checkLoginResponse } from '@kusanya/schemas/validators';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { ApiError, apiRequest, NetworkError } from '../api/http.js';
import { DeviceAccounts } from './device-accounts.js';
import { checkVerifier, createVerifier } from './verifier.js';

export interface Session {
  user: User;
  /** null when logged in offline without a valid token: capture works, sync waits for an online login. */
  token: string | null;
  offline: boolean;
}

export type LoginFailure = 'wrong' | 'offline-unknown' | 'error';

export class LoginError extends Error {
  constructor(
    readonly reason: LoginFailure,
    message: string = reason,
  ) {
    super(message);
  }
}

interface SessionApi {
  session: Session | null;
  /** Set when the server refused the token: the user must log in again (local data untouched). */
  expired: boolean;
  lastUsername: string;
  accounts: DeviceAccounts;
  login(username: string, password: string): Promise<Session>;
  logout(): Promise<void>;
  tokenRejected(): void;
}

const SessionContext = createContext<SessionApi | null>(null);

export function SessionProvider({ children, accounts = new DeviceAccounts() }: { children: ReactNode; accounts?: DeviceAccounts }) {
  const [session, setSession] = useState<Session | null>(() => {
    const current = accounts.current();
    return current ? { user: current.user, token: current.token, offline: current.token === null } : null;
  });
  const [expired, setExpired] = useState(false);
  const [lastUsername, setLastUsername] = useState(() => accounts.current()?.user.username ?? accounts.list().at(-1)?.user.username ?? '');

  const login = useCallback(
    async (username: string, password: string): Promise<Session> => {
      setLastUsername(username);
      let response: LoginResponse | null = null;
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
          throw new LoginError('error', error.message);
        }
        if (!(error instanceof NetworkError)) throw error;
      }
      let next: Session;
      if (response) {
        accounts.save({ user: response.user, token: response.token, verifier: await createVerifier(password), lastLoginAt: new Date().toISOString() });
        next = { user: response.user, token: response.token, offline: false };
      } else {
        const account = accounts.find(username);
        if (!account) throw new LoginError('offline-unknown');
        if (!(await checkVerifier(password, account.verifier))) throw new LoginError('wrong');
        next = { user: account.user, token: account.token, offline: true };
      }
      accounts.setCurrent(next.user.id);
      setExpired(false);
      setSession(next);
      return next;
    },
    [accounts],
  );

  const logout = useCallback(async () => {
    const token = session?.token;
    if (session) accounts.setToken(session.user.id, null);
    accounts.setCurrent(null);
    setSession(null);
    if (token) await apiRequest('/api/auth/logout', { method: 'POST', token }).catch(() => undefined);
  }, [accounts, session]);

  const tokenRejected = useCallback(() => {
    if (!session) return;
    accounts.setToken(session.user.id, null);
    setExpired(true);
    setSession(null);
  }, [accounts, session]);

  const value = useMemo(
    () => ({ session, expired, lastUsername, accounts, login, logout, tokenRejected }),
    [session, expired, lastUsername, accounts, login, logout, tokenRejected],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionApi {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
