/**
 * The GET requests the leak test sends for a route, built from the route's own declaration (its path parameters and
 * query string schemas, as the server registered them) and the ids of everything the leak world seeded: a route
 * added later is called the same way without a line here, as long as its parameters are of a kind known below.
 */
import { allSchemas } from '@kusanya/schemas';
import type { RouteEntry } from '../../src/plugins/route-table.js';
import type { Pools } from './world.js';

interface SchemaNode {
  $ref?: string;
  type?: string | string[];
  enum?: readonly unknown[];
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  properties?: Record<string, SchemaNode>;
  required?: readonly string[];
}

const byId = new Map(allSchemas.map((s) => [(s as { $id: string }).$id, s as SchemaNode]));
const resolve = (schema: unknown): SchemaNode | null => {
  if (!schema || typeof schema !== 'object') return null;
  const node = schema as SchemaNode;
  return node.$ref ? (byId.get(node.$ref.replace(/#$/, '')) ?? null) : node;
};

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** Values to try for a path parameter: its enum, else the ids of the kind its name says, else every id. */
function pathValues(name: string, schema: SchemaNode | undefined, pools: Pools): string[] {
  if (schema?.enum) return schema.enum.map(String);
  const allIds = [
    ...pools.submissions,
    ...pools.tickets,
    ...pools.households,
    ...pools.users,
    ...pools.exports,
    ...pools.attachments.map(([, a]) => a),
  ];
  switch (name) {
    case 'attachmentId':
      return pools.attachments.map(([, a]) => a);
    case 'formId':
      return [...new Set(pools.forms.map((f) => f.formId))];
    case 'version':
      return [...new Set(pools.forms.map((f) => f.version))];
    case 'name':
      return pools.backups;
    case 'deviceId':
      return pools.devices;
    case 'code':
      return pools.indicators;
    case 'uid':
      return pools.assets;
    case 'sha256':
      return pools.formMedia;
    default:
      return allIds;
  }
}

/** Values to try for a query parameter; the first one is used when it is required. Empty: not varied. */
function queryValues(name: string, schema: SchemaNode, pools: Pools, searches: string[]): string[] {
  if (schema.enum) return schema.enum.map(String);
  const quarter = schema.pattern?.includes('Q');
  switch (name) {
    case 'area':
    case 'parent':
      return pools.areas;
    case 'formId':
      return [...new Set(pools.forms.map((f) => f.formId))];
    case 'version':
      return [...new Set(pools.forms.map((f) => f.version))];
    case 'enumeratorId':
    case 'actor':
      return pools.enumerators;
    case 'q':
      return searches;
    case 'from':
      return [quarter ? '2026-Q1' : day(-30)];
    case 'to':
      return [quarter ? '2026-Q4' : day(1)];
    case 'limit':
      return [String(schema.maximum ?? 100)];
    case 'seq':
      return ['0'];
    case 'filename':
      return ['leak.txt'];
    default:
      break;
  }
  const types = [schema.type].flat();
  if (types.includes('boolean')) return ['true', 'false'];
  if (types.includes('integer') || types.includes('number')) return [String(schema.minimum ?? 1)];
  return [];
}

/** Every URL to GET for a route: each combination of path values, then query variants one parameter at a time. */
export function requestsFor(route: RouteEntry, pools: Pools, searches: string[]): string[] {
  const params = resolve(route.params)?.properties ?? {};
  const names = [...route.url.matchAll(/:([A-Za-z][A-Za-z0-9]*)/g)].map((m) => m[1]!);
  // Path values: a ticket's own attachments go with it (and every attachment with the first ticket, to probe).
  let paths: string[] = [route.url];
  if (names.includes('id') && route.url.startsWith('/api/media/records/') && names.includes('name')) {
    // A record's files go with it (and every file with the first record, to probe).
    const pairs = [...pools.recordMedia, ...pools.recordMedia.map(([, n]) => [pools.submissions[0]!, n] as const)];
    paths = pairs.map(([id, n]) => route.url.replace(':id', id).replace(':name', encodeURIComponent(n)));
  } else if (names.includes('attachment')) {
    // Kobo's attachment URLs: every record's attachment under every asset (the asset and the token's areas decide).
    paths = pools.assets.flatMap((uid) =>
      pools.koboAttachments.map(([number, attachment]) =>
        route.url
          .replace(':uid', uid)
          .replace(':id', String(number))
          .replace(':attachment', attachment)
          .replace(':size', 'small'),
      ),
    );
  } else if (names.includes('id') && names.includes('attachmentId')) {
    const pairs = [...pools.attachments, ...pools.attachments.map(([, a]) => [pools.tickets[0]!, a] as const)];
    paths = pairs.map(([id, a]) => route.url.replace(':id', id).replace(':attachmentId', a));
  } else {
    for (const name of names) {
      const values = pathValues(name, params[name], pools);
      paths = paths.flatMap((p) => values.map((v) => p.replace(`:${name}`, encodeURIComponent(v))));
    }
  }
  const query = resolve(route.querystring);
  const properties = Object.entries(query?.properties ?? {});
  const required = new Set(query?.required ?? []);
  const base = new URLSearchParams();
  for (const [name, schema] of properties) {
    const values = queryValues(name, schema, pools, searches);
    if (required.has(name) && values[0] !== undefined) base.set(name, values[0]);
  }
  const variants = [base.toString()];
  for (const [name, schema] of properties) {
    for (const value of queryValues(name, schema, pools, searches)) {
      const q = new URLSearchParams(base);
      q.set(name, value);
      variants.push(q.toString());
    }
  }
  const unique = [...new Set(variants)];
  const url = (p: string, q: string) => (q ? `${p}?${q}` : p);
  // Paths named by a small enum (an export's dataset) take every query variant; paths by id, each id with the base
  // query and the first id with every variant (bounded: ids × variants would be thousands of requests).
  const byEnum = names.every((name) => params[name]?.enum);
  return byEnum
    ? paths.flatMap((p) => unique.map((q) => url(p, q)))
    : paths.flatMap((p, i) => (i === 0 ? unique : [unique[0]!]).map((q) => url(p, q)));
}
