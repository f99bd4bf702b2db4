import type { User } from '@kusanya/schemas';
import type { Db } from '../db/database.js';
import { AppError } from '../errors.js';

export interface UserRecord extends User {
  passwordHash: string;
  disabled: boolean;
  createdAt: string;
  passwordChangedAt?: string | null;
}

interface UserRow {
  id: string;
  username: string;
  password_hash: string;
  role: User['role'];
  disabled: number;
  created_at: string;
  password_changed_at: string | null;
  areas: string | null;
}

const SELECT = `SELECT u.id, u.username, u.password_hash, u.role, u.disabled, u.created_at, u.password_changed_at,
  (SELECT group_concat(area_code, ',') FROM (SELECT area_code FROM user_areas WHERE user_id = u.id ORDER BY area_code)) AS areas
  FROM users u`;

function toRecord(row: UserRow): UserRecord {
  return {
    id: row.id,
    username: row.username,
    role: row.role,
    areas: row.areas ? row.areas.split(',') : [],
    passwordHash: row.password_hash,
    disabled: row.disabled === 1,
    createdAt: row.created_at,
    passwordChangedAt: row.password_changed_at,
  };
}

export function publicUser(user: UserRecord): User {
  return { id: user.id, username: user.username, role: user.role, areas: user.areas };
}

export type UsersRepository = ReturnType<typeof usersRepository>;

export function usersRepository(db: Db) {
  const byUsername = db.prepare<[string], UserRow>(`${SELECT} WHERE u.username = ?`);
  const byId = db.prepare<[string], UserRow>(`${SELECT} WHERE u.id = ?`);
  const all = db.prepare<[], UserRow>(`${SELECT} ORDER BY u.username`);
  const insertUser = db.prepare(
    'INSERT INTO users (id, username, password_hash, role, disabled, created_at, password_changed_at) VALUES (?, ?, ?, ?, 0, ?, ?)',
  );
  const insertArea = db.prepare('INSERT INTO user_areas (user_id, area_code) VALUES (?, ?)');
  const setDisabled = db.prepare('UPDATE users SET disabled = ? WHERE username = ?');
  const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM users');
  const setRole = db.prepare('UPDATE users SET role = ? WHERE id = ?');
  const clearAreas = db.prepare('DELETE FROM user_areas WHERE user_id = ?');
  const setDisabledById = db.prepare('UPDATE users SET disabled = ? WHERE id = ?');
  const setPassword = db.prepare('UPDATE users SET password_hash = ?, password_changed_at = ? WHERE id = ?');
  const activeAdmins = db.prepare<[], { n: number }>(
    "SELECT count(*) AS n FROM users WHERE role = 'admin' AND disabled = 0",
  );

  return {
    findByUsername: (username: string) => {
      const row = byUsername.get(username);
      return row ? toRecord(row) : null;
    },
    findById: (id: string) => {
      const row = byId.get(id);
      return row ? toRecord(row) : null;
    },
    list: () => all.all().map(toRecord),
    count: () => count.get()!.n,
    create: db.transaction((user: Omit<UserRecord, 'disabled'>) => {
      if (byUsername.get(user.username)) {
        throw new AppError('already-exists', `A user named "${user.username}" already exists.`);
      }
      insertUser.run(
        user.id,
        user.username,
        user.passwordHash,
        user.role,
        user.createdAt,
        user.passwordChangedAt ?? user.createdAt,
      );
      for (const area of user.areas) insertArea.run(user.id, area);
    }),
    setDisabled: (username: string, disabled: boolean) => setDisabled.run(disabled ? 1 : 0, username).changes > 0,
    setDisabledById: (id: string, disabled: boolean) => setDisabledById.run(disabled ? 1 : 0, id).changes > 0,
    /** Changes role and/or areas in one transaction (areas replace the previous list). */
    update: db.transaction((id: string, change: { role?: User['role']; areas?: readonly string[] }) => {
      if (change.role) setRole.run(change.role, id);
      if (change.areas) {
        clearAreas.run(id);
        for (const area of new Set(change.areas)) insertArea.run(id, area);
      }
    }),
    setPasswordHash: (id: string, passwordHash: string, at: string) =>
      setPassword.run(passwordHash, at, id).changes > 0,
    activeAdminCount: () => activeAdmins.get()!.n,
  };
}
