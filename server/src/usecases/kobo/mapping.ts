import type { FormDefinition, FormNode, KoboMapping, MediaRef } from '@kusanya/schemas';
import { isMediaRef } from '@kusanya/schemas/validators';

export type { KoboMapping };

/**
 * One mapping, both directions (forms/kobo/README.md): how the keys of a Kobo form's records become the
 * fields of a Kusanya form on import, and how a Kusanya record is served back under the same keys.
 */

/** Kobo's own columns and device metadata: never answers. */
const KOBO_META = new Set([
  'start',
  'end',
  'today',
  'deviceid',
  'username',
  'simserial',
  'subscriberid',
  'phonenumber',
  'audit',
  '__version__',
  'instanceID',
]);
export const isKoboMeta = (key: string) =>
  key.startsWith('_') || key.startsWith('meta/') || key.startsWith('formhub/') || KOBO_META.has(key);

export interface FieldInfo {
  type: string;
  /** select_one / select_multiple: each choice code's position in its list. */
  order?: Map<string, number>;
  /** Fields of a repeat, by name. */
  children?: Map<string, FieldInfo>;
}

/** The answerable fields of a form by name (groups flattened), repeats with their own fields. */
export function formFields(definition: FormDefinition): Map<string, FieldInfo> {
  const order = (list: string | undefined) =>
    list ? new Map((definition.choices[list] ?? []).map((c, i) => [c.name, i])) : undefined;
  const walk = (nodes: readonly FormNode[], into: Map<string, FieldInfo>) => {
    for (const node of nodes) {
      if (node.type === 'group') walk(node.children ?? [], into);
      else if (node.type === 'repeat') {
        const children = new Map<string, FieldInfo>();
        walk(node.children ?? [], children);
        into.set(node.name, { type: 'repeat', children });
      } else if (node.type !== 'note' && node.type !== 'calculate')
        into.set(node.name, { type: node.type, ...(node.list ? { order: order(node.list) } : {}) });
    }
  };
  const out = new Map<string, FieldInfo>();
  walk(definition.fields, out);
  return out;
}

/** One Kobo key and the Kusanya field it carries. */
export interface KeySpec {
  key: string;
  field: string;
  info: FieldInfo;
  codes?: 'kobo' | undefined;
  ancestors?: Partial<Record<'province' | 'commune' | 'zone', string>> | undefined;
  only?: ReadonlySet<string> | undefined;
  overflow?: string | undefined;
}

interface Level {
  /** Kobo key → spec (explicitly listed). */
  byKey: Map<string, KeySpec>;
  /** Kobo keys listed as null (not answers of the Kusanya form). */
  skipped: Set<string>;
  /** Kusanya field → the Kobo keys that carry it, in mapping order. */
  byField: Map<string, KeySpec[]>;
  fields: Map<string, FieldInfo>;
}

export interface CompiledRepeat extends Level {
  koboPath: string;
  to: string;
}

export interface CompiledMapping {
  mapping: KoboMapping;
  top: Level;
  repeats: CompiledRepeat[];
  byDefault: boolean;
  /** Kusanya field → Kobo code → Kusanya code, and back. */
  values: Map<string, Map<string, string>>;
  reverseValues: Map<string, Map<string, string>>;
  constants: Record<string, string>;
}

/** Locations by their Kobo codes, both ways (the locations table's kobo_code). */
export interface KoboLocations {
  fromKobo(code: string): string | null;
  toKobo(code: string): string | null;
  ancestor(code: string, level: 'province' | 'commune' | 'zone'): string | null;
}

const lastSegment = (path: string) => path.slice(path.lastIndexOf('/') + 1);

type FieldEntry = NonNullable<KoboMapping['fields']>[string];

function compileLevel(
  entries: Record<string, FieldEntry>,
  fields: Map<string, FieldInfo>,
  where: string,
  problems: string[],
): Level {
  const level: Level = { byKey: new Map(), skipped: new Set(), byField: new Map(), fields };
  for (const [key, entry] of Object.entries(entries)) {
    if (entry === null || entry === undefined) {
      level.skipped.add(key);
      continue;
    }
    const spec = typeof entry === 'string' ? { field: entry } : entry;
    const info = fields.get(spec.field);
    if (!info || info.type === 'repeat') {
      problems.push(
        `${where}: "${key}" maps to "${spec.field}", which is not a field of ${where === 'fields' ? 'the form' : 'that repeat'}.`,
      );
      continue;
    }
    const compiled: KeySpec = {
      key,
      field: spec.field,
      info,
      codes: spec.codes,
      ancestors: spec.ancestors,
      only: spec.only ? new Set(spec.only) : undefined,
      overflow: spec.overflow,
    };
    if (spec.overflow && fields.get(spec.overflow)?.type !== 'select_multiple')
      problems.push(
        `${where}: "${key}" overflows into "${spec.overflow}", which is not a select_multiple of the form.`,
      );
    for (const target of Object.values(spec.ancestors ?? {})) {
      if (!fields.has(target)) problems.push(`${where}: "${key}" fills "${target}", which is not a field of the form.`);
    }
    level.byKey.set(key, compiled);
    level.byField.set(spec.field, [...(level.byField.get(spec.field) ?? []), compiled]);
  }
  // Two Kobo keys for one Kusanya field only when each says which answers it carries, without overlap.
  for (const [field, specs] of level.byField) {
    if (specs.length < 2) continue;
    if (specs.some((s) => !s.only)) {
      problems.push(
        `${where}: "${field}" has two sources (${specs.map((s) => `"${s.key}"`).join(', ')}); give each an "only" list of the answers it carries.`,
      );
      continue;
    }
    const seen = new Map<string, string>();
    for (const s of specs) {
      for (const code of s.only!) {
        if (seen.has(code))
          problems.push(
            `${where}: answer "${code}" of "${field}" is in the "only" lists of "${seen.get(code)}" and "${s.key}".`,
          );
        else seen.set(code, s.key);
      }
    }
  }
  return level;
}

/** Checks a mapping against the Kusanya form and prepares it for both directions. */
export function compileMapping(
  mapping: KoboMapping,
  definition: FormDefinition,
): { ok: true; compiled: CompiledMapping } | { ok: false; problems: string[] } {
  const fields = formFields(definition);
  const problems: string[] = [];
  if (mapping.formId !== definition.formId)
    problems.push(`The mapping is for form "${mapping.formId}", not "${definition.formId}".`);
  const top = compileLevel(mapping.fields ?? {}, fields, 'fields', problems);
  const repeats: CompiledRepeat[] = [];
  for (const [koboPath, repeat] of Object.entries(mapping.repeats ?? {})) {
    if (!repeat) continue;
    const target = fields.get(repeat.to);
    if (target?.type !== 'repeat') {
      problems.push(`repeats: "${koboPath}" maps to "${repeat.to}", which is not a repeat of ${definition.formId}.`);
      continue;
    }
    const level = compileLevel(repeat.fields ?? {}, target.children!, `repeats.${koboPath}`, problems);
    repeats.push({ ...level, koboPath, to: repeat.to });
  }
  const values = new Map<string, Map<string, string>>();
  const reverseValues = new Map<string, Map<string, string>>();
  const allFields = (name: string) => fields.has(name) || [...fields.values()].some((f) => f.children?.has(name));
  for (const [field, codes] of Object.entries(mapping.values ?? {})) {
    if (!allFields(field)) problems.push(`values: "${field}" is not a field of ${definition.formId}.`);
    const back = new Map<string, string>();
    const forward = new Map<string, string>();
    for (const [kobo, kusanya] of Object.entries(codes ?? {})) {
      if (kusanya === undefined) continue;
      forward.set(kobo, kusanya);
      // One to one, so that what is imported is served back with the same code.
      if (back.has(kusanya))
        problems.push(
          `values.${field}: "${back.get(kusanya)}" and "${kobo}" both become "${kusanya}"; each Kobo code needs its own Kusanya code.`,
        );
      else back.set(kusanya, kobo);
    }
    values.set(field, forward);
    reverseValues.set(field, back);
  }
  for (const [field, codes] of Object.entries(mapping.serveAs ?? {})) {
    if (!allFields(field)) problems.push(`serveAs: "${field}" is not a field of ${definition.formId}.`);
    const back = reverseValues.get(field) ?? new Map<string, string>();
    for (const [kusanya, kobo] of Object.entries(codes ?? {})) {
      if (kobo === undefined) continue;
      if (back.has(kusanya))
        problems.push(`serveAs.${field}: "${kusanya}" already has Kobo code "${back.get(kusanya)}" in values.`);
      else back.set(kusanya, kobo);
    }
    reverseValues.set(field, back);
  }
  for (const field of Object.keys(mapping.constants ?? {})) {
    if (!fields.has(field)) problems.push(`constants: "${field}" is not a field of ${definition.formId}.`);
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    compiled: {
      mapping,
      top,
      repeats,
      byDefault: mapping.defaults !== 'none',
      values,
      reverseValues,
      constants: Object.fromEntries(
        Object.entries(mapping.constants ?? {}).filter((e): e is [string, string] => e[1] !== undefined),
      ),
    },
  };
}

/** Kept for callers that only need the list of problems. */
export function mappingProblems(mapping: KoboMapping, definition: FormDefinition): string[] {
  const result = compileMapping(mapping, definition);
  return result.ok ? [] : result.problems;
}

/** A Kobo value (Kobo exports text) as the Kusanya field type expects it. */
function fromKoboValue(value: unknown, info: FieldInfo, choiceMap: Map<string, string> | undefined): unknown {
  if (value === null || value === undefined || value === '') return undefined;
  const text = typeof value === 'string' ? value.trim() : value;
  const mapChoice = (v: string) => choiceMap?.get(v) ?? v;
  switch (info.type) {
    case 'integer':
    case 'decimal': {
      const n = typeof text === 'number' ? text : Number(text);
      return Number.isFinite(n) && String(text) !== '' ? n : text;
    }
    case 'select_multiple':
      return typeof text === 'string'
        ? text.split(/\s+/).filter(Boolean).map(mapChoice)
        : Array.isArray(text)
          ? text.map((v) => mapChoice(String(v)))
          : text;
    case 'select_one':
      return typeof text === 'string' ? mapChoice(text) : text;
    case 'geopoint': {
      if (typeof text !== 'string') return text;
      const [lat, lon, altitude, accuracy] = text.split(/\s+/).map(Number);
      if (lat === undefined || lon === undefined || !Number.isFinite(lat) || !Number.isFinite(lon)) return text;
      return {
        lat,
        lon,
        accuracy: Number.isFinite(accuracy) ? accuracy! : 0,
        ...(Number.isFinite(altitude) ? { altitude } : {}),
      };
    }
    case 'date':
      return typeof text === 'string' ? text.slice(0, 10) : text;
    default:
      return typeof text === 'number' ? String(text) : text;
  }
}

/** A Kusanya answer as Kobo serves it: text, select_multiple space-separated, geopoints "lat lon alt acc". */
function toKoboValue(value: unknown, choiceMap: Map<string, string> | undefined): unknown {
  if (value === null || value === undefined || value === '') return undefined;
  const mapChoice = (v: unknown) => choiceMap?.get(String(v)) ?? String(v);
  if (Array.isArray(value)) return value.length > 0 ? value.map(mapChoice).join(' ') : undefined;
  // A file answer: Kobo serves the file's base name (its `_attachments` entry carries the rest).
  if (isMediaRef(value)) return value.name;
  if (typeof value === 'object') {
    const p = value as { lat?: number; lon?: number; altitude?: number; accuracy?: number };
    return `${p.lat} ${p.lon} ${p.altitude ?? 0} ${p.accuracy ?? 0}`;
  }
  if (typeof value === 'string') return mapChoice(value);
  return String(value);
}

export interface MappedRecord {
  data: Record<string, unknown>;
  /** Answers of the Kobo record that no Kusanya field takes: kept with the record and served back. */
  unmapped: Record<string, unknown>;
  /** Kobo keys kept aside, for the report. */
  ignored: string[];
  /** Kobo keys that would have fed a field another key is mapped to (the mapped key won; the other is kept aside). */
  shadowed: string[];
  /** Problems that make the record impossible to import as it is (nothing of it is stored). */
  errors: string[];
  /** Media answers whose file was not found (kept aside as Kobo's text, served back): `key: file name`. */
  missingMedia: string[];
}

/** The file a media answer (Kobo: the file's base name) names, once stored; null when it is not there. */
export type MediaResolver = (name: string) => MediaRef | null;

/** Question types whose answer is a file (Kobo: its base name; Kusanya: a media reference). */
const MEDIA_QUESTION_TYPES: ReadonlySet<string> = new Set(['image', 'audio', 'background-audio', 'video', 'file']);

/** Applies a mapping to one Kobo record's answers (Kobo's own keys are left to the caller). */
export function mapRecord(
  record: Record<string, unknown>,
  compiled: CompiledMapping,
  locations: KoboLocations,
  media: MediaResolver = () => null,
): MappedRecord {
  const out: MappedRecord = { data: {}, unmapped: {}, ignored: [], shadowed: [], errors: [], missingMedia: [] };
  /** A media answer becomes the stored file's reference; without the file, it is kept aside as Kobo's text. */
  const placeMedia = (
    key: string,
    value: unknown,
    field: string,
    into: Record<string, unknown>,
    aside: Record<string, unknown>,
    where: string,
  ) => {
    const ref = typeof value === 'string' && value.trim() !== '' ? media(value.trim()) : null;
    if (ref) into[field] = ref;
    else {
      aside[key] = value;
      if (typeof value === 'string' && value.trim() !== '') out.missingMedia.push(`${where}${key}: ${value.trim()}`);
    }
  };
  const repeatByPath = new Map(compiled.repeats.map((r) => [r.koboPath, r]));

  /** Maps the keys of one level (the record, or one repeat row) into `into`. */
  const mapLevel = (
    source: Record<string, unknown>,
    level: Level,
    into: Record<string, unknown>,
    aside: Record<string, unknown>,
    where: string,
  ) => {
    const sources = new Map<string, string>();
    const defaults: [string, unknown][] = [];
    const gathered = new Map<string, { spec: KeySpec; values: unknown[]; keys: string[] }>();
    for (const [key, value] of Object.entries(source)) {
      if (isKoboMeta(key) || value === undefined) continue;
      const spec = level.byKey.get(key);
      if (!spec) {
        if (compiled.byDefault && !level.skipped.has(key)) defaults.push([key, value]);
        else aside[key] = value;
        continue;
      }
      if (MEDIA_QUESTION_TYPES.has(spec.info.type)) {
        placeMedia(key, value, spec.field, into, aside, where);
        sources.set(spec.field, key);
        continue;
      }
      // A key that shares its field, or overflows, carries Kobo's space-separated select_multiple text.
      const shared = spec.only !== undefined || spec.overflow !== undefined;
      const converted = fromKoboValue(
        value,
        shared ? { type: 'select_multiple' } : spec.info,
        compiled.values.get(spec.field),
      );
      if (converted === undefined) continue;
      if (spec.codes === 'kobo' && typeof converted === 'string') {
        const code = locations.fromKobo(converted) ?? converted;
        into[spec.field] = code;
        for (const [lvl, target] of Object.entries(spec.ancestors ?? {})) {
          const up = locations.ancestor(code, lvl as 'province' | 'commune' | 'zone');
          if (up) into[target] = up;
        }
      } else if (spec.only || spec.overflow) {
        // Several keys (or several answers) for one field: gathered, then placed once all keys are read.
        const list = Array.isArray(converted) ? converted : [converted];
        const entry = gathered.get(spec.field) ?? { spec, values: [], keys: [] };
        entry.values.push(...list);
        entry.keys.push(key);
        gathered.set(spec.field, entry);
      } else into[spec.field] = converted;
      sources.set(spec.field, key);
    }
    for (const [field, { spec, values, keys }] of gathered) {
      if (spec.info.type === 'select_multiple') into[field] = values;
      else if (values.length === 1) into[field] = values[0];
      else if (spec.overflow) {
        // The answer first in the Kusanya choice list stays; the others go to the overflow field.
        const rank = (v: unknown) => spec.info.order?.get(String(v)) ?? Number.MAX_SAFE_INTEGER;
        const first = values.reduce((a, b) => (rank(b) < rank(a) ? b : a));
        into[field] = first;
        const rest = values.filter((v, i) => v !== first || values.indexOf(first) !== i);
        if (rest.length > 0) into[spec.overflow] = rest;
      } else out.errors.push(`${where}${field}: answered by more than one key (${keys.join(', ')}).`);
    }
    // Unlisted keys whose last segment names a field: taken only when no listed key feeds that field.
    for (const [key, value] of defaults) {
      const field = lastSegment(key);
      const info = level.fields.get(field);
      if (!info || info.type === 'repeat') {
        aside[key] = value;
        continue;
      }
      if (level.byField.has(field) || sources.has(field)) {
        if (level.byField.has(field)) {
          out.shadowed.push(`${where}${key}`);
          aside[key] = value;
        } else {
          out.errors.push(
            `${where}${field}: two sources, "${sources.get(field)}" and "${key}" (map one of them in the mapping).`,
          );
        }
        continue;
      }
      if (MEDIA_QUESTION_TYPES.has(info.type)) {
        placeMedia(key, value, field, into, aside, where);
        sources.set(field, key);
        continue;
      }
      const converted = fromKoboValue(value, info, compiled.values.get(field));
      if (converted === undefined) continue;
      into[field] = converted;
      sources.set(field, key);
    }
  };

  const top: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    const target = compiled.top.fields.get(lastSegment(key));
    const repeat =
      repeatByPath.get(key) ??
      (compiled.byDefault && Array.isArray(value) && target?.type === 'repeat'
        ? {
            byKey: new Map(),
            skipped: new Set<string>(),
            byField: new Map(),
            fields: target.children!,
            koboPath: key,
            to: lastSegment(key),
          }
        : undefined);
    if (repeat && Array.isArray(value)) {
      const rows: Record<string, unknown>[] = [];
      const asideRows: Record<string, unknown>[] = [];
      value.forEach((item, i) => {
        const row: Record<string, unknown> = {};
        const asideRow: Record<string, unknown> = {};
        if (typeof item === 'object' && item !== null && !Array.isArray(item))
          mapLevel(item as Record<string, unknown>, repeat, row, asideRow, `${key}[${i}]/`);
        else out.errors.push(`${key}[${i}]: a repeat entry must be an object.`);
        rows.push(row);
        asideRows.push(asideRow);
      });
      out.data[repeat.to] = rows;
      if (asideRows.some((r) => Object.keys(r).length > 0)) out.unmapped[key] = asideRows;
    } else top[key] = value;
  }
  mapLevel(top, compiled.top, out.data, out.unmapped, '');
  for (const [field, value] of Object.entries(compiled.constants)) {
    if (out.data[field] !== undefined && out.data[field] !== value)
      out.errors.push(`${field}: "${String(out.data[field])}" where this asset's records all have "${value}".`);
    out.data[field] = value;
  }
  out.ignored = Object.keys(out.unmapped);
  return out;
}

/**
 * A Kusanya record's answers under the Kobo keys of the mapping (the API's output). Answers no Kobo key
 * carries are left out (with `defaults: "last-segment"`, top-level ones keep their Kusanya name).
 */
export function shapeAnswers(
  data: Record<string, unknown>,
  compiled: CompiledMapping,
  locations: KoboLocations,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const constant = new Set(Object.keys(compiled.constants));
  const overflows = new Set(
    [compiled.top, ...compiled.repeats].flatMap((l) =>
      [...l.byKey.values()].flatMap((k) => (k.overflow ? [k.overflow] : [])),
    ),
  );
  const shapeLevel = (source: Record<string, unknown>, level: Level, into: Record<string, unknown>, prefix: string) => {
    for (const [field, value] of Object.entries(source)) {
      if ((constant.has(field) || overflows.has(field)) && level === compiled.top) continue;
      const specs = level.byField.get(field);
      if (!specs) {
        if (compiled.byDefault && !Array.isArray(value) && level === compiled.top) {
          const v = toKoboValue(value, compiled.reverseValues.get(field));
          if (v !== undefined) into[field] = v;
        } else if (compiled.byDefault && prefix) {
          const v = toKoboValue(value, compiled.reverseValues.get(field));
          if (v !== undefined) into[`${prefix}/${field}`] = v;
        }
        continue;
      }
      for (const spec of specs) {
        let v: unknown = value;
        const extra = spec.overflow ? source[spec.overflow] : undefined;
        if (Array.isArray(extra) && extra.length > 0) v = [value, ...extra];
        if (spec.only) {
          const list = (Array.isArray(v) ? v : [v]).filter((x) => spec.only!.has(String(x)));
          if (list.length === 0) continue;
          v = Array.isArray(v) ? list : list[0];
        }
        if (spec.codes === 'kobo' && typeof v === 'string') v = locations.toKobo(v) ?? v;
        const text = toKoboValue(v, spec.codes ? undefined : compiled.reverseValues.get(field));
        if (text !== undefined) into[spec.key] = text;
      }
    }
  };
  shapeLevel(data, compiled.top, out, '');
  for (const repeat of compiled.repeats) {
    const rows = data[repeat.to];
    if (!Array.isArray(rows)) continue;
    out[repeat.koboPath] = rows.map((row) => {
      const koboRow: Record<string, unknown> = {};
      if (typeof row === 'object' && row !== null)
        shapeLevel(row as Record<string, unknown>, repeat, koboRow, repeat.koboPath);
      return koboRow;
    });
  }
  return out;
}

/**
 * Answers a cascade implies: a select_one filtered by another answer (`choice_filter` `category=${category}`)
 * names that answer in its chosen choice's column, so a record that has the subcategory gets the category
 * (and a colline its zone, commune, province) when the Kobo form did not ask for it.
 */
export function impliedAnswers(definition: FormDefinition, data: Record<string, unknown>): void {
  const cascades: { name: string; list: string; column: string; parent: string }[] = [];
  const walk = (nodes: readonly FormNode[]) => {
    for (const node of nodes) {
      if (node.type === 'group') walk(node.children ?? []);
      const m = node.choiceFilter
        ? /^\s*([A-Za-z_][\w-]*)\s*=\s*\$\{([A-Za-z_][\w.-]*)\}\s*$/.exec(node.choiceFilter)
        : null;
      if (node.type === 'select_one' && node.list && m)
        cascades.push({ name: node.name, list: node.list, column: m[1]!, parent: m[2]! });
    }
  };
  walk(definition.fields);
  for (let changed = true, rounds = 0; changed && rounds < 8; rounds += 1) {
    changed = false;
    for (const c of cascades) {
      const value = data[c.name];
      if (typeof value !== 'string' || data[c.parent] !== undefined) continue;
      const implied = definition.choices[c.list]?.find((choice) => choice.name === value)?.filters?.[c.column];
      if (typeof implied === 'string') {
        data[c.parent] = implied;
        changed = true;
      }
    }
  }
}
