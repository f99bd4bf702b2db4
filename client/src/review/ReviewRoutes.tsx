import { Route, Switch } from 'wouter';
import { ReviewQueueScreen } from './ReviewQueueScreen.js';
import { ReviewRecordScreen } from './ReviewRecordScreen.js';
import { TeamScreen } from './TeamScreen.js';

/** The supervisor's screens (loaded only when a supervisor or HQ user opens them). */
export function ReviewRoutes() {
  return (
    <Switch>
      <Route path="/review/:id">{(params) => <ReviewRecordScreen id={params.id} />}</Route>
      <Route path="/review">
        <ReviewQueueScreen />
      </Route>
      <Route path="/team">
        <TeamScreen />
      </Route>
    </Switch>
  );
}
