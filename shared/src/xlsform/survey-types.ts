import type { FormNode } from '@kusanya/schemas';

/**
 * What the `type` cell of a survey row says, with every alias pyxform accepts (its question type
 * dictionary and select/control aliases).
 */
export type ParsedType =
  | { readonly kind: 'begin'; readonly type: 'group' | 'repeat' | 'loop'; readonly list?: string }
  | { readonly kind: 'end'; readonly type: 'group' | 'repeat' | 'loop' }
  | {
      readonly kind: 'question';
      readonly type: FormNode['type'];
      readonly list?: string;
      readonly file?: string;
      readonly ref?: string;
      readonly external?: boolean;
      readonly orOther?: boolean;
      /** The type as pyxform names it, for messages (`select_one_from_file`). */
      readonly command?: string;
    }
  | { readonly kind: 'instance'; readonly file: string }
  | { readonly kind: 'setting'; readonly setting: 'title' | 'id_string' | 'prefix' }
  | { readonly kind: 'unsupported'; readonly type: string; readonly as: FormNode['type']; readonly why: string }
  | { readonly kind: 'error'; readonly message: string };

/** Question types by every name pyxform gives them. */
const SIMPLE: Readonly<Record<string, FormNode['type']>> = {
  text: 'text',
  string: 'text',
  'q string': 'text',
  'add text prompt': 'text',
  'phone number': 'text',
  integer: 'integer',
  int: 'integer',
  'q int': 'integer',
  'add integer prompt': 'integer',
  'number of days in last month': 'integer',
  'number of days in last six months': 'integer',
  'number of days in last year': 'integer',
  percentage: 'integer',
  decimal: 'decimal',
  'q decimal': 'decimal',
  'add decimal prompt': 'decimal',
  date: 'date',
  'q date': 'date',
  'add date prompt': 'date',
  time: 'time',
  datetime: 'dateTime',
  'date time': 'dateTime',
  'q date time': 'dateTime',
  'q datetime': 'dateTime',
  'add date time prompt': 'dateTime',
  'add datetime prompt': 'dateTime',
  note: 'note',
  'q note': 'note',
  'add note prompt': 'note',
  calculate: 'calculate',
  'q calculate': 'calculate',
  'add calculate prompt': 'calculate',
  hidden: 'hidden',
  geopoint: 'geopoint',
  gps: 'geopoint',
  location: 'geopoint',
  'q geopoint': 'geopoint',
  'q location': 'geopoint',
  'add location prompt': 'geopoint',
  geotrace: 'geotrace',
  'q geotrace': 'geotrace',
  geoshape: 'geoshape',
  'q geoshape': 'geoshape',
  barcode: 'barcode',
  'q barcode': 'barcode',
  'add barcode prompt': 'barcode',
  range: 'range',
  image: 'image',
  photo: 'image',
  'q picture': 'image',
  'q image': 'image',
  'add image prompt': 'image',
  'add photo prompt': 'image',
  audio: 'audio',
  'q audio': 'audio',
  'add audio prompt': 'audio',
  video: 'video',
  'q video': 'video',
  'add video prompt': 'video',
  file: 'file',
  'add file prompt': 'file',
  acknowledge: 'acknowledge',
  'q acknowledge': 'acknowledge',
  'add acknowledge prompt': 'acknowledge',
  trigger: 'trigger',
  start: 'start',
  'start time': 'start',
  'get start time': 'start',
  end: 'end',
  'end time': 'end',
  'get end time': 'end',
  today: 'today',
  'get today': 'today',
  deviceid: 'deviceid',
  'device id': 'deviceid',
  'get device id': 'deviceid',
  imei: 'deviceid',
  'uri:deviceid': 'deviceid',
  username: 'username',
  'uri:username': 'username',
  phonenumber: 'phonenumber',
  'get phone number': 'phonenumber',
  'uri:phonenumber': 'phonenumber',
  email: 'email',
  'uri:email': 'email',
  simserial: 'simserial',
  'sim id': 'simserial',
  'get sim id': 'simserial',
  'uri:simserial': 'simserial',
  subscriberid: 'subscriberid',
  'subscriber id': 'subscriberid',
  'get subscriber id': 'subscriberid',
  'uri:subscriberid': 'subscriberid',
  audit: 'audit',
  'start-geopoint': 'start-geopoint',
  'background-audio': 'background-audio',
  'background-geopoint': 'background-geopoint',
};

/** Metadata pyxform notes as no longer available on most devices. */
export const DEPRECATED_DEVICE_METADATA = new Set(['simserial', 'subscriberid']);

const SELECT_COMMANDS: Readonly<Record<string, { type: FormNode['type']; from?: 'file' | 'external' }>> = {
  select_one: { type: 'select_one' },
  'select one': { type: 'select_one' },
  select1: { type: 'select_one' },
  'select one from': { type: 'select_one' },
  'select one using': { type: 'select_one' },
  'add select one prompt using': { type: 'select_one' },
  'q select1': { type: 'select_one' },
  select_multiple: { type: 'select_multiple' },
  'select multiple': { type: 'select_multiple' },
  'select all that apply': { type: 'select_multiple' },
  'select all that apply from': { type: 'select_multiple' },
  'select multiple from': { type: 'select_multiple' },
  'select multiple using': { type: 'select_multiple' },
  'add select multiple prompt using': { type: 'select_multiple' },
  'q select': { type: 'select_multiple' },
  rank: { type: 'rank' },
  select_one_from_file: { type: 'select_one', from: 'file' },
  'select one from file': { type: 'select_one', from: 'file' },
  select_multiple_from_file: { type: 'select_multiple', from: 'file' },
  'select multiple from file': { type: 'select_multiple', from: 'file' },
  select_one_external: { type: 'select_one', from: 'external' },
  'select one external': { type: 'select_one', from: 'external' },
};

/** Longest commands first, so that `select_one_from_file` is not read as `select_one`. */
const COMMANDS = Object.keys(SELECT_COMMANDS).sort((a, b) => b.length - a.length);

const OR_OTHER = /\s+(or specify other|or_other|or other)$/i;

export const DATA_FILE_EXTENSIONS = ['.csv', '.xml', '.geojson'];

export function parseType(text: string): ParsedType {
  const t = text.trim().replace(/\s+/g, ' ');
  const lower = t.toLowerCase();
  const control = /^(begin|end)[ _](group|repeat|lgroup|looped group|loop)(?: (?:over )?(\S+))?$/.exec(lower);
  if (control) {
    const type = control[2] === 'group' ? 'group' : control[2] === 'loop' ? 'loop' : 'repeat';
    if (control[1] === 'end') {
      return control[3]
        ? { kind: 'error', message: `'${t}': an 'end' row names nothing after its type` }
        : { kind: 'end', type };
    }
    const list = control[3] ? t.split(' ').pop() : undefined;
    return { kind: 'begin', type, ...(list ? { list } : {}) };
  }
  for (const command of COMMANDS) {
    if (!lower.startsWith(`${command} `) && lower !== command) continue;
    const spec = SELECT_COMMANDS[command]!;
    let rest = t.slice(command.length).trim();
    const orOther = OR_OTHER.test(rest);
    if (orOther) rest = rest.replace(OR_OTHER, '').trim();
    if (!rest || /\s/.test(rest)) {
      return { kind: 'error', message: `${command} needs one choice list: '${command} LIST_NAME'` };
    }
    const base = { kind: 'question' as const, type: spec.type, command, ...(orOther ? { orOther: true } : {}) };
    const ref = /^\$\{([^}\s]+)\}$/.exec(rest);
    if (ref) return { ...base, ref: ref[1]! };
    if (spec.from === 'file') {
      if (!DATA_FILE_EXTENSIONS.some((ext) => rest.toLowerCase().endsWith(ext))) {
        return {
          kind: 'error',
          message: `'${command} ${rest}': the file must be a .csv, .xml or .geojson file (e.g. ${command} ${rest}.csv)`,
        };
      }
      return { ...base, file: rest };
    }
    if (DATA_FILE_EXTENSIONS.some((ext) => rest.toLowerCase().endsWith(ext))) {
      return { kind: 'error', message: `'${command} ${rest}': a file of choices needs ${spec.type}_from_file` };
    }
    return { ...base, list: rest, ...(spec.from === 'external' ? { external: true } : {}) };
  }
  if (lower === 'xml-external' || lower === 'csv-external')
    return { kind: 'instance', file: lower.startsWith('xml') ? '.xml' : '.csv' };
  if (lower === 'set form title' || lower === 'set_form_title') return { kind: 'setting', setting: 'title' };
  if (lower === 'set form id' || lower === 'set_form_id') return { kind: 'setting', setting: 'id_string' };
  if (/^osm(\s|$)/.test(lower)) {
    return {
      kind: 'unsupported',
      type: t,
      as: 'file',
      why: 'OpenStreetMap editing is not available: the question takes a file',
    };
  }
  if (lower === 'include') return { kind: 'error', message: 'This section has not been included.' };
  const simple = SIMPLE[lower] ?? SIMPLE[t];
  if (simple) return { kind: 'question', type: simple };
  return { kind: 'error', message: `Unknown question type '${t}'.` };
}
