import type { AdminUser } from '@kusanya/schemas';
import { roles } from '@kusanya/schemas';
import { useState, type FormEvent } from 'react';
import { useSession } from '../auth/session.js';
import { useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.js';
import { useAdminApi } from './api.js';
import { Done, ErrorMessage, formatTime, Loading, useAction, useLogoutEverywhere } from './ui.js';
import { DataTable, RowActions } from '../ui/DataTable.js';
import { useResource } from '../api/client.js';
import { areaName } from '../review/labels.js';

/** Area codes typed by the administrator (an empty list is refused by the server with a clear message). */
const splitAreas = (text: string) =>
  text
    .split(/[\s,;]+/)
    .map((a) => a.trim())
    .filter(Boolean) as [string, ...string[]];

/** Users: create, change role and areas, disable, reset password, unlock, log out everywhere. */
export function UsersScreen() {
  const api = useAdminApi();
  const { t, lang } = useI18n();
  const { session } = useSession();
  const list = useResource('GET /api/admin/users');
  // Place names for the users' areas (an administrator reads the whole country).
  const places = useResource('GET /api/me/areas');
  const action = useAction();
  const [editing, setEditing] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const roleName = (role: string) => t(`role.${role}` as MessageKey);
  const logoutEverywhere = useLogoutEverywhere(action, list.reload);

  const users = list.data?.users ?? [];
  return (
    <section aria-labelledby="users-title">
      <h2 id="users-title">{t('admin.users.title')}</h2>
      <NewUser
        onCreated={(u) => {
          action.clear();
          setNotice(t('admin.users.created', { name: u.username }));
          list.reload();
        }}
      />
      <Loading loading={list.loading} />
      <ErrorMessage error={list.error} />
      <ErrorMessage error={action.error} />
      <Done message={action.done ?? notice} />
      <DataTable
        testId="users-table"
        headers={[
          t('admin.users.username'),
          t('admin.users.role'),
          t('admin.users.areas'),
          t('admin.users.status'),
          t('admin.actions'),
        ]}
      >
        {users.map((u) => (
          <tr key={u.id} data-testid="user-row" data-username={u.username}>
            <td>
              <strong>{u.username}</strong>
              {u.id === session?.user.id ? <small className="muted"> ({t('admin.users.you')})</small> : null}
            </td>
            <td>{roleName(u.role)}</td>
            <td className="wrap">
              {places.data ? u.areas.map((a) => areaName(places.data?.areas, a, lang)).join(', ') : '…'}
            </td>
            <td>
              {u.disabled ? (
                <span className="badge status-rejected">{t('admin.users.disabled')}</span>
              ) : u.lockedUntil ? (
                <span className="badge status-needs_correction">
                  {t('admin.users.lockedUntil', { time: formatTime(u.lockedUntil, lang) })}
                </span>
              ) : (
                <span className="badge status-approved">{t('admin.users.active')}</span>
              )}
            </td>
            <td>
              {editing === u.id ? (
                <EditUser
                  user={u}
                  onClose={() => setEditing(null)}
                  onChanged={(message) => {
                    setEditing(null);
                    action.clear();
                    setNotice(message);
                    list.reload();
                  }}
                />
              ) : (
                <RowActions
                  actions={[
                    { label: t('admin.users.edit'), onClick: () => (setEditing(u.id), setNotice(null)) },
                    {
                      label: u.disabled ? t('admin.users.enable') : t('admin.users.disable'),
                      disabled: action.busy,
                      onClick: () =>
                        void action
                          .run(
                            () => api.updateUser(u.id, { disabled: !u.disabled }),
                            (r) =>
                              u.disabled
                                ? t('admin.users.enabled', { name: u.username })
                                : t('admin.users.disabledDone', { name: u.username, count: r.sessionsEnded }),
                          )
                          .then(list.reload),
                    },
                    u.lockedUntil
                      ? {
                          label: t('admin.users.unlock'),
                          onClick: () =>
                            void action
                              .run(
                                () => api.unlockUser(u.id),
                                () => t('admin.users.unlocked', { name: u.username }),
                              )
                              .then(list.reload),
                        }
                      : null,
                    { label: t('admin.users.logoutEverywhere'), onClick: () => logoutEverywhere(u) },
                  ]}
                />
              )}
            </td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}

function NewUser({ onCreated }: { onCreated(user: AdminUser): void }) {
  const api = useAdminApi();
  const { t } = useI18n();
  const action = useAction();
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState({ username: '', password: '', role: 'enumerator', areas: '' });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const created = await action.run(() =>
      api.createUser({ ...form, role: form.role as AdminUser['role'], areas: splitAreas(form.areas) }),
    );
    if (created) {
      setForm({ username: '', password: '', role: 'enumerator', areas: '' });
      setOpen(false);
      onCreated(created);
    }
  };
  if (!open) {
    return (
      <button type="button" className="primary" onClick={() => setOpen(true)}>
        + {t('admin.users.new')}
      </button>
    );
  }
  return (
    <form className="card admin-form" onSubmit={(e) => void submit(e)} aria-label={t('admin.users.new')}>
      <h3>{t('admin.users.new')}</h3>
      <label>
        {t('admin.users.username')}
        <input
          name="username"
          autoComplete="off"
          required
          value={form.username}
          onChange={(e) => setForm({ ...form, username: e.target.value })}
        />
      </label>
      <label>
        {t('admin.users.password')}
        <input
          name="password"
          type="password"
          autoComplete="new-password"
          required
          aria-describedby="password-rules"
          value={form.password}
          onChange={(e) => setForm({ ...form, password: e.target.value })}
        />
      </label>
      <small id="password-rules" className="muted">
        {t('admin.users.passwordRules')}
      </small>
      <RoleSelect value={form.role} onChange={(role) => setForm({ ...form, role })} />
      <label>
        {t('admin.users.areas')}
        <input
          name="areas"
          required
          placeholder="CL03010101, CL03010102"
          aria-describedby="areas-hint"
          value={form.areas}
          onChange={(e) => setForm({ ...form, areas: e.target.value })}
        />
      </label>
      <small id="areas-hint" className="muted">
        {t('admin.users.areasHint')}
      </small>
      <ErrorMessage error={action.error} />
      <div className="admin-actions">
        <button type="submit" className="primary" disabled={action.busy}>
          {t('admin.users.create')}
        </button>
        <button type="button" className="secondary" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

function RoleSelect({ value, onChange }: { value: string; onChange(role: string): void }) {
  const { t } = useI18n();
  return (
    <label>
      {t('admin.users.role')}
      <select name="role" value={value} onChange={(e) => onChange(e.target.value)}>
        {roles.map((r) => (
          <option key={r} value={r}>
            {t(`role.${r}` as MessageKey)}
          </option>
        ))}
      </select>
    </label>
  );
}

function EditUser({
  user,
  onClose,
  onChanged,
}: {
  user: AdminUser;
  onClose(): void;
  onChanged(message: string): void;
}) {
  const api = useAdminApi();
  const { t } = useI18n();
  const action = useAction();
  const [role, setRole] = useState<string>(user.role);
  const [areas, setAreas] = useState(user.areas.join(', '));
  const [password, setPassword] = useState('');
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const result = await action.run(() =>
      api.updateUser(user.id, { role: role as AdminUser['role'], areas: splitAreas(areas) }),
    );
    if (result) onChanged(t('admin.users.saved', { name: user.username }));
  };
  const reset = async () => {
    const result = await action.run(() => api.resetPassword(user.id, password));
    if (result) onChanged(t('admin.users.passwordReset', { name: user.username, count: result.sessionsEnded }));
  };
  return (
    <div className="admin-form">
      <form onSubmit={(e) => void save(e)} aria-label={t('admin.users.edit')}>
        <RoleSelect value={role} onChange={setRole} />
        <label>
          {t('admin.users.areas')}
          <input name="areas" value={areas} onChange={(e) => setAreas(e.target.value)} />
        </label>
        <div className="admin-actions">
          <button type="submit" className="primary" disabled={action.busy}>
            {t('admin.save')}
          </button>
          <button type="button" className="secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
      <label>
        {t('admin.users.newPassword')}
        <input
          name="new-password"
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      <button
        type="button"
        className="secondary"
        disabled={action.busy || password === ''}
        onClick={() => void reset()}
      >
        {t('admin.users.resetPassword')}
      </button>
      <ErrorMessage error={action.error} />
    </div>
  );
}
