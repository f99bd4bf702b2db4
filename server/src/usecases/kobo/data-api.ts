import type {
  ApiToken,
  KoboAsset,
  KoboAssetList,
  KoboAttachmentParams,
  KoboDataPage,
  KoboDataQuery,
  MediaFileState,
} from '@kusanya/schemas';
import type { Db } from '../../db/database.js';
import type { LocationTree } from '../../domain/scope.js';
import { AppError } from '../../errors.js';
import type { AssetScope, KoboRepository } from '../../repositories/kobo.js';
import type { UsersRepository } from '../../repositories/users.js';
import type { KoboAssets, LoadedAsset } from './assets.js';
import type { MediaDownload } from '../media/media-service.js';
import { attachmentNamed } from './attachments.js';
import { noMedia, shapeRecord, type MediaLister } from './shape.js';

/** Kobo's own paging limits (kpi: DEFAULT_API_PAGE_SIZE 100, MAX_API_PAGE_SIZE 1000). */
export const KOBO_DEFAULT_LIMIT = 100;
export const KOBO_MAX_LIMIT = 1000;

export interface KoboDataDeps {
  db: Db;
  kobo: KoboRepository;
  assets: KoboAssets;
  users: UsersRepository;
  locationTree: () => LocationTree;
  /** The media a record references (issue 15), listed in `_attachments` once received. */
  media?: MediaLister;
  /** A received medium ready to be sent (issue 15's media service). */
  sendable?: (file: MediaFileState) => MediaDownload;
}

/**
 * Kobo's data API served from Kusanya (DESIGN.md §8): what a token may read (its assets, its areas), in Kobo's
 * shapes and paging. Counts are cached per asset and reader until any submission changes.
 */
export function koboDataApi(deps: KoboDataDeps) {
  const counts = new Map<string, { mark: number; count: number }>();
  const media = deps.media ?? noMedia;

  const scopeOf = (asset: LoadedAsset, token: ApiToken): AssetScope => {
    const others = deps.assets
      .list()
      .filter((a) => a.formId === asset.row.formId && a.uid !== asset.row.uid)
      .map((a) => a.uid);
    return {
      uid: asset.row.uid,
      formId: asset.row.formId,
      importedOnly: asset.row.mapping.asset?.serves === 'imported',
      otherAssets: others,
      activityType: asset.compiled.constants['activity_type'] ?? null,
      collines: token.areas ? deps.locationTree().collinesWithin(token.areas) : null,
    };
  };

  const count = (scope: AssetScope): number => {
    const key = JSON.stringify(scope);
    const mark = deps.kobo.changeMark();
    const hit = counts.get(key);
    if (hit?.mark === mark) return hit.count;
    const n = deps.kobo.count(scope);
    if (counts.size > 1000) counts.clear();
    counts.set(key, { mark, count: n });
    return n;
  };

  /** The asset a token asks for: 404 when no asset has this uid, 403 when the token is not for it. */
  const readable = (uid: string, token: ApiToken): LoadedAsset => {
    const asset = deps.assets.get(uid);
    if (!asset) throw new AppError('not-found', `No asset ${uid}.`);
    if (!token.assets.includes(uid)) throw new AppError('forbidden', `This token may not read asset ${uid}.`);
    return asset;
  };

  const describe = (asset: LoadedAsset, token: ApiToken, base: string): KoboAsset => {
    const url = `${base}/api/v2/assets/${asset.row.uid}/`;
    const version = deps.assets.get(asset.row.uid) ? asset.definition.version : null;
    return {
      url,
      uid: asset.row.uid,
      name: asset.row.name,
      asset_type: 'survey',
      kind: 'asset',
      owner__username: asset.row.registeredBy,
      date_created: asset.row.registeredAt,
      date_modified: asset.row.registeredAt,
      version_id: version,
      deployed_version_id: version,
      has_deployment: true,
      deployment__active: true,
      deployment__submission_count: count(scopeOf(asset, token)),
      deployment__last_submission_time: deps.kobo.lastSubmissionAt(asset.row.formId),
      deployment_status: 'deployed',
      data: `${url}data/`,
      settings: { description: asset.row.mapping.description ?? '' },
    };
  };

  return {
    listAssets(token: ApiToken, base: string): KoboAssetList {
      const results = deps.assets
        .list()
        .filter((a) => token.assets.includes(a.uid))
        .flatMap((a) => {
          const loaded = deps.assets.get(a.uid);
          return loaded ? [describe(loaded, token, base)] : [];
        });
      return { count: results.length, next: null, previous: null, results };
    },

    asset: (uid: string, token: ApiToken, base: string): KoboAsset => describe(readable(uid, token), token, base),

    /** One page of an asset's records; `audit` is called in the same transaction as the read. */
    data(
      uid: string,
      token: ApiToken,
      query: Pick<KoboDataQuery, 'limit' | 'start' | 'offset' | 'after'>,
      base: string,
      audit: (details: Record<string, unknown>) => void,
    ): KoboDataPage {
      const asset = readable(uid, token);
      const scope = scopeOf(asset, token);
      const limit = Math.min(query.limit ?? KOBO_DEFAULT_LIMIT, KOBO_MAX_LIMIT);
      const start = query.start ?? query.offset ?? 0;
      const usernames = new Map<string, string | null>();
      const usernameOf = (id: string) => {
        if (!usernames.has(id)) usernames.set(id, deps.users.findById(id)?.username ?? null);
        return usernames.get(id)!;
      };
      return deps.db
        .transaction((): KoboDataPage => {
          const total = count(scope);
          const rows = deps.kobo.page(
            scope,
            limit,
            query.after !== undefined ? { after: query.after } : { offset: start },
          );
          const ctx = { asset, locations: deps.assets.locations(), media, usernameOf, base };
          const results = rows.map((row) => shapeRecord(row, ctx));
          const link = (s: number, after?: number) =>
            `${base}/api/v2/assets/${uid}/data/?format=json&limit=${limit}&start=${s}${after !== undefined ? `&after=${after}` : ''}`;
          const last = rows.at(-1);
          const page: KoboDataPage = {
            count: total,
            next: rows.length === limit && start + limit < total && last ? link(start + limit, last.number) : null,
            previous: start > 0 ? link(Math.max(0, start - limit)) : null,
            results: results as KoboDataPage['results'],
          };
          audit({ asset: uid, start, limit, returned: results.length, count: total });
          return page;
        })
        .immediate();
    },

    /**
     * One attachment of a record the token reads (its asset, its areas): 404 when the asset, the record (for this
     * token) or the attachment is unknown or not received, 403 when the token is not for the asset.
     */
    attachment(
      token: ApiToken,
      params: Pick<KoboAttachmentParams, 'uid' | 'id' | 'attachment'>,
    ): MediaDownload & { submissionId: string } {
      const asset = readable(params.uid, token);
      const submissionId = deps.kobo.servedId(scopeOf(asset, token), params.id);
      if (!submissionId) throw new AppError('not-found', `Asset ${params.uid} has no record ${params.id}.`);
      const file = attachmentNamed(media(submissionId), submissionId, params.attachment);
      if (!file?.received || !deps.sendable)
        throw new AppError('not-found', `Record ${params.id} has no attachment ${params.attachment}.`);
      return { ...deps.sendable(file), submissionId };
    },
  };
}

export type KoboDataApi = ReturnType<typeof koboDataApi>;
