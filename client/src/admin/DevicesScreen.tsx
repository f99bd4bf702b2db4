import { useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.js';
import { useAdminApi } from './api.js';
import { Done, ErrorMessage, formatTime, Loading, useAction, useLogoutEverywhere } from './ui.js';
import { DataTable, RowActions } from '../ui/DataTable.js';
import { useResource } from '../api/client.js';

/** Devices that synced: who, when, which app version, how many records wait; revoke a lost tablet. */
export function DevicesScreen() {
  const api = useAdminApi();
  const { t, lang } = useI18n();
  const list = useResource('GET /api/admin/devices');
  const action = useAction();
  const devices = list.data?.devices ?? [];

  const revoke = (deviceId: string, username: string) =>
    void action
      .confirmThenRun(
        t('admin.devices.revokeConfirm', { device: deviceId, name: username }),
        () => api.revokeDevice(deviceId),
        (r) => t('admin.sessionsEnded', { count: r.sessionsEnded }),
      )
      .then(list.reload);
  const logoutEverywhere = useLogoutEverywhere(action, list.reload);

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
      <DataTable
        testId="devices-table"
        headers={[
          t('admin.devices.device'),
          t('admin.devices.user'),
          t('admin.devices.lastSync'),
          t('admin.devices.app'),
          t('admin.devices.waiting'),
          t('admin.devices.sessions'),
          t('admin.devices.lastImport'),
          t('admin.actions'),
        ]}
      >
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
              {d.revokedAt ? t('admin.devices.revokedAt', { time: formatTime(d.revokedAt, lang) }) : d.activeSessions}
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
              <RowActions
                actions={[
                  {
                    label: t('admin.devices.revoke'),
                    disabled: action.busy || d.activeSessions === 0,
                    onClick: () => revoke(d.deviceId, d.user.username),
                  },
                  {
                    label: t('admin.users.logoutEverywhere'),
                    disabled: action.busy,
                    onClick: () => logoutEverywhere(d.user),
                  },
                ]}
              />
            </td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}
