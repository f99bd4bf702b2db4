import type { LoginResponse, MeResponse } from '@kusanya/schemas';
import { newId } from '../domain/ids.js';
import { DUMMY_HASH, verifyPassword } from '../domain/password.js';
import { hashToken, newToken } from '../domain/tokens.js';
import { AppError } from '../errors.js';
import { usernameKey, type LockoutsRepository } from '../repositories/lockouts.js';
import type { SessionRecord, SessionsRepository } from '../repositories/sessions.js';
import { publicUser, type UserRecord, type UsersRepository } from '../repositories/users.js';

/** Who is calling: the user (schemas: MeResponse.user) and their session as stored. */
export type Authenticated = Pick<MeResponse, 'user'> & { session: SessionRecord };

const TOUCH_EVERY_MS = 5 * 60 * 1000;

export type AuthService = ReturnType<typeof authService>;

export interface LockoutPolicy {
  /** Consecutive failures that lock a username. */
  attempts: number;
  minutes: number;
}

/** The 429 a locked username gets: says until when, so the person knows when to try again. */
export function lockedError(lockedUntil: string, now: number): AppError {
  const minutes = Math.max(1, Math.ceil((Date.parse(lockedUntil) - now) / 60_000));
  return new AppError(
    'account-locked',
    `Too many wrong passwords: this account is locked until ${lockedUntil.slice(0, 16).replace('T', ' ')} UTC ` +
      `(${minutes} min). Try again then, or ask an administrator to unlock it.`,
    [{ lockedUntil, retryAfterSeconds: Math.ceil((Date.parse(lockedUntil) - now) / 1000) }],
  );
}

export function authService(deps: {
  users: UsersRepository;
  sessions: SessionsRepository;
  lockouts: LockoutsRepository;
  tokenTtlHours: number;
  lockout: LockoutPolicy;
}) {
  const { users, sessions, lockouts } = deps;

  /**
   * The user behind a username and password, or the error to answer. Same answer for an unknown user and a wrong
   * password: the 401 never says which was wrong. After `lockout.attempts` failures in a row a username (known or
   * not, so a lock reveals nothing) is locked for `lockout.minutes`; while locked even the right password is
   * refused, without checking it.
   */
  async function verify(username: string, password: string): Promise<UserRecord> {
    const key = usernameKey(username);
    const lockedUntil = lockouts.state(key)?.lockedUntil;
    if (lockedUntil && Date.parse(lockedUntil) > Date.now()) throw lockedError(lockedUntil, Date.now());
    const user = users.findByUsername(username.trim());
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok) {
      const now = Date.now();
      const until = new Date(now + deps.lockout.minutes * 60_000).toISOString();
      const state = lockouts.recordFailure(key, new Date(now).toISOString(), deps.lockout.attempts, until);
      if (state.lockedUntil && Date.parse(state.lockedUntil) > now) throw lockedError(state.lockedUntil, now);
      throw new AppError('invalid-credentials', 'Wrong username or password.');
    }
    lockouts.clear(key);
    if (user.disabled) throw new AppError('account-disabled', 'This account is disabled. Ask your administrator.');
    return user;
  }

  /** A new session (and its bearer token) for a verified user, optionally on a device. */
  function openSession(user: UserRecord, deviceId: string | null): LoginResponse {
    const token = newToken();
    const now = new Date();
    sessions.create({
      id: newId(),
      tokenHash: hashToken(token),
      userId: user.id,
      deviceId,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + deps.tokenTtlHours * 3_600_000).toISOString(),
    });
    return { token, user: publicUser(user) };
  }

  return {
    verify,
    openSession,
    /** Verifies and opens a session (the login route does the two apart, to record the session with its audit entry). */
    async login(username: string, password: string, deviceId: string | null): Promise<LoginResponse> {
      return openSession(await verify(username, password), deviceId);
    },

    /** The user and session behind a bearer token, or a 401 saying why. */
    authenticate(token: string): Authenticated {
      const session = sessions.findByTokenHash(hashToken(token));
      const now = Date.now();
      if (!session || session.revokedAt) throw new AppError('unauthenticated', 'Your session has ended. Log in again.');
      if (Date.parse(session.expiresAt) <= now)
        throw new AppError('session-expired', 'Your session has expired. Log in again.');
      const user = users.findById(session.userId);
      if (!user || user.disabled) throw new AppError('unauthenticated', 'Your account is no longer active.');
      if (!session.lastSeenAt || now - Date.parse(session.lastSeenAt) > TOUCH_EVERY_MS) {
        sessions.touch(session.id, new Date(now).toISOString());
      }
      return { user: publicUser(user), session };
    },

    logout(session: SessionRecord): void {
      sessions.revoke(session.id, new Date().toISOString());
    },
  };
}
