import type * as S from '@kusanya/schemas';

/**
 * The API routes the app calls, by method and path template, with their query, body and 200 answer types taken
 * from schemas/ (the same JSON Schemas the server declares on each route). A response is never cast to a type
 * written here: a route missing from this map cannot be called through `api/client.ts`.
 */
export interface Routes {
  'GET /api/me/areas': { response: S.MyAreasResponse };
  'GET /api/review/queue': { query: S.ReviewQueueQuery; response: S.ReviewQueueResponse };
  'GET /api/review/submissions/:id': { response: S.SubmissionReview };
  'POST /api/review/submissions/:id/decision': { body: S.DecisionRequest; response: S.DecisionResponse };
  'POST /api/review/candidates/:id/decision': { body: S.CandidateDecisionRequest; response: S.DuplicateCandidate };
  'POST /api/review/bulk-approve': { body: S.BulkApproveRequest; response: S.BulkApproveResponse };
  'GET /api/review/team': { response: S.TeamResponse };
  'GET /api/registry/search': { query: S.RegistrySearchQuery; response: S.RegistrySearchResponse };
  'GET /api/registry/households/:id': { response: S.HouseholdPage };
  'GET /api/forms/:formId/labels': { query: { version?: string }; response: S.FormLabels };
  'GET /api/locations/children': { query: S.LocationChildrenQuery; response: S.LocationList };
  'GET /api/grievances/meta': { response: S.GrievanceMeta };
  'GET /api/grievances/tickets': { query: S.TicketListQuery; response: S.TicketListResponse };
  'GET /api/grievances/tickets/:id': { response: S.TicketDetail };
  'POST /api/grievances/tickets/:id/status': { body: S.TicketStatusRequest; response: S.TicketDetail };
  'POST /api/grievances/tickets/:id/assign': { body: S.TicketAssignRequest; response: S.TicketDetail };
  'POST /api/grievances/tickets/:id/comments': { body: S.TicketCommentRequest; response: S.TicketDetail };
  'GET /api/dashboards/indicators': { query: S.IndicatorDashboardQuery; response: S.IndicatorDashboard };
  'GET /api/dashboards/operations': { query: S.OperationsDashboardQuery; response: S.OperationsDashboard };
  'GET /api/indicators': { response: S.IndicatorList };
  'PUT /api/indicators/:code': { body: S.IndicatorSaveRequest; response: S.Indicator };
  'GET /api/indicators/targets': { query: S.TargetsQuery; response: S.TargetList };
  'PUT /api/indicators/targets': { body: S.TargetsSaveRequest; response: S.TargetList };
  'GET /api/exports/progress/:id': { response: S.ExportProgress };
  'GET /api/admin/users': { response: S.AdminUserList };
  'POST /api/admin/users': { body: S.CreateUserRequest; response: S.AdminUser };
  'PATCH /api/admin/users/:id': { body: S.UpdateUserRequest; response: S.UserChangeResult };
  'POST /api/admin/users/:id/password': { body: S.SetPasswordRequest; response: S.SessionsEnded };
  'POST /api/admin/users/:id/unlock': { response: undefined };
  'POST /api/admin/users/:id/revoke-sessions': { response: S.SessionsEnded };
  'GET /api/admin/areas': { query: S.AreaQuery; response: S.AreaList };
  'GET /api/admin/devices': { response: S.AdminDeviceList };
  'POST /api/admin/devices/:id/revoke': { response: S.SessionsEnded };
  'GET /api/admin/api-tokens': { response: S.ApiTokenList };
  'POST /api/admin/api-tokens': { body: S.ApiTokenCreateRequest; response: S.ApiTokenCreateResponse };
  'POST /api/admin/api-tokens/:name/revoke': { response: S.ApiToken };
  'GET /api/admin/forms': { response: S.AdminFormList };
  'POST /api/admin/forms': { body: S.FormDefinition; response: S.FormChangeResult };
  'POST /api/admin/forms/:formId/:version/retire': { response: S.FormChangeResult };
  'GET /api/admin/audit': { query: S.AuditQuery; response: S.AuditPage };
  'GET /api/admin/backups': { response: S.BackupList };
  'POST /api/admin/backups': { response: S.BackupInfo };
  'POST /api/admin/backups/:name/verify': { response: S.BackupVerify };
  'POST /api/admin/backups/:name/copy': { response: S.BackupCopyResult };
  'GET /api/admin/pairing': { response: S.PairingInfo };
  'GET /api/media/records/:id': { response: S.RecordMedia };
}

export type Route = keyof Routes;
export type GetRoute = { [R in Route]: R extends `GET ${string}` ? R : never }[Route];

/** `:name` segments of a path template. */
type ParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamNames<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;
type PathOf<R extends Route> = R extends `${string} ${infer P}` ? P : never;

export type ResponseOf<R extends Route> = Routes[R]['response'];
type QueryOf<R extends Route> = Routes[R] extends { query: infer Q } ? Q : never;
type BodyOf<R extends Route> = Routes[R] extends { body: infer B } ? B : never;

/**
 * A query's fields by name; values may also be the text read from the address bar (the server checks them
 * against the query schema), so a misspelt field fails to compile while a filter kept in the URL passes as is.
 */
type QueryArgs<Q> = { [K in keyof Q]?: Q[K] | string | readonly string[] | null };

/** What a call to `R` needs: its path parameters, its query (optional fields), its body. */
export type CallArgs<R extends Route> = ([ParamNames<PathOf<R>>] extends [never]
  ? { params?: undefined }
  : { params: Record<ParamNames<PathOf<R>>, string> }) &
  ([QueryOf<R>] extends [never] ? { query?: undefined } : { query?: QueryArgs<QueryOf<R>> }) &
  ([BodyOf<R>] extends [never] ? { body?: undefined } : { body: BodyOf<R> });

type QueryValue = string | number | boolean | null | undefined | readonly string[];

/** A query string from the set values only. */
export function query(params: Record<string, QueryValue> | object): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params) as [string, QueryValue][]) {
    if (value === null || value === undefined || value === '' || value === false) continue;
    if (Array.isArray(value)) for (const v of value as readonly string[]) search.append(key, v);
    else search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** The method and URL of a call: parameters encoded into the path, the query appended. */
export function requestLine<R extends Route>(route: R, args: { params?: object; query?: object } = {}) {
  const space = route.indexOf(' ');
  const method = route.slice(0, space) as 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  const params = (args.params ?? {}) as Record<string, string>;
  const path = route.slice(space + 1).replace(/:(\w+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${route}: missing parameter ${name}`);
    return encodeURIComponent(value);
  });
  return { method, url: path + query(args.query ?? {}) };
}
