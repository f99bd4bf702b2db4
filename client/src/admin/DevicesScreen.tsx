import { useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.js';
import { useAdminApi } from './api.js';
import { Done, ErrorMessage, formatTime, Loading, useAction } from './ui.js';
import { useResource } from '../api/client.js';

/** Devices that synced: who, when, which app version, how many records wait; revoke a lost tablet. */
export function DevicesScreen() {
  const api = useAdminApi();
  const { t, lang } = useI18n();
  const list = useResource('GET /api/admin/devices');
  const action = useAction();
  const devices = list.data?.devices ?? [];

  const revoke = (deviceId: string, username: string) => {
    if (!window.confirm(t('admin.devices.revokeConfirm', { device: deviceId, name: username }))) return;
    void action
      .run(
        () => api.revokeDevice(deviceId),
        (r) => t('admin.sessionsEnded', { count: r.sessionsEnded }),
      )
      .then(list.reload);
  };
  const logoutUser = (userId: string, username: string) => {
    if (!window.confirm(t('admin.users.logoutEverywhereConfirm', { name: username }))) return;
    void action
      .run(
        () => api.revokeUserSessions(userId),
        (r) => t('admin.sessionsEnded', { count: r.sessionsEnded }),
      )
      .then(list.reload);
  };

  return (
    <section aria-labelledby="devices-title">
      <h2 id="devices-title">{t('admin.devices.title')}</h2>
      <p className="muted">{t('admin.devices.intro')}</p>
      <button type="button" className="secondary" onClick={list.reload}>
        {t('admin.refresh')}
      </button>
      <Loading loading={list.loading} />
      <ErrorMessage error={list.error} />
      <ErrorMessage error={action.error} />
      <Done message={action.done} />
      {devices.length === 0 && !list.loading ? <p className="muted">{t('admin.devices.none')}</p> : null}
      <div className="table-scroll" tabIndex={0}>
        <table className="admin-table" data-testid="devices-table">
          <thead>
            <tr>
              <th>{t('admin.devices.device')}</th>
              <th>{t('admin.devices.user')}</th>
              <th>{t('admin.devices.lastSync')}</th>
              <th>{t('admin.devices.app')}</th>
              <th>{t('admin.devices.waiting')}</th>
              <th>{t('admin.devices.sessions')}</th>
              <th>{t('admin.devices.lastImport')}</th>
              <th>{t('admin.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {devices.map((d) => (
              <tr
                key={`${d.deviceId}|${d.user.id}`}
                data-testid="device-row"
                data-device={d.deviceId}
                data-username={d.user.username}
              >
                <td className="wrap">
                  <code>{d.deviceId}</code>
                  <br />
                  <small className="muted">{d.ip ?? ''}</small>
                </td>
                <td>
                  {d.user.username}
                  <br />
                  <small className="muted">{t(`role.${d.user.role}` as MessageKey)}</small>
                </td>
                <td>{d.lastSyncAt ? formatTime(d.lastSyncAt, lang) : t('admin.devices.never')}</td>
                <td>{d.appVersion ?? '?'}</td>
                <td className={d.queue ? 'waiting' : ''}>{d.queue ?? '?'}</td>
                <td>
                  {d.revokedAt
                    ? t('admin.devices.revokedAt', { time: formatTime(d.revokedAt, lang) })
                    : d.activeSessions}
                </td>
                <td className="wrap" data-testid="device-last-import">
                  {d.lastImport ? (
                    <>
                      {t('admin.devices.lastImportRecords', {
                        time: formatTime(d.lastImport.importedAt, lang),
                        records: d.lastImport.records,
                        new: d.lastImport.newRecords,
                      })}
                      {d.lastImport.media ? (
                        <>
                          <br />
                          <small className={d.lastImport.media.refused ? 'warn' : 'muted'}>
                            {t('import.media', {
                              stored: d.lastImport.media.stored,
                              already: d.lastImport.media.alreadyThere,
                              refused: d.lastImport.media.refused,
                            })}
                          </small>
                        </>
                      ) : null}
                    </>
                  ) : (
                    <span className="muted">{t('admin.devices.noImport')}</span>
                  )}
                </td>
                <td>
                  <div className="admin-actions">
                    <button
                      type="button"
                      className="secondary"
                      disabled={action.busy || d.activeSessions === 0}
                      onClick={() => revoke(d.deviceId, d.user.username)}
                    >
                      {t('admin.devices.revoke')}
                    </button>
                    <button
                      type="button"
                      className="secondary"
                      disabled={action.busy}
                      onClick={() => logoutUser(d.user.id, d.user.username)}
                    >
                      {t('admin.users.logoutEverywhere')}
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
