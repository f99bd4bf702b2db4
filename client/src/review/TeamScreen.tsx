import { useI18n } from '../i18n/i18n.js';
import { useResource } from '../api/client.js';
import { errorText } from '../api/error-text.js';
import { DataTable } from '../ui/DataTable.js';

/** Per enumerator and device: records this week, waiting, to correct, returned, last sync, app version. */
export function TeamScreen() {
  const { t, lang } = useI18n();
  const team = useResource('GET /api/review/team');
  const when = (iso: string | null) =>
    iso
      ? new Date(iso).toLocaleString(lang === 'rn' ? 'fr' : lang, { dateStyle: 'short', timeStyle: 'short' })
      : t('team.never');
  return (
    <main className="review">
      <h1>{t('team.title')}</h1>
      {team.offline ? <p className="info">{t('review.onlineOnly')}</p> : null}
      {team.error && !team.offline ? (
        <p className="error" role="alert">
          {errorText(team.error, t)}
        </p>
      ) : null}
      {team.loading && !team.data ? <progress aria-label={t('review.loading')} /> : null}
      {team.data ? (
        <DataTable
          testId="team"
          look="data-table"
          headers={[
            t('team.enumerator'),
            t('team.thisWeek'),
            t('team.waiting'),
            t('team.needsCorrection'),
            t('team.returned'),
            t('team.lastRecord'),
            t('team.devices'),
          ]}
        >
          {team.data.enumerators.map((e) => (
            <tr key={e.id}>
              <th scope="row">{e.username}</th>
              <td>{e.thisWeek}</td>
              <td>{e.waiting}</td>
              <td>{e.needsCorrection}</td>
              <td>{e.returned}</td>
              <td>{when(e.lastReceivedAt)}</td>
              <td>
                {e.devices.map((d) => (
                  <div key={d.deviceId}>
                    {when(d.lastSyncAt)} · {d.appVersion ?? '?'}
                    {d.queue !== null ? ` · ${d.queue}` : ''}
                  </div>
                ))}
              </td>
            </tr>
          ))}
        </DataTable>
      ) : null}
    </main>
  );
}
