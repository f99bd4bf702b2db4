import type { LoginResponse, User } from '@kusanya/schemas';
import { newId } from '../domain/ids.js';
import { DUMMY_HASH, verifyPassword } from '../domain/password.js';
import { hashToken, newToken } from '../domain/tokens.js';
import { AppError } from '../errors.js';
import type { SessionRecord, SessionsRepository } from '../repositories/sessions.js';
import { publicUser, type UsersRepository } from '../repositories/users.js';

export interface Authenticated {
  user: User;
  session: SessionRecord;
}

const TOUCH_EVERY_MS = 5 * 60 * 1000;

export type AuthService = ReturnType<typeof authService>;

export function authService(deps: { users: UsersRepository; sessions: SessionsRepository; tokenTtlHours: number }) {
  const { users, sessions } = deps;
  return {
    /** Same answer for an unknown user and a wrong password: the 401 never says which was wrong. */
    async login(username: string, password: string, deviceId: string | null): Promise<LoginResponse> {
      const user = users.findByUsername(username.trim());
      const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
      if (!user || !ok) throw new AppError('invalid-credentials', 'Wrong username or password.');
      if (user.disabled) throw new AppError('account-disabled', 'This account is disabled. Ask your administrator.');
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
    },

    /** The user and session behind a bearer token, or a 401 saying why. */
    authenticate(token: string): Authenticated {
      const session = sessions.findByTokenHash(hashToken(token));
      const now = Date.now();
      if (!session || session.revokedAt) throw new AppError('unauthenticated', 'Your session has ended. Log in again.');
      if (Date.parse(session.expiresAt) <= now) throw new AppError('session-expired', 'Your session has expired. Log in again.');
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
