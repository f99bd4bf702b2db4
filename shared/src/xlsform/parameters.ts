import type { FormNode } from '@kusanya/schemas';

/**
 * The `parameters` column: `key=value` pairs separated by spaces, commas or semicolons, keys in lower
 * case (values too, except `label` and `value`, which name columns of a file). Which keys each
 * question type takes, and the checks pyxform makes on their values.
 */

export function parseParameters(text: string): Record<string, string> | { error: string } {
  const out: Record<string, string> = {};
  const trimmed = text.trim();
  if (trimmed === '') return out;
  for (const pair of trimmed.split(/[\s,;]+/).filter(Boolean)) {
    const eq = pair.indexOf('=');
    if (eq <= 0 || eq === pair.length - 1 || pair.indexOf('=', eq + 1) >= 0) {
      return { error: `Expecting parameters to be in the form of 'parameter1=value parameter2=value'.` };
    }
    const key = pair.slice(0, eq).toLowerCase();
    const value = pair.slice(eq + 1);
    out[key] = key === 'label' || key === 'value' || key === 'seed' ? value : value.toLowerCase();
  }
  return out;
}

const ACCEPTED: Readonly<Partial<Record<FormNode['type'] | 'select_from_file', readonly string[]>>> = {
  audit: [
    'identify-user',
    'location-max-age',
    'location-min-interval',
    'location-priority',
    'track-changes',
    'track-changes-reasons',
  ],
  audio: ['quality'],
  'background-audio': ['quality'],
  geopoint: ['allow-mock-accuracy', 'capture-accuracy', 'reference-geometry', 'warning-accuracy'],
  geotrace: ['allow-mock-accuracy', 'incremental', 'reference-geometry'],
  geoshape: ['allow-mock-accuracy', 'incremental', 'reference-geometry'],
  image: ['app', 'max-pixels'],
  range: ['end', 'placeholder', 'start', 'step', 'tick_interval', 'tick_labelset'],
  select_one: ['randomize', 'seed'],
  select_multiple: ['randomize', 'seed'],
  rank: ['randomize', 'seed'],
  select_from_file: ['label', 'randomize', 'seed', 'value'],
  text: ['rows'],
};

const isNumber = (v: string | undefined) => v !== undefined && v !== '' && Number.isFinite(Number(v));
const isInteger = (v: string | undefined) => v !== undefined && /^-?\d+$/.test(v);
const isReference = (v: string) => /^\$\{[^}\s]+\}$/.test(v);

/**
 * Problems with a row's parameters for its type (pyxform refuses unknown keys and bad values), and
 * warnings (an image without max-pixels).
 */
export function checkParameters(
  type: FormNode['type'],
  fromFile: boolean,
  parameters: Readonly<Record<string, string>>,
  appearance: string,
  choiceLists: ReadonlySet<string>,
): { problems: string[]; warnings: string[] } {
  const problems: string[] = [];
  const warnings: string[] = [];
  const accepted = ACCEPTED[fromFile ? 'select_from_file' : type];
  const keys = Object.keys(parameters);
  if (accepted) {
    const rejected = keys.filter((k) => !accepted.includes(k)).sort();
    if (rejected.length > 0)
      problems.push(
        `Accepted parameters are '${accepted.join(', ')}'. The following are invalid parameter(s): '${rejected.join(', ')}'.`,
      );
  }
  const p = parameters;
  switch (type) {
    case 'text':
      if (p['rows'] !== undefined && !isInteger(p['rows'])) problems.push('Parameter rows must have an integer value.');
      break;
    case 'image':
      if (p['max-pixels'] === undefined)
        warnings.push('Use the max-pixels parameter to speed up submission sending and save storage space.');
      else if (!isInteger(p['max-pixels'])) problems.push('Parameter max-pixels must have an integer value.');
      break;
    case 'audio':
    case 'background-audio':
      if (p['quality'] !== undefined && !['voice-only', 'low', 'normal', 'external'].includes(p['quality']))
        problems.push('Invalid value for quality.');
      break;
    case 'range': {
      for (const name of ['start', 'end', 'step', 'tick_interval', 'placeholder']) {
        if (p[name] !== undefined && !isNumber(p[name])) problems.push(`Parameter ${name} must be a number.`);
      }
      if (problems.length > 0) break;
      const start = Number(p['start'] ?? 1);
      const end = Number(p['end'] ?? 10);
      const step = Number(p['step'] ?? 1);
      const width = Math.abs(end - start);
      if (step === 0) problems.push('Parameter step must not be zero.');
      else if (Math.abs(step) > width) problems.push('Parameter step must not be larger than the range (end - start).');
      if (p['tick_labelset'] !== undefined && !choiceLists.has(p['tick_labelset']))
        problems.push(`Parameter tick_labelset names no choice list ('${p['tick_labelset']}').`);
      if (
        appearance &&
        !/\b(vertical|no-ticks)\b/.test(appearance) &&
        ['tick_interval', 'placeholder', 'tick_labelset'].some((k) => k in p)
      )
        problems.push(
          `The appearance '${appearance}' cannot be used with tick_interval, placeholder or tick_labelset.`,
        );
      break;
    }
    case 'geopoint':
      for (const name of ['capture-accuracy', 'warning-accuracy'])
        if (p[name] !== undefined && !isNumber(p[name])) problems.push(`Parameter ${name} must be a number.`);
      if (p['allow-mock-accuracy'] !== undefined && !['true', 'false'].includes(p['allow-mock-accuracy']))
        problems.push('Parameter allow-mock-accuracy must be true or false.');
      break;
    case 'geotrace':
    case 'geoshape':
      if (p['incremental'] !== undefined && p['incremental'] !== 'true')
        problems.push('Parameter incremental must be true.');
      break;
    case 'select_one':
    case 'select_multiple':
    case 'rank':
      if (p['randomize'] !== undefined && !['true', 'false'].includes(p['randomize']))
        problems.push(`randomize must be set to true or false: '${p['randomize']}' is an invalid value`);
      if (p['seed'] !== undefined) {
        if (p['randomize'] === undefined) problems.push('Parameters must include randomize=true to use a seed.');
        else if (!isNumber(p['seed']) && !isReference(p['seed']))
          problems.push('seed value must be a number or a reference to another field.');
      }
      break;
    default:
      break;
  }
  return { problems, warnings };
}
