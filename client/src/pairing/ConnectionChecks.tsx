import { useCallback, useEffect, useState } from 'react';
import { useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.js';
import { checkConnection, type CheckState, type ConnectionCheck } from './connection-check.js';

const MARK: Record<CheckState, string> = { ok: '✔', problem: '✖', unknown: '?' };

/** The connection checks of this browser, in words, each with what to do when it fails. */
export function ConnectionChecks() {
  const { t } = useI18n();
  const [result, setResult] = useState<ConnectionCheck | null>(null);
  const [running, setRunning] = useState(true);
  const run = useCallback(() => {
    setRunning(true);
    void checkConnection().then((r) => {
      setResult(r);
      setRunning(false);
    });
  }, []);
  useEffect(run, [run]);

  if (!result) return <progress className="wide" aria-label={t('pairing.checking')} />;
  const minutes = Math.round(Math.abs(result.clockOffsetSeconds ?? 0) / 60);
  const rows: { key: string; state: CheckState; text: string }[] = [
    { key: 'server', state: result.server, text: t(`pairing.check.server.${result.server}` as MessageKey) },
    {
      key: 'https',
      state: result.localhost ? 'problem' : result.https,
      text: result.localhost ? t('pairing.check.localhost') : t(`pairing.check.https.${result.https}` as MessageKey),
    },
    {
      key: 'certificate',
      state: result.certificate,
      text: t(`pairing.check.certificate.${result.certificate}` as MessageKey),
    },
    {
      key: 'clock',
      state: result.clock,
      text:
        result.clock === 'problem'
          ? t((result.clockOffsetSeconds ?? 0) > 0 ? 'pairing.check.clock.ahead' : 'pairing.check.clock.behind', {
              minutes,
            })
          : t(`pairing.check.clock.${result.clock}` as MessageKey),
    },
  ];
  const allGood = rows.every((r) => r.state === 'ok');
  return (
    <div>
      <ul className={allGood ? 'checks' : 'checks error'} data-testid="connection-checks">
        {rows.map((r) => (
          <li key={r.key} data-check={r.key} data-state={r.state}>
            {MARK[r.state]} {r.text}
          </li>
        ))}
      </ul>
      <p role="status" className={allGood ? 'info' : 'error'}>
        {allGood ? t('pairing.check.allGood') : t('pairing.check.fix')}
      </p>
      <button type="button" className="secondary" disabled={running} onClick={run}>
        {t('pairing.check.again')}
      </button>
    </div>
  );
}
