import { useI18n } from '../i18n/i18n.js';
import { ConnectionChecks } from '../pairing/ConnectionChecks.js';
import { QrCode } from '../pairing/QrCode.js';
import { ErrorMessage, Loading } from './ui.js';
import { useResource } from '../api/client.js';

/**
 * Pairing a tablet: the server's address as a QR code that opens the connection check on the tablet (and, for a
 * LAN-only server, the certificate to trust first), with the same check run here for this browser.
 */
export function PairingScreen() {
  const { t } = useI18n();
  const info = useResource('GET /api/admin/pairing');
  const data = info.data;
  const connect = data ? `${data.address}/connect` : '';
  const httpsAddress = data?.address.startsWith('https://') ?? false;
  // The page is on HTTPS but the server saw plain HTTP: the proxy's X-Forwarded-Proto is not trusted.
  const proxyNotTrusted = data !== null && location.protocol === 'https:' && data.requestProtocol === 'http';

  return (
    <section aria-labelledby="pairing-title">
      <h2 id="pairing-title">{t('pairing.title')}</h2>
      <Loading loading={info.loading} />
      <ErrorMessage error={info.error} />
      {data ? (
        <>
          <p>
            {t('pairing.address')} <strong data-testid="pairing-address">{data.address}</strong>
          </p>
          {!data.configured ? <p className="muted">{t('pairing.notConfigured')}</p> : null}
          {!httpsAddress ? (
            <p className="error" role="alert">
              {t('pairing.needsHttps')}
            </p>
          ) : null}
          {proxyNotTrusted ? (
            <p className="error" role="alert">
              {t('pairing.trustProxy')}
            </p>
          ) : null}
          <div className="pairing-steps">
            {data.caCertificateUrl ? (
              <figure>
                <QrCode text={data.caCertificateUrl} label={t('pairing.caQr')} />
                <figcaption>
                  <strong>{t('pairing.step', { n: 1 })}</strong> {t('pairing.caStep')}
                  <br />
                  <code>{data.caCertificateUrl}</code>
                </figcaption>
              </figure>
            ) : null}
            <figure>
              <QrCode text={connect} label={t('pairing.appQr')} />
              <figcaption>
                {data.caCertificateUrl ? <strong>{t('pairing.step', { n: 2 })} </strong> : null}
                {t('pairing.appStep')}
                <br />
                <code>{connect}</code>
              </figcaption>
            </figure>
          </div>
          {data.caCertificateUrl ? (
            <>
              <h3>{t('pairing.android.title')}</h3>
              <ol>
                <li>{t('pairing.android.1')}</li>
                <li>{t('pairing.android.2')}</li>
                <li>{t('pairing.android.3')}</li>
                <li>{t('pairing.android.4')}</li>
              </ol>
            </>
          ) : null}
        </>
      ) : null}
      <h3>{t('pairing.thisBrowser')}</h3>
      <ConnectionChecks />
    </section>
  );
}
