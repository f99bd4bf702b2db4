import { useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { LoginError, useSession } from '../auth/session.js';
import { useI18n } from '../i18n/i18n.js';
import { LanguagePicker } from '../ui/LanguagePicker.js';

export function LoginScreen() {
  const { login, expired, locked, lastUsername } = useSession();
  const { t, lang } = useI18n();
  const [username, setUsername] = useState(lastUsername);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login(username, password);
    } catch (e) {
      const reason = e instanceof LoginError ? e.reason : 'error';
      const until = e instanceof LoginError && e.until ? new Date(e.until) : null;
      setError(
        reason === 'wrong'
          ? t('login.wrong')
          : reason === 'offline-unknown'
            ? t('login.offlineUnknown')
            : reason === 'locked'
              ? until
                ? t('security.locked', {
                    time: until.toLocaleTimeString(lang === 'rn' ? 'fr' : lang, { hour: '2-digit', minute: '2-digit' }),
                  })
                : t('security.lockedNoTime')
              : reason === 'key-lost'
                ? t('security.keyLost')
                : t('login.error', { message: (e as Error).message }),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="login">
      <div className="login-card">
        <div className="login-head">
          <img src="/icons/icon.svg" alt="" width="56" height="56" />
          <h1>{t('app.name')}</h1>
          <LanguagePicker />
        </div>
        {expired ? (
          <p className="info" role="status">
            {t('login.expired')}
          </p>
        ) : null}
        {locked && !expired ? (
          <p className="info" role="status" data-testid="unlock-hint">
            {t('security.unlockHint', { name: lastUsername })}
          </p>
        ) : null}
        {!navigator.onLine ? <p className="info">{t('login.offlineHint')}</p> : null}
        <form onSubmit={submit}>
          <label htmlFor="username">{t('login.username')}</label>
          <input
            id="username"
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            required
          />
          <label htmlFor="password">{t('login.password')}</label>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
          {error ? (
            <p className="error" role="alert">
              {error}
            </p>
          ) : null}
          <button type="submit" className="primary wide" disabled={busy}>
            {busy ? t('login.working') : t('login.submit')}
          </button>
        </form>
        <p>
          <Link href="/connect">{t('login.checkConnection')}</Link>
        </p>
      </div>
    </main>
  );
}
