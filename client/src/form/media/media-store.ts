import type { FormDefinition, FormMediaFile, HouseholdDoc } from '@kusanya/schemas';
import { DATA_FILE, REGISTRY_DATASETS } from '@kusanya/shared/form/instances';

/**
 * The form media files on this device: downloaded once after the form is pulled (by SHA-256, checked
 * against it), kept in the browser's Cache Storage so forms work offline, read back as text (data files
 * the engine compiles with) or as object URLs (label images and audio).
 *
 * Not kept in the user's encrypted database: form media are the same for every user of the form (choice
 * lists, pictures), like the app itself.
 */

const CACHE = 'kusanya-form-media-v1';
const key = (file: FormMediaFile) => `/api/forms/media/${file.sha256}`;

async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export interface MediaProgress {
  readonly done: number;
  readonly total: number;
  readonly failed: readonly string[];
}

export class FormMediaStore {
  private readonly urls = new Map<string, string>();

  constructor(private readonly token: () => string | null) {}

  private async cache(): Promise<Cache | null> {
    return typeof caches === 'undefined' ? null : caches.open(CACHE);
  }

  /** Downloads the files of these forms that are not on the device yet; reports progress. */
  async ensure(files: readonly FormMediaFile[], onProgress?: (p: MediaProgress) => void): Promise<MediaProgress> {
    const cache = await this.cache();
    const failed: string[] = [];
    let done = 0;
    const unique = [...new Map(files.map((f) => [f.sha256, f])).values()];
    for (const file of unique) {
      if (cache && !(await cache.match(key(file)))) {
        try {
          const token = this.token();
          const res = await fetch(`${key(file)}?name=${encodeURIComponent(file.name)}`, {
            headers: token ? { authorization: `Bearer ${token}` } : {},
            cache: 'no-store',
          });
          if (!res.ok) throw new Error(`HTTP ${res.status}`);
          const bytes = await res.arrayBuffer();
          if ((await sha256Hex(bytes)) !== file.sha256) throw new Error('checksum mismatch');
          await cache.put(key(file), new Response(bytes, { headers: { 'content-type': file.type } }));
        } catch {
          failed.push(file.name);
        }
      }
      done++;
      onProgress?.({ done, total: unique.length, failed });
    }
    return { done, total: unique.length, failed };
  }

  /** Whether every file is on the device. */
  async has(files: readonly FormMediaFile[]): Promise<string[]> {
    const cache = await this.cache();
    const missing: string[] = [];
    for (const f of files) if (!cache || !(await cache.match(key(f)))) missing.push(f.name);
    return missing;
  }

  /** The text of the form's data files that are on the device, by name. */
  async texts(definition: FormDefinition): Promise<Map<string, string>> {
    const cache = await this.cache();
    const out = new Map<string, string>();
    if (!cache) return out;
    for (const file of definition.media ?? []) {
      if (!DATA_FILE.test(file.name)) continue;
      const res = await cache.match(key(file));
      if (res) out.set(file.name, await res.text());
    }
    return out;
  }

  /** An object URL for a label image or audio file of the form (null while it is not on the device). */
  async url(definition: FormDefinition, name: string): Promise<string | null> {
    const file = definition.media?.find((f) => f.name === name);
    if (!file) return null;
    const known = this.urls.get(file.sha256);
    if (known) return known;
    const res = await (await this.cache())?.match(key(file));
    if (!res) return null;
    const url = URL.createObjectURL(await res.blob());
    this.urls.set(file.sha256, url);
    return url;
  }

  /** Frees the object URLs (when the user logs out). */
  close(): void {
    for (const url of this.urls.values()) URL.revokeObjectURL(url);
    this.urls.clear();
  }
}

const csvCell = (value: unknown): string => {
  const text = value === undefined || value === null ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/**
 * The registry data set `households.csv`: the households of the user's collines pulled to this tablet,
 * one row each — `name` (the household id, the stored answer), `label` (code and head), `code`, `area`
 * (colline), `head`, `size` — for forms that list or look up households (`select_one_from_file
 * households.csv`, `pulldata('households', 'head', 'name', ${household})`).
 */
export function householdsCsv(households: readonly HouseholdDoc[]): string {
  const rows = [['name', 'label', 'code', 'area', 'head', 'size']];
  for (const h of households) {
    const head = h.members.find((m) => m.role === 'HEAD');
    const headName = head
      ? [head.values['first_name'], head.values['last_name']]
          .filter((v) => typeof v === 'string' && v !== '')
          .join(' ') || String(head.values['full_name'] ?? '')
      : '';
    rows.push([
      h.id,
      [h.code ?? '', headName].filter(Boolean).join(' — ') || h.id,
      h.code ?? '',
      h.area,
      headName,
      String(h.members.length),
    ]);
  }
  return rows.map((r) => r.map(csvCell).join(',')).join('\n');
}

/** Registry data sets a form names but has no file for. */
export function registryDatasetsOf(definition: FormDefinition): string[] {
  const attached = new Set((definition.media ?? []).map((f) => f.name));
  return (definition.externalInstances ?? []).filter((name) => REGISTRY_DATASETS.has(name) && !attached.has(name));
}
