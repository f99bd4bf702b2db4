import {
  roles,
  type AdminUser,
  type CreateUserRequest,
  type FieldError,
  type UpdateUserRequest,
  type User,
} from '@kusanya/schemas';
import { inputProblem } from '@kusanya/shared/api/input-problems';
import { managesEverything, managesUser, ungrantableAreas, type Manager } from '../domain/admin-scope.js';
import { hashPassword } from '../domain/password.js';
import type { LocationTree } from '../domain/scope.js';
import { passwordProblems } from '../domain/password-policy.js';
import { AppError } from '../errors.js';
import type { LocationsRepository } from '../repositories/locations.js';
import { usernameKey, type LockoutsRepository } from '../repositories/lockouts.js';
import type { SessionsRepository } from '../repositories/sessions.js';
import type { UserRecord, UsersRepository } from '../repositories/users.js';
import { prepareUser } from './users.js';

export interface AdminUsersDeps {
  users: UsersRepository;
  sessions: SessionsRepository;
  locations: LocationsRepository;
  lockouts: LockoutsRepository;
  locationTree: () => LocationTree;
  /** Runs a change in one transaction (a savepoint inside the caller's). */
  transaction: <T>(change: () => T) => T;
}

export function adminView(user: UserRecord, lockedUntil: string | null): AdminUser {
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

/**
 * 403 unless the manager holds the whole country: actions on the whole database (backups, the audit log) would
 * show an administrator of one province everything of the others.
 */
export function checkWholeCountry(tree: LocationTree, manager: Manager, what: string): void {
  if (!managesEverything(tree, manager)) {
    throw new AppError(
      'out-of-scope',
      `${what}: this holds data of the whole country, so only an administrator of the whole country may use it.`,
    );
  }
}

/** 403 when an administrator would give areas outside their own (never more than they hold). */
export function checkGrantable(tree: LocationTree, manager: Manager, areas: readonly string[]): void {
  const outside = ungrantableAreas(tree, manager, areas);
  if (outside.length > 0) {
    throw new AppError(
      'out-of-scope',
      `You can only give areas within your own: ${outside.join(', ')} ${outside.length > 1 ? 'are' : 'is'} outside them.`,
      outside.map((area) => inputProblem('area-outside', 'areas', { area })),
    );
  }
}

/** User administration: each change checked in full, sessions ended where the change requires it. */
export function adminUsersService(deps: AdminUsersDeps) {
  const { users, sessions, locations, lockouts } = deps;

  const get = (id: string): UserRecord => {
    const user = users.findById(id);
    if (!user) throw new AppError('not-found', 'No such user.');
    return user;
  };
  /** A user the manager manages (every area of theirs within the manager's), or 403. */
  const managed = (manager: Manager, id: string): UserRecord => {
    const user = get(id);
    if (!managesUser(deps.locationTree(), manager, user)) {
      throw new AppError(
        'out-of-scope',
        `${user.username} works in ${user.areas.join(', ')}, outside your areas: an administrator of those areas manages this account.`,
      );
    }
    return user;
  };
  const lockedUntil = (user: UserRecord, locked: Map<string, string>) => locked.get(usernameKey(user.username)) ?? null;
  const view = (id: string): AdminUser => {
    const user = get(id);
    return adminView(user, lockedUntil(user, lockouts.locked(now())));
  };

  /**
   * Checks and hashes a new password (asynchronous); `commit` sets it, ends every session and lifts a lockout
   * (synchronous, one transaction: a route runs it with its audit entry).
   */
  async function preparePassword(
    manager: Manager,
    id: string,
    password: string,
  ): Promise<{ commit(): { sessionsEnded: number } }> {
    const user = managed(manager, id);
    const problems = passwordProblems(password, user.username);
    if (problems.length > 0) throw new AppError('validation-failed', 'The password cannot be used.', problems);
    const hash = await hashPassword(password);
    return {
      commit: () =>
        deps.transaction(() => {
          managed(manager, id);
          users.setPasswordHash(id, hash, now());
          lockouts.clear(usernameKey(user.username));
          return { sessionsEnded: sessions.revokeAllOfUser(id, now()) };
        }),
    };
  }

  return {
    get,
    preparePassword,
    /** Checks a new user and hashes their password; `commit` creates them (see prepareUser). */
    prepare: (manager: Manager, input: CreateUserRequest) => prepareUser(deps, input, manager),
    /** The account with this username (the shell names users by username), or null. */
    findByUsername: (username: string) => users.findByUsername(username),
    /** How many accounts exist (none: a new database, which the demo seed fills). */
    count: () => users.count(),
    /** A 403 unless the manager administers the whole country (what: the data, in words). */
    checkWholeCountry: (manager: Manager, what: string) => checkWholeCountry(deps.locationTree(), manager, what),
    /** The users the manager manages. */
    list(manager: Manager): AdminUser[] {
      const locked = lockouts.locked(now());
      const tree = deps.locationTree();
      return users
        .list()
        .filter((u) => managesUser(tree, manager, u))
        .map((u) => adminView(u, lockedUntil(u, locked)));
    },
    view,
    /** The user if the manager manages them (403 otherwise). */
    managed,

    /**
     * Changes role, areas and/or disabled. Refuses to leave the programme without an active administrator
     * (including an administrator disabling or demoting themselves last). Disabling ends every session.
     */
    update(manager: Manager, id: string, change: UpdateUserRequest): { user: AdminUser; sessionsEnded: number } {
      const user = managed(manager, id);
      const problems: FieldError[] = [];
      if (change.role !== undefined && !(roles as readonly string[]).includes(change.role))
        problems.push(inputProblem('role-unknown', 'role', { role: change.role }));
      if (change.areas !== undefined) {
        if (change.areas.length === 0) problems.push(inputProblem('areas-empty', 'areas', {}));
        for (const area of change.areas)
          if (!locations.exists(area)) problems.push(inputProblem('area-unknown', 'areas', { area }));
      }
      if (problems.length > 0) throw new AppError('validation-failed', 'The user cannot be changed.', problems);
      if (change.areas !== undefined) checkGrantable(deps.locationTree(), manager, change.areas);
      const losesAdmin =
        user.role === 'admin' &&
        !user.disabled &&
        ((change.role !== undefined && change.role !== 'admin') || change.disabled === true);
      if (losesAdmin && users.activeAdminCount() <= 1) {
        throw new AppError('last-admin', 'This is the last active administrator; create or enable another one first.');
      }
      const role = change.role as User['role'] | undefined;
      const sessionsEnded = deps.transaction(() => {
        users.update(id, { ...(role ? { role } : {}), ...(change.areas ? { areas: change.areas } : {}) });
        if (change.disabled === undefined) return 0;
        users.setDisabledById(id, change.disabled);
        return change.disabled ? sessions.revokeAllOfUser(id, now()) : 0;
      });
      return { user: view(id), sessionsEnded };
    },

    /** Sets a new password (checked against the rules), ends every session and lifts a lockout. */
    async resetPassword(manager: Manager, id: string, password: string): Promise<{ sessionsEnded: number }> {
      return (await preparePassword(manager, id, password)).commit();
    },

    /** Lifts a lockout after too many wrong passwords. */
    unlock(manager: Manager, id: string): boolean {
      return lockouts.clear(usernameKey(managed(manager, id).username));
    },

    /** "Log out everywhere": ends every session of the user on every device. */
    revokeSessions(manager: Manager, id: string): number {
      managed(manager, id);
      return sessions.revokeAllOfUser(id, now());
    },
  };
}

export type AdminUsersService = ReturnType<typeof adminUsersService>;
