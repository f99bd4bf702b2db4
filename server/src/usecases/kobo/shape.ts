import type { MediaFileState, Submission } from '@kusanya/schemas';
import { createHash } from 'node:crypto';
import type { KoboRecordRow, ServedRow } from '../../repositories/kobo.js';
import type { LoadedAsset } from './assets.js';
import { koboAttachments } from './attachments.js';
import { shapeAnswers, type KoboLocations } from './mapping.js';

/** The media a record references, each with whether it arrived (issue 15's media repository). */
export type MediaLister = (submissionId: string) => MediaFileState[];
export const noMedia: MediaLister = () => [];

export interface ShapeContext {
  asset: LoadedAsset;
  locations: KoboLocations;
  media: MediaLister;
  /** Absolute base of the API (`https://host`): `_attachments` download URLs start with it. */
  base: string;
  /** The username of a Kusanya user id (the enumerator who sent the record). */
  usernameOf: (userId: string) => string | null;
}

const VALIDATION = {
  approved: { uid: 'validation_status_approved', label: 'Approved' },
  rejected: { uid: 'validation_status_not_approved', label: 'Not Approved' },
  returned: { uid: 'validation_status_on_hold', label: 'On Hold' },
} as const;

/** Kobo writes `_submission_time` in UTC without a zone: "2020-04-06T11:11:47". */
const koboTime = (iso: string) => new Date(iso).toISOString().slice(0, 19);

/** The import's own decision (it applied Kobo's validation status) serves Kobo's status object as it was. */
export const IMPORT_REVIEWER = 'kobo-import';

/** `_validation_status` mirrors the supervisor's decision (`{}` while none was taken). */
function validationStatus(doc: Submission, kobo: KoboRecordRow | null): unknown {
  const original = kobo?.koboMeta['_validation_status'];
  const review = doc.review;
  const decided = review && review.by !== 'system' ? review : null;
  if (original && typeof original === 'object' && (!decided || decided.by === IMPORT_REVIEWER)) return original;
  if (!decided) return {};
  const status = VALIDATION[doc.status as keyof typeof VALIDATION];
  if (!status) return {};
  return {
    timestamp: Math.floor(Date.parse(decided.at) / 1000),
    uid: status.uid,
    by_whom: decided.by,
    label: status.label,
  };
}

function firstGeopoint(data: Record<string, unknown>): [number, number] | null {
  for (const value of Object.values(data)) {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const p = value as { lat?: unknown; lon?: unknown };
      if (typeof p.lat === 'number' && typeof p.lon === 'number') return [p.lat, p.lon];
    }
  }
  return null;
}

/** Kobo's `formhub/uuid` is 32 hex characters per form; Kusanya derives a stable one from the asset. */
const formhubUuid = (uid: string) => createHash('sha256').update(`kusanya:${uid}`).digest('hex').slice(0, 32);

const tokens = (v: string) => v.split(/\s+/).filter(Boolean);
/** Same codes in any order, or the same numbers however written ("-3.800" and "-3.8", "07" and "7"). */
function sameAnswer(served: string, sent: string): boolean {
  const a = tokens(served);
  const b = tokens(sent);
  if (a.length !== b.length) return false;
  if ([...a].sort().join(' ') === [...b].sort().join(' ')) return true;
  return a.every((x, i) => x.trim() !== '' && Number.isFinite(Number(x)) && Number(x) === Number(b[i]));
}

/**
 * An answer Kusanya holds unchanged is served as the text Kobo sent: Kusanya keeps multiple choices as a set
 * and numbers as numbers, and the MIS copies Kobo's text as it is.
 */
function keepKoboText(answers: Record<string, unknown>, original: Record<string, unknown>) {
  for (const [key, value] of Object.entries(answers)) {
    const was = original[key];
    if (typeof value === 'string' && typeof was === 'string' && value !== was && sameAnswer(value, was))
      answers[key] = was;
  }
}

/** Answers Kusanya keeps for an imported record (no Kusanya field takes them): served back where unclaimed. */
function mergeKept(answers: Record<string, unknown>, kept: Record<string, unknown>, claimed: ReadonlySet<string>) {
  for (const [key, value] of Object.entries(kept)) {
    if (claimed.has(key)) {
      // A mapped repeat: the answers kept per entry go back into the same entries.
      const rows = answers[key];
      if (Array.isArray(rows) && Array.isArray(value) && rows.length === value.length)
        rows.forEach((row: Record<string, unknown>, i) => Object.assign(row, { ...(value[i] as object), ...row }));
      continue;
    }
    if (!(key in answers)) answers[key] = value;
  }
}

/**
 * A stored record in the shape KoboToolbox's API v2 serves it (kobo-mis-contract.md): the answers under the
 * asset's Kobo keys (through the same mapping that imports them), Kobo's own keys, and — for records that
 * came from Kobo — the Kobo metadata and the answers no Kusanya field takes, so nothing is lost.
 */
export function shapeRecord(row: ServedRow, ctx: ShapeContext): Record<string, unknown> {
  const doc = JSON.parse(row.doc) as Submission;
  const { compiled, row: asset } = ctx.asset;
  const kobo = row.kobo;
  const meta = kobo?.koboMeta ?? {};
  const answers = shapeAnswers(doc.data, compiled, ctx.locations);
  if (kobo) {
    keepKoboText(answers, kobo.answers);
    mergeKept(answers, kobo.unmapped, ctx.asset.claimed);
  }
  const at = (key: string, fallback: unknown) => (meta[key] !== undefined ? meta[key] : fallback);
  const point = firstGeopoint(doc.data);
  const formhub = at('formhub/uuid', formhubUuid(asset.uid));
  const uuid = kobo?.koboUuid ?? doc.id;
  const submittedBy = at('_submitted_by', ctx.usernameOf(doc.meta.enumeratorId));
  return {
    _id: row.number,
    'formhub/uuid': formhub,
    start: at('start', doc.meta.startedAt),
    end: at('end', doc.meta.finalizedAt),
    ...answers,
    __version__: at('__version__', doc.formVersion),
    'meta/instanceID': at('meta/instanceID', `uuid:${doc.id}`),
    'meta/rootUuid': at('meta/rootUuid', `uuid:${doc.id}`),
    ...(meta['meta/deprecatedID'] !== undefined ? { 'meta/deprecatedID': meta['meta/deprecatedID'] } : {}),
    _xform_id_string: asset.uid,
    _uuid: uuid,
    _attachments: koboAttachments(ctx.media(doc.id), {
      base: ctx.base,
      assetUid: asset.uid,
      number: row.number,
      submissionId: doc.id,
      instance: uuid,
      formhub: String(formhub),
      user: typeof submittedBy === 'string' ? submittedBy : null,
      original: meta['_attachments'],
    }),
    _status: at('_status', 'submitted_via_web'),
    _geolocation: point ?? at('_geolocation', [null, null]),
    _submission_time: at('_submission_time', koboTime(row.receivedAt)),
    _tags: at('_tags', []),
    _notes: at('_notes', []),
    _validation_status: validationStatus(doc, kobo),
    _submitted_by: submittedBy,
  };
}
