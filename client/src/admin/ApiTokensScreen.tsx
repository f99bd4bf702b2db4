import type { ApiTokenList } from '@kusanya/schemas';
import { useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { useAdminApi } from './api.js';
import { Done, ErrorMessage, formatTime, Loading, useAction } from './ui.js';
import { useResource } from '../api/client.js';
import { DataTable } from '../ui/DataTable.js';

const splitCodes = (text: string) =>
  text
    .split(/[\s,;]+/)
    .map((c) => c.trim())
    .filter(Boolean);

/**
 * API tokens of other systems (DESIGN.md §8): the MIS reads the forms it read from KoboToolbox with one.
 * Created for chosen forms (and areas), shown once, listed without the token itself, revoked in one click.
 */
export function ApiTokensScreen() {
  const api = useAdminApi();
  const { t, lang } = useI18n();
  const list = useResource('GET /api/admin/api-tokens');
  const action = useAction();
  const [shown, setShown] = useState<{ name: string; token: string } | null>(null);
  const tokens = list.data?.tokens ?? [];
  const assetName = new Map((list.data?.assets ?? []).map((a) => [a.uid, a.name]));

  const revoke = (name: string) =>
    void action
      .confirmThenRun(
        t('admin.apiTokens.revokeConfirm', { name }),
        () => api.revokeApiToken(name),
        () => t('admin.apiTokens.revokedDone', { name }),
      )
      .then(list.reload);

  return (
    <section aria-labelledby="api-tokens-title">
      <h2 id="api-tokens-title">{t('admin.apiTokens.title')}</h2>
      <p className="muted">{t('admin.apiTokens.intro')}</p>
      <Loading loading={list.loading} />
      <ErrorMessage error={list.error} />
      <ErrorMessage error={action.error} />
      <Done message={action.done} />
      {shown ? (
        <div className="card" role="status" data-testid="new-api-token">
          <p>{t('admin.apiTokens.shownOnce', { name: shown.name })}</p>
          <input
            readOnly
            value={shown.token}
            aria-label={t('admin.apiTokens.token')}
            onFocus={(e) => e.target.select()}
          />
        </div>
      ) : null}
      {list.data ? (
        <NewToken
          assets={list.data.assets}
          onCreated={(name, token) => {
            setShown({ name, token });
            list.reload();
          }}
        />
      ) : null}
      {tokens.length === 0 && !list.loading ? <p className="muted">{t('admin.apiTokens.none')}</p> : null}
      <DataTable
        testId="api-tokens-table"
        headers={[
          t('admin.apiTokens.name'),
          t('admin.apiTokens.token'),
          t('admin.apiTokens.forms'),
          t('admin.apiTokens.areas'),
          t('admin.apiTokens.created'),
          t('admin.apiTokens.lastUsed'),
          t('admin.actions'),
        ]}
      >
        {tokens.map((token) => (
          <tr key={token.id}>
            <td>{token.name}</td>
            <td>
              <code>{token.prefix}…</code>
            </td>
            <td>{token.assets.map((uid) => assetName.get(uid) ?? uid).join(', ')}</td>
            <td>{token.areas?.join(', ') ?? t('admin.apiTokens.allAreas')}</td>
            <td>{formatTime(token.createdAt, lang)}</td>
            <td>{token.lastUsedAt ? formatTime(token.lastUsedAt, lang) : t('admin.apiTokens.never')}</td>
            <td>
              {token.revokedAt ? (
                t('admin.apiTokens.revoked', { date: formatTime(token.revokedAt, lang) })
              ) : (
                <button type="button" className="danger" disabled={action.busy} onClick={() => revoke(token.name)}>
                  {t('admin.apiTokens.revoke')}
                </button>
              )}
            </td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}

function NewToken({
  assets,
  onCreated,
}: {
  assets: ApiTokenList['assets'];
  onCreated(name: string, token: string): void;
}) {
  const api = useAdminApi();
  const { t } = useI18n();
  const action = useAction();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [areas, setAreas] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const [first, ...rest] = chosen;
    if (!first) return setProblem(t('admin.apiTokens.pickForm'));
    setProblem(null);
    const [area, ...moreAreas] = splitCodes(areas);
    const created = await action.run(() =>
      api.createApiToken({ name, assets: [first, ...rest], ...(area ? { areas: [area, ...moreAreas] } : {}) }),
    );
    if (created) {
      setOpen(false);
      setName('');
      setChosen([]);
      setAreas('');
      onCreated(created.apiToken.name, created.token);
    }
  };
  if (!open)
    return (
      <button type="button" className="primary" onClick={() => setOpen(true)}>
        + {t('admin.apiTokens.new')}
      </button>
    );
  return (
    <form className="card admin-form" onSubmit={(e) => void submit(e)} aria-label={t('admin.apiTokens.new')}>
      <h3>{t('admin.apiTokens.new')}</h3>
      <label>
        {t('admin.apiTokens.name')}
        <input
          name="name"
          required
          autoComplete="off"
          placeholder={t('admin.apiTokens.namePlaceholder')}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
      </label>
      <fieldset>
        <legend>{t('admin.apiTokens.forms')}</legend>
        {assets.map((a) => (
          <label key={a.uid} className="check">
            <input
              type="checkbox"
              checked={chosen.includes(a.uid)}
              onChange={(e) => setChosen(e.target.checked ? [...chosen, a.uid] : chosen.filter((uid) => uid !== a.uid))}
            />
            {a.name}
          </label>
        ))}
      </fieldset>
      <label>
        {t('admin.apiTokens.areas')}
        <input
          name="areas"
          aria-describedby="token-areas-hint"
          value={areas}
          onChange={(e) => setAreas(e.target.value)}
        />
      </label>
      <small id="token-areas-hint" className="muted">
        {t('admin.apiTokens.areasHint')}
      </small>
      {problem ? (
        <p className="error" role="alert">
          {problem}
        </p>
      ) : null}
      <ErrorMessage error={action.error} />
      <div className="admin-actions">
        <button type="submit" className="primary" disabled={action.busy}>
          {t('admin.apiTokens.create')}
        </button>
        <button type="button" className="secondary" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
