import { lazy, Suspense, useCallback, useState } from 'react';
import { Link, Route, Switch, useLocation, useSearch } from 'wouter';
import { CAPTURE_ROLES, REVIEW_ROLES } from '../auth/roles.js';
import { SessionProvider, useSession } from '../auth/session.js';
import { useWorkspace, WorkspaceProvider } from '../db/workspace.js';
import { CompiledFormsProvider } from '../form/compiled-forms.js';
import { hqLinks } from '../hq/nav.js';
import { I18nProvider, useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.js';
import { UpdatePrompt } from '../pwa/UpdatePrompt.js';
import { FormScreen } from '../screens/FormScreen.js';
import { HomeScreen } from '../screens/HomeScreen.js';
import { HouseholdsScreen } from '../screens/HouseholdsScreen.js';
import { LoginScreen } from '../screens/LoginScreen.js';
import { finishedFrom } from '../screens/FinishFlash.js';
import { OutboxScreen } from '../screens/OutboxScreen.js';
import { RecordScreen } from '../screens/RecordScreen.js';
import { SettingsScreen } from '../screens/SettingsScreen.js';
import { LanguagePicker } from '../ui/LanguagePicker.js';
import { ConnectScreen } from '../pairing/ConnectScreen.js';
import { SyncBar } from '../ui/SyncBar.js';

/** Review, administration and office screens are loaded only when opened (enumerators' tablets never parse them). */
const ReviewRoutes = lazy(() => import('../review/ReviewRoutes.js').then((m) => ({ default: m.ReviewRoutes })));
const AdminRoutes = lazy(() => import('../admin/AdminRoutes.js').then((m) => ({ default: m.AdminRoutes })));
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
  const [location] = useLocation();
  return (
    <>
      <UpdatePrompt formOpen={formOpen} />
      {/* The pairing QR code's page: checks the tablet's connection before anyone logs in. */}
      {location === '/connect' ? (
        <ConnectScreen />
      ) : session ? (
        <WorkspaceProvider session={session} onUnauthorized={tokenRejected} fallback={<main aria-busy="true" />}>
          <CompiledFormsProvider>
            <TopBar />
            <SyncBar />
            <Routes onFormOpen={onFormOpen} />
          </CompiledFormsProvider>
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
        {session && CAPTURE_ROLES.has(session.user.role) ? <Link href="/households">{t('nav.households')}</Link> : null}
        <Link href="/settings">{t('nav.settings')}</Link>
        {session && REVIEW_ROLES.has(session.user.role) ? (
          <>
            <Link href="/review">{t('nav.review')}</Link>
            <Link href="/team">{t('nav.team')}</Link>
          </>
        ) : null}
        {hqLinks(session?.user.role).map((link) => (
          <Link key={link.path} href={link.path}>
            {t(link.key as MessageKey)}
          </Link>
        ))}
        {session?.user.role === 'admin' ? <Link href="/admin">{t('admin.nav')}</Link> : null}
      </nav>
      <span className="muted">{session?.user.username}</span>
      <LanguagePicker />
      <LogoutButton onLogout={logout} />
    </header>
  );
}

/** Logging out never deletes local records (each user has their own database); with work not sent it asks first. */
function LogoutButton({ onLogout }: { onLogout(): Promise<void> }) {
  const { t } = useI18n();
  const { db } = useWorkspace();
  const [, navigate] = useLocation();
  const logout = async () => {
    const waiting = await db.submissions.count({ selector: { status: 'submitted' } }).exec();
    const drafts = (await db.drafts.find({ selector: { kind: { $in: ['new', 'correction'] } } }).exec()).length;
    if (waiting + drafts > 0 && !window.confirm(t('logout.unsynced', { count: waiting, drafts }))) return;
    // The next person starts from the home screen, not from the last one's page.
    navigate('/', { replace: true });
    await onLogout();
  };
  return (
    <button type="button" className="secondary" onClick={() => void logout()}>
      {t('home.logout')}
    </button>
  );
}

function Routes({ onFormOpen }: { onFormOpen(open: boolean): void }) {
  const search = useSearch();
  return (
    <Switch>
      <Route path="/draft/:id">{(params) => <FormScreen draftId={params.id} onOpenChange={onFormOpen} />}</Route>
      <Route path={/^\/(review|team)(\/.*)?$/}>
        <Suspense fallback={<main aria-busy="true" />}>
          <ReviewRoutes />
        </Suspense>
      </Route>
      <Route path="/admin" nest>
        <Suspense fallback={<main aria-busy="true" />}>
          <AdminRoutes />
        </Suspense>
      </Route>
      <Route path="/hq" nest>
        <Suspense fallback={<main aria-busy="true" />}>
          <HqRoutes />
        </Suspense>
      </Route>
      <Route path="/outbox">
        <OutboxScreen finished={finishedFrom(new URLSearchParams(search))} />
      </Route>
      <Route path="/outbox/:id">{(params) => <RecordScreen id={params.id} />}</Route>
      <Route path="/households">
        <HouseholdsScreen />
      </Route>
      <Route path="/settings">
        <SettingsScreen />
      </Route>
      <Route>
        <HomeScreen />
      </Route>
    </Switch>
  );
}
