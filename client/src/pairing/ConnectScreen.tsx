import { Link } from 'wouter';
import { useI18n } from '../i18n/i18n.js';
import { LanguagePicker } from '../ui/LanguagePicker.js';
import { ConnectionChecks } from './ConnectionChecks.js';

/**
 * The page the pairing QR code opens on a tablet (/connect), before anyone logs in: is this connection good
 * enough for the app (HTTPS, trusted certificate, clock), and then how to install the app and log in.
 */
export function ConnectScreen() {
  const { t } = useI18n();
  return (
    <main className="connect">
      <LanguagePicker />
      <h1>{t('pairing.connect.title')}</h1>
      <p>{t('pairing.connect.intro', { address: location.origin })}</p>
      <ConnectionChecks />
      <h2>{t('pairing.connect.installTitle')}</h2>
      <ol>
        <li>{t('pairing.connect.install1')}</li>
        <li>{t('pairing.connect.install2')}</li>
      </ol>
      <Link href="/" className="button primary">
        {t('pairing.connect.open')}
      </Link>
    </main>
  );
}
