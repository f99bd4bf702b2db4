import type { FormDefinition, FormNode } from '@kusanya/schemas';

/**
 * How the fields of a Kobo form become the fields of a Kusanya form (forms/kobo/README.md). Kobo exports
 * a record's answers under their group path ("grp_menage/nb_pieces"); repeats are arrays of objects whose
 * keys carry the repeat's path too ("membres/prenom").
 */
export interface KoboMapping {
  formId: string;
  description?: string;
  /** Kobo path → Kusanya field name; null ignores the Kobo field. */
  fields?: Record<string, string | null>;
  /** Kobo repeat path → the Kusanya repeat and the mapping of its fields. */
  repeats?: Record<string, { to: string; fields?: Record<string, string | null> }>;
  /** Kusanya field → Kobo choice code → Kusanya choice code (choices the two forms code differently). */
  values?: Record<string, Record<string, string>>;
  /**
   * "last-segment" (default): a Kobo field not listed is taken when the last segment of its path names a
   * field of the Kusanya form ("grp_location/colline" → colline). "none": only listed fields are taken.
   */
  defaults?: 'last-segment' | 'none';
  /** Kobo username → Kusanya username owning the imported records (default: the import user). */
  users?: Record<string, string>;
}

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
  /** Fields of a repeat, by name. */
  children?: Map<string, FieldInfo>;
}

/** The answerable fields of a form by name (groups flattened), repeats with their own fields. */
export function formFields(definition: FormDefinition): Map<string, FieldInfo> {
  const walk = (nodes: readonly FormNode[], into: Map<string, FieldInfo>) => {
    for (const node of nodes) {
      if (node.type === 'group') walk(node.children ?? [], into);
      else if (node.type === 'repeat') {
        const children = new Map<string, FieldInfo>();
        walk(node.children ?? [], children);
        into.set(node.name, { type: 'repeat', children });
      } else if (node.type !== 'note' && node.type !== 'calculate') into.set(node.name, { type: node.type });
    }
  };
  const out = new Map<string, FieldInfo>();
  walk(definition.fields, out);
  return out;
}

/** Problems of a mapping against the Kusanya form: every listed target must exist. Empty when fine. */
export function mappingProblems(mapping: KoboMapping, definition: FormDefinition): string[] {
  const fields = formFields(definition);
  const problems: string[] = [];
  if (mapping.formId !== definition.formId)
    problems.push(`The mapping is for form "${mapping.formId}", not "${definition.formId}".`);
  for (const [from, to] of Object.entries(mapping.fields ?? {})) {
    if (to !== null && !fields.has(to))
      problems.push(`fields: "${from}" maps to "${to}", which is not a field of ${definition.formId}.`);
  }
  for (const [from, repeat] of Object.entries(mapping.repeats ?? {})) {
    const target = fields.get(repeat.to);
    if (target?.type !== 'repeat') {
      problems.push(`repeats: "${from}" maps to "${repeat.to}", which is not a repeat of ${definition.formId}.`);
      continue;
    }
    for (const [childFrom, childTo] of Object.entries(repeat.fields ?? {})) {
      if (childTo !== null && !target.children!.has(childTo))
        problems.push(
          `repeats: "${childFrom}" maps to "${repeat.to}/${childTo}", which is not a field of that repeat.`,
        );
    }
  }
  for (const field of Object.keys(mapping.values ?? {})) {
    const found = fields.has(field) || [...fields.values()].some((f) => f.children?.has(field));
    if (!found) problems.push(`values: "${field}" is not a field of ${definition.formId}.`);
  }
  if (mapping.defaults !== undefined && mapping.defaults !== 'last-segment' && mapping.defaults !== 'none')
    problems.push('defaults must be "last-segment" or "none".');
  return problems;
}

const lastSegment = (path: string) => path.slice(path.lastIndexOf('/') + 1);

/** A Kobo value (Kobo exports text) as the Kusanya field type expects it. */
function convert(value: unknown, info: FieldInfo, choiceMap: Record<string, string> | undefined): unknown {
  if (value === null || value === undefined || value === '') return undefined;
  const text = typeof value === 'string' ? value.trim() : value;
  const mapChoice = (v: string) => choiceMap?.[v] ?? v;
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

export interface MappedRecord {
  data: Record<string, unknown>;
  /** Kobo fields that no Kusanya field took (reported, not imported). */
  ignored: string[];
}

/** Applies a mapping to one Kobo record (its answers; metadata columns are left to the caller). */
export function mapRecord(
  record: Record<string, unknown>,
  mapping: KoboMapping,
  fields: Map<string, FieldInfo>,
): MappedRecord {
  const data: Record<string, unknown> = {};
  const ignored: string[] = [];
  const byDefault = mapping.defaults !== 'none';
  const put = (into: Record<string, unknown>, target: string, info: FieldInfo, value: unknown) => {
    const converted = convert(value, info, mapping.values?.[target]);
    if (converted !== undefined) into[target] = converted;
  };
  for (const [key, value] of Object.entries(record)) {
    if (isKoboMeta(key)) continue;
    const repeat =
      mapping.repeats?.[key] ??
      (byDefault && Array.isArray(value) && fields.get(lastSegment(key))?.type === 'repeat'
        ? { to: lastSegment(key) }
        : undefined);
    if (repeat && Array.isArray(value)) {
      const info = fields.get(repeat.to);
      if (info?.type !== 'repeat') {
        ignored.push(key);
        continue;
      }
      data[repeat.to] = value.map((item) => {
        const row: Record<string, unknown> = {};
        if (typeof item !== 'object' || item === null) return row;
        for (const [childKey, childValue] of Object.entries(item as Record<string, unknown>)) {
          if (isKoboMeta(childKey)) continue;
          const listed = repeat.fields && childKey in repeat.fields ? repeat.fields[childKey] : undefined;
          const target = listed === null ? null : (listed ?? (byDefault ? lastSegment(childKey) : undefined));
          if (target === null) continue;
          const childInfo = target ? info.children!.get(target) : undefined;
          if (!target || !childInfo) {
            ignored.push(`${key}/${lastSegment(childKey)}`);
            continue;
          }
          put(row, target, childInfo, childValue);
        }
        return row;
      });
      continue;
    }
    const listed = mapping.fields && key in mapping.fields ? mapping.fields[key] : undefined;
    if (listed === null) continue;
    const target = listed ?? (byDefault ? lastSegment(key) : undefined);
    const info = target ? fields.get(target) : undefined;
    if (!target || !info || info.type === 'repeat') {
      ignored.push(key);
      continue;
    }
    put(data, target, info, value);
  }
  return { data, ignored };
}
