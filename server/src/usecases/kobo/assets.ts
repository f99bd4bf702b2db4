import type { FormDefinition, KoboMapping } from '@kusanya/schemas';
import { checkKoboMapping } from '@kusanya/schemas/validators';
import type { LocationTree } from '../../domain/scope.js';
import { AppError } from '../../errors.js';
import type { FormsRepository } from '../../repositories/forms.js';
import type { KoboAssetRow, KoboRepository } from '../../repositories/kobo.js';
import type { LocationsRepository } from '../../repositories/locations.js';
import { compileMapping, type CompiledMapping, type KoboLocations } from './mapping.js';

export interface KoboAssetsDeps {
  kobo: KoboRepository;
  forms: FormsRepository;
  locations: LocationsRepository;
  locationTree: () => LocationTree;
}

/** A registered asset ready to use: its mapping checked against the latest published version of its form. */
export interface LoadedAsset {
  row: KoboAssetRow;
  compiled: CompiledMapping;
  definition: FormDefinition;
  /** The Kobo keys the mapping produces (top level and repeats). */
  claimed: ReadonlySet<string>;
}

/** A mapping file as read from disk: checked against the mapping schema, with every problem named. */
export function parseMapping(value: unknown, source: string): KoboMapping {
  const checked = checkKoboMapping(value);
  if (!checked.ok)
    throw new AppError(
      'validation-failed',
      `The mapping ${source} is not a valid mapping file (forms/kobo/README.md).`,
      checked.errors,
    );
  return checked.value;
}

/**
 * The Kobo assets Kusanya serves and imports: each mapping file registered under its asset uid. Compiled
 * mappings and the Kobo codes of locations are kept per app instance and rebuilt when they change.
 */
export function koboAssets(deps: KoboAssetsDeps) {
  let loadedAll: { mark: string; rows: KoboAssetRow[]; assets: Map<string, LoadedAsset> } | null = null;
  let codes: { version: number; locations: KoboLocations } | null = null;

  const compile = (mapping: KoboMapping): { compiled: CompiledMapping; definition: FormDefinition } => {
    const form = deps.forms.listLatest().find((f) => f.formId === mapping.formId);
    if (!form)
      throw new AppError(
        'not-found',
        `Form "${mapping.formId}" is not published: publish it before using its mapping.`,
      );
    const result = compileMapping(mapping, form.definition);
    if (!result.ok)
      throw new AppError(
        'validation-failed',
        `The mapping has ${result.problems.length} problem(s) against ${form.formId} version ${form.version}.`,
        result.problems.map((message) => ({ path: '', message })),
      );
    return { compiled: result.compiled, definition: form.definition };
  };

  /** The registered assets, read again only when forms or assets changed (any process may change them). */
  const current = () => {
    const mark = deps.kobo.definitionsMark();
    if (loadedAll?.mark !== mark) loadedAll = { mark, rows: deps.kobo.assets(), assets: new Map() };
    return loadedAll;
  };

  return {
    /** Registers (or replaces) the mapping of a Kobo asset, after checking it against its form. */
    register(mapping: KoboMapping, by: string): KoboAssetRow {
      if (!mapping.asset)
        throw new AppError('validation-failed', 'The mapping names no Kobo asset ("asset": {"uid", "name"}).');
      compile(mapping);
      const row: KoboAssetRow = {
        uid: mapping.asset.uid,
        name: mapping.asset.name,
        formId: mapping.formId,
        mapping,
        registeredAt: new Date().toISOString(),
        registeredBy: by,
      };
      deps.kobo.registerAsset(row);
      loadedAll = null;
      return row;
    },
    list: (): KoboAssetRow[] => current().rows,
    /** The asset with its compiled mapping, or null when no asset has this uid. */
    get: (uid: string): LoadedAsset | null => {
      const all = current();
      const loaded = all.assets.get(uid);
      if (loaded) return loaded;
      const row = all.rows.find((a) => a.uid === uid);
      if (!row) return null;
      // Compiled when first asked for (a mapping whose form is not published yet throws then, not before).
      const { compiled, definition } = compile(row.mapping);
      const claimed = new Set([...compiled.top.byKey.keys(), ...compiled.repeats.map((r) => r.koboPath)]);
      const fresh = { row, compiled, definition, claimed };
      all.assets.set(uid, fresh);
      return fresh;
    },
    /** Locations by Kobo code, both ways. */
    locations(): KoboLocations {
      const version = deps.locations.version();
      if (codes?.version !== version) {
        const toKobo = deps.locations.koboCodes();
        const tree = deps.locationTree();
        codes = {
          version,
          locations: {
            fromKobo: (code) => deps.locations.byKoboCode(code),
            toKobo: (code) => toKobo.get(code) ?? null,
            ancestor: (code, level) => tree.ancestor(code, level),
          },
        };
      }
      return codes.locations;
    },
  };
}

export type KoboAssets = ReturnType<typeof koboAssets>;
