import { roles, type CreateUserRequest, type FieldError, type User } from '@kusanya/schemas';
import { inputProblem } from '@kusanya/shared/api/input-problems';
import type { Manager } from '../domain/admin-scope.js';
import { newId } from '../domain/ids.js';
import { hashPassword } from '../domain/password.js';
import { passwordProblems } from '../domain/password-policy.js';
import { AppError } from '../errors.js';
import type { LocationTree } from '../domain/scope.js';
import type { LocationsRepository } from '../repositories/locations.js';
import type { UsersRepository } from '../repositories/users.js';
import { checkGrantable } from './admin-users.js';

const USERNAME = /^[a-z0-9][a-z0-9._-]{1,63}$/i;
export { MIN_PASSWORD_LENGTH } from '../domain/password-policy.js';

/** The location tree is needed only to check an administrator's scope (`by`); the shell (seed, CLI) has none to check. */
type CreateUserDeps = { users: UsersRepository; locations: LocationsRepository; locationTree?: () => LocationTree };

/** Checks and creates a user (see prepareUser). */
export async function createUser(deps: CreateUserDeps, input: CreateUserRequest, by: Manager = null): Promise<User> {
  return (await prepareUser(deps, input, by)).commit();
}

/**
 * Checks a new user and hashes their password (slow, asynchronous); `commit` then creates them (synchronous, so a
 * route can run it in the transaction of its audit entry). Every problem is reported at once as a 400 with
 * details. An administrator (`by`) gives only areas within their own (403 otherwise); `by` null is the shell (the
 * CLI, the seed).
 */
export async function prepareUser(
  deps: CreateUserDeps,
  input: CreateUserRequest,
  by: Manager = null,
): Promise<{ commit(): User }> {
  const problems: FieldError[] = [];
  if (!USERNAME.test(input.username)) problems.push(inputProblem('username-format', 'username', {}));
  problems.push(...passwordProblems(input.password, input.username));
  if (!(roles as readonly string[]).includes(input.role))
    problems.push(inputProblem('role-unknown', 'role', { role: input.role }));
  if (input.areas.length === 0) problems.push(inputProblem('areas-empty', 'areas', {}));
  for (const area of input.areas) {
    if (!deps.locations.exists(area)) problems.push(inputProblem('area-unknown', 'areas', { area }));
  }
  if (problems.length > 0) throw new AppError('validation-failed', 'The user cannot be created.', problems);
  if (by !== null) {
    if (!deps.locationTree) throw new Error("createUser: checking an administrator's areas needs the location tree");
    checkGrantable(deps.locationTree(), by, input.areas);
  }
  const user: User = {
    id: newId(),
    username: input.username,
    role: input.role as User['role'],
    areas: [...new Set(input.areas)],
  };
  const passwordHash = await hashPassword(input.password);
  return {
    commit() {
      const now = new Date().toISOString();
      deps.users.create({ ...user, passwordHash, createdAt: now, passwordChangedAt: now });
      return user;
    },
  };
}
