import { roles, type User } from '@kusanya/schemas';
import { hashPassword } from '../domain/password.js';
import { passwordProblems } from '../domain/password-policy.js';
import { AppError } from '../errors.js';
import type { LocationsRepository } from '../repositories/locations.js';
import { usernameKey, type LockoutsRepository } from '../repositories/lockouts.js';
import type { SessionsRepository } from '../repositories/sessions.js';
import type { UserRecord, UsersRepository } from '../repositories/users.js';

export interface AdminUsersDeps {
  users: UsersRepository;
  sessions: SessionsRepository;
  locations: LocationsRepository;
  lockouts: LockoutsRepository;
}

export interface UserChange {
  role?: string;
  areas?: string[];
  disabled?: boolean;
}

/** What an administrator sees of a user (never the password hash). */
export interface AdminUserView extends User {
  disabled: boolean;
  createdAt: string;
  passwordChangedAt: string | null;
  lockedUntil: string | null;
}

export function adminView(user: UserRecord, lockedUntil: string | null): AdminUserView {
  return {
    id: user.id,
    username: user.username,
    role: user.role,
    areas: user.areas,
    disabled: user.disabled,
    createdAt: user.createdAt,
    passwordChangedAt: user.passwordChangedAt ?? null,
    lockedUntil,
  };
}

const now = () => new Date().toISOString();

/** User administration: each change checked in full, sessions ended where the change requires it. */
export function adminUsersService(deps: AdminUsersDeps) {
  const { users, sessions, locations, lockouts } = deps;

  const get = (id: string): UserRecord => {
    const user = users.findById(id);
    if (!user) throw new AppError('not-found', 'No such user.');
    return user;
  };
  const lockedUntil = (user: UserRecord, locked: Map<string, string>) => locked.get(usernameKey(user.username)) ?? null;
  const view = (id: string): AdminUserView => {
    const user = get(id);
    return adminView(user, lockedUntil(user, lockouts.locked(now())));
  };

  return {
    get,
    list(): AdminUserView[] {
      const locked = lockouts.locked(now());
      return users.list().map((u) => adminView(u, lockedUntil(u, locked)));
    },
    view,

    /**
     * Changes role, areas and/or disabled. Refuses to leave the programme without an active administrator
     * (including an administrator disabling or demoting themselves last). Disabling ends every session.
     */
    update(id: string, change: UserChange): { user: AdminUserView; sessionsEnded: number } {
      const user = get(id);
      const problems: { path: string; message: string }[] = [];
      if (change.role !== undefined && !(roles as readonly string[]).includes(change.role)) {
        problems.push({ path: 'role', message: `Role must be one of ${roles.join(', ')}.` });
      }
      if (change.areas !== undefined) {
        if (change.areas.length === 0) problems.push({ path: 'areas', message: 'Assign at least one area.' });
        for (const area of change.areas)
          if (!locations.exists(area)) problems.push({ path: 'areas', message: `Unknown area ${area}.` });
      }
      if (problems.length > 0) throw new AppError('validation-failed', 'The user cannot be changed.', problems);
      const losesAdmin =
        user.role === 'admin' &&
        !user.disabled &&
        ((change.role !== undefined && change.role !== 'admin') || change.disabled === true);
      if (losesAdmin && users.activeAdminCount() <= 1) {
        throw new AppError('last-admin', 'This is the last active administrator; create or enable another one first.');
      }
      const role = change.role as User['role'] | undefined;
      users.update(id, { ...(role ? { role } : {}), ...(change.areas ? { areas: change.areas } : {}) });
      let sessionsEnded = 0;
      if (change.disabled !== undefined) {
        users.setDisabledById(id, change.disabled);
        if (change.disabled) sessionsEnded = sessions.revokeAllOfUser(id, now());
      }
      return { user: view(id), sessionsEnded };
    },

    /** Sets a new password (checked against the rules), ends every session and lifts a lockout. */
    async resetPassword(id: string, password: string): Promise<{ sessionsEnded: number }> {
      const user = get(id);
      const problems = passwordProblems(password, user.username).map((message) => ({ path: 'password', message }));
      if (problems.length > 0) throw new AppError('validation-failed', 'The password cannot be used.', problems);
      users.setPasswordHash(id, await hashPassword(password), now());
      lockouts.clear(usernameKey(user.username));
      return { sessionsEnded: sessions.revokeAllOfUser(id, now()) };
    },

    /** Lifts a lockout after too many wrong passwords. */
    unlock(id: string): boolean {
      return lockouts.clear(usernameKey(get(id).username));
    },

    /** "Log out everywhere": ends every session of the user on every device. */
    revokeSessions(id: string): number {
      get(id);
      return sessions.revokeAllOfUser(id, now());
    },
  };
}

export type AdminUsersService = ReturnType<typeof adminUsersService>;
