import { Route, Switch } from 'wouter';
import { useSession } from '../auth/session.js';
import { DashboardsScreen } from './DashboardsScreen.js';
import { ExportsScreen } from './ExportsScreen.js';
import { GrievancesScreen } from './GrievancesScreen.js';
import { HouseholdScreen } from './HouseholdScreen.js';
import { useHqI18n } from './i18n.js';
import { RegistrySearchScreen } from './RegistrySearchScreen.js';
import { SubmissionScreen } from './SubmissionScreen.js';
import { TargetsScreen } from './TargetsScreen.js';
import { TicketScreen } from './TicketScreen.js';
import './hq.css';

/**
 * The office screens (registry, grievances, dashboards, exports, indicator targets), loaded on demand
 * under /hq: the field app shell stays small. They work online only; the server checks every permission.
 */
export default function HqRoutes() {
  const { t } = useHqI18n();
  const { session } = useSession();
  if (!session?.token) {
    return (
      <main className="hq">
        <p className="info">{t('hq.onlineOnly')}</p>
      </main>
    );
  }
  return (
    <Switch>
      <Route path="/registry" component={RegistrySearchScreen} />
      <Route path="/households/:id">{(p) => <HouseholdScreen id={p.id} />}</Route>
      <Route path="/submissions/:id">{(p) => <SubmissionScreen id={p.id} />}</Route>
      <Route path="/grievances" component={GrievancesScreen} />
      <Route path="/grievances/:id">{(p) => <TicketScreen id={p.id} />}</Route>
      <Route path="/dashboards" component={DashboardsScreen} />
      <Route path="/exports" component={ExportsScreen} />
      <Route path="/targets" component={TargetsScreen} />
      <Route>
        <main className="hq">
          <p className="info">{t('hq.notFound')}</p>
        </main>
      </Route>
    </Switch>
  );
}
