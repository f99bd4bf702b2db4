import { Link, Route, Switch, useLocation } from 'wouter';
import { useSession } from '../auth/session.js';
import { useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.js';
import { ApiTokensScreen } from './ApiTokensScreen.js';
import { AreasScreen } from './AreasScreen.js';
import { AuditScreen } from './AuditScreen.js';
import { BackupsScreen } from './BackupsScreen.js';
import { DevicesScreen } from './DevicesScreen.js';
import { FormImportScreen } from './FormImportScreen.js';
import { FormsScreen } from './FormsScreen.js';
import { PairingScreen } from './PairingScreen.js';
import { OnlineOnly } from './ui.js';
import { UsersScreen } from './UsersScreen.js';

const SECTIONS = [
  ['users', UsersScreen],
  ['areas', AreasScreen],
  ['devices', DevicesScreen],
  ['forms', FormsScreen],
  ['audit', AuditScreen],
  ['backups', BackupsScreen],
  ['api-tokens', ApiTokensScreen],
  ['pairing', PairingScreen],
] as const;

/** The administration screens (admin role, online only), nested under /admin. */
export function AdminRoutes() {
  const { t } = useI18n();
  const { session } = useSession();
  const [location] = useLocation();
  if (session?.user.role !== 'admin') {
    return (
      <main>
        <p className="info">{t('admin.adminOnly')}</p>
      </main>
    );
  }
  return (
    <main className="admin">
      <h1>{t('admin.title')}</h1>
      <nav aria-label={t('admin.title')} className="admin-tabs">
        {SECTIONS.map(([name]) => (
          <Link key={name} href={`/${name}`} aria-current={location === `/${name}` ? 'page' : undefined}>
            {t(`admin.tab.${name}` as MessageKey)}
          </Link>
        ))}
      </nav>
      {session.token === null ? <p className="info">{t('admin.needsOnlineLogin')}</p> : null}
      <OnlineOnly>
        <Switch>
          <Route path="/forms/import">
            <FormImportScreen />
          </Route>
          {SECTIONS.map(([name, Screen]) => (
            <Route key={name} path={`/${name}`}>
              <Screen />
            </Route>
          ))}
          <Route>
            <UsersScreen />
          </Route>
        </Switch>
      </OnlineOnly>
    </main>
  );
}
