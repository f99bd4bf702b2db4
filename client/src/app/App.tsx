import { lazy, Suspense, useCallback, useState } from 'react';
import { Link, Route, Switch, useSearch } from 'wouter';
import { SessionProvider, useSession } from '../auth/session.js';
import { useWorkspace, WorkspaceProvider } from '../db/workspace.js';
import { hqLinks } from '../hq/nav.js';
import { I18nProvider, useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.js';
import { UpdatePrompt } from '../pwa/UpdatePrompt.js';
import { FormScreen } from '../screens/FormScreen.js';
import { HomeScreen } from '../screens/HomeScreen.js';
import { LoginScreen } from '../screens/LoginScreen.js';
import { OutboxScreen } from '../screens/OutboxScreen.js';
import { LanguagePicker } from '../ui/LanguagePicker.js';
import { SyncBar } from '../ui/SyncBar.js';

/** Office screens (HQ, supervisors, grievance officers, admin): a separate chunk, loaded when opened. */
const HqRoutes = lazy(() => import('../hq/HqRoutes.js'));

export function App() {
  return (
    <I18nProvider>
      <SessionProvider>
        <Shell />
      </SessionProvider>
    </I18nProvider>
  );
}

function Shell() {
  const { session, tokenRejected } = useSession();
  const [formOpen, setFormOpen] = useState(false);
  const onFormOpen = useCallback((open: boolean) => setFormOpen(open), []);
  return (
    <>
      <UpdatePrompt formOpen={formOpen} />
      {session ? (
        <WorkspaceProvider session={session} onUnauthorized={tokenRejected} fallback={<main aria-busy="true" />}>
          <TopBar />
          <SyncBar />
          <Routes onFormOpen={onFormOpen} />
        </WorkspaceProvider>
      ) : (
        <LoginScreen />
      )}
    </>
  );
}

function TopBar() {
  const { t } = useI18n();
  const { logout, session } = useSession();
  return (
    <header className="top-bar">
      <strong className="brand">{t('app.name')}</strong>
      <nav aria-label={t('nav.label')} className="main-nav">
        <Link href="/">{t('nav.home')}</Link>
        <Link href="/outbox">{t('home.outbox')}</Link>
        {hqLinks(session?.user.role).map((link) => (
          <Link key={link.path} href={link.path}>
            {t(link.key as MessageKey)}
          </Link>
        ))}
      </nav>
      <span className="muted">{session?.user.username}</span>
      <LanguagePicker />
      <LogoutButton onLogout={logout} />
    </header>
  );
}

/** Logging out never deletes local records; with records still waiting it asks first. */
function LogoutButton({ onLogout }: { onLogout(): Promise<void> }) {
  const { t } = useI18n();
  const { db } = useWorkspace();
  const logout = async () => {
    const waiting = await db.submissions.count({ selector: { status: 'submitted' } }).exec();
    if (waiting > 0 && !window.confirm(t('home.logoutUnsynced', { count: waiting }))) return;
    await onLogout();
  };
  return (
    <button type="button" className="secondary" onClick={() => void logout()}>
      {t('home.logout')}
    </button>
  );
}

function Routes({ onFormOpen }: { onFormOpen(open: boolean): void }) {
  const { t } = useI18n();
  const search = useSearch();
  return (
    <Switch>
      <Route path="/draft/:id">{(params) => <FormScreen draftId={params.id} onOpenChange={onFormOpen} />}</Route>
      <Route path="/hq" nest>
        <Suspense fallback={<main aria-busy="true" />}>
          <HqRoutes />
        </Suspense>
      </Route>
      <Route path="/outbox">
        <OutboxScreen flash={new URLSearchParams(search).has('done') ? t('form.finalized') : undefined} />
      </Route>
      <Route>
        <HomeScreen />
      </Route>
    </Switch>
  );
}
