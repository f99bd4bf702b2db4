import type { Choice, FormDefinition, LocalizedText } from '@kusanya/schemas';
import type { NodeTest } from '../expr/ast.js';
import type { XNode } from '../expr/values.js';
import { languageKey } from '../xlsform/cells.js';
import { parseCsvRows } from './csv.js';
import { parseXml, type XmlElement } from './xml-instance.js';

/**
 * Secondary instances: the documents `instance('id')` reads. Each choice list of the form is one
 * (`instance('communes')/root/item[province = …]/name`), and so is each data file attached to the form
 * as media: a CSV (header row; one `item` per row), an XML file (as it is) or a GeoJSON file (one `item`
 * per feature, its `geometry` written as ODK writes geotraces). A file named `cities.csv` is the instance
 * `cities`, as pyxform names it.
 *
 * Files are read (and parsed) the first time they are used. A file that is not on the device yet reads as
 * no instance: the expressions that need it report it on their question.
 */

/** Text of the form's data files (CSV, XML, GeoJSON), by file name. */
export type FormMediaTexts = ReadonlyMap<string, string>;

class InstanceElement implements XNode {
  readonly kids: InstanceElement[] = [];
  private byName: Map<string, InstanceElement[]> | null = null;
  private indexAmongNamesakes = 1;
  private cachedValue: string | null = null;

  constructor(
    readonly name: string,
    private readonly text: string,
    private readonly attrs: Readonly<Record<string, string>>,
    private readonly parentElement: InstanceElement | null,
  ) {}

  add(child: InstanceElement): void {
    child.indexAmongNamesakes = this.kids.filter((k) => k.name === child.name).length + 1;
    this.kids.push(child);
    this.byName = null;
  }

  value(): string {
    if (this.cachedValue === null) {
      this.cachedValue = this.kids.length === 0 ? this.text : this.kids.map((k) => k.value()).join('');
    }
    return this.cachedValue;
  }

  children(test: NodeTest): readonly InstanceElement[] {
    if (test.kind !== 'name') return test.kind === 'text' ? [] : this.kids;
    const found = this.named(test.name);
    if (found.length > 0 || !test.name.includes('::')) return found;
    // `label::English` names the label in English, stored under the language's key (`label::en`).
    const cut = test.name.indexOf('::');
    return this.named(`${test.name.slice(0, cut)}::${languageKey(test.name.slice(cut + 2)).key}`);
  }

  private named(name: string): readonly InstanceElement[] {
    if (!this.byName) {
      this.byName = new Map();
      for (const kid of this.kids) {
        const list = this.byName.get(kid.name) ?? [];
        list.push(kid);
        this.byName.set(kid.name, list);
      }
    }
    return this.byName.get(name) ?? [];
  }

  parent(): XNode | null {
    return this.parentElement;
  }

  attribute(name: string): string | undefined {
    return this.attrs[name];
  }

  position(): number {
    return this.indexAmongNamesakes;
  }

  /** The text of a child element (a column of an item). */
  field(name: string): string | undefined {
    return this.children({ kind: 'name', name })[0]?.value();
  }
}

const NO_ATTRIBUTES: Readonly<Record<string, string>> = {};

/** A document node whose only child is `root`, holding one `item` per row. */
function itemsDocument(rows: readonly Readonly<Record<string, string>>[]): InstanceElement {
  const doc = new InstanceElement('#document', '', NO_ATTRIBUTES, null);
  const root = new InstanceElement('root', '', NO_ATTRIBUTES, doc);
  doc.add(root);
  for (const row of rows) {
    const item = new InstanceElement('item', '', NO_ATTRIBUTES, root);
    for (const [column, text] of Object.entries(row)) item.add(new InstanceElement(column, text, NO_ATTRIBUTES, item));
    root.add(item);
  }
  return doc;
}

function fromXml(element: XmlElement, parent: InstanceElement): InstanceElement {
  const node = new InstanceElement(element.name, element.text, element.attributes, parent);
  for (const child of element.children) node.add(fromXml(child, node));
  return node;
}

type Position = readonly number[];

function geometryText(geometry: { type?: string; coordinates?: unknown }): string {
  const point = (c: Position) => `${c[1]} ${c[0]} ${c[2] ?? 0} 0`;
  const coords = geometry.coordinates;
  switch (geometry.type) {
    case 'Point':
      return point(coords as Position);
    case 'LineString':
      return (coords as Position[]).map(point).join('; ');
    case 'Polygon':
      return ((coords as Position[][])[0] ?? []).map(point).join('; ');
    default:
      throw new Error(`geometry '${geometry.type}' is not supported (Point, LineString or Polygon)`);
  }
}

function geoJsonRows(text: string): Record<string, string>[] {
  const json = JSON.parse(text) as { type?: string; features?: unknown[] };
  if (json.type !== 'FeatureCollection' || !Array.isArray(json.features))
    throw new Error('not a GeoJSON FeatureCollection');
  return json.features.map((f) => {
    const feature = f as {
      id?: unknown;
      geometry?: { type?: string; coordinates?: unknown };
      properties?: Record<string, unknown>;
    };
    const row: Record<string, string> = { geometry: geometryText(feature.geometry ?? {}) };
    if (feature.id !== undefined) row['id'] = String(feature.id);
    for (const [k, v] of Object.entries(feature.properties ?? {})) row[k] = v === null ? '' : String(v);
    return row;
  });
}

/** Parses a data file into a document; throws with a reason when it cannot be read. */
export function parseMediaInstance(fileName: string, text: string): InstanceElement {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv')) return itemsDocument(parseCsvRows(text));
  if (lower.endsWith('.geojson')) return itemsDocument(geoJsonRows(text));
  if (lower.endsWith('.xml')) {
    const doc = new InstanceElement('#document', '', NO_ATTRIBUTES, null);
    doc.add(fromXml(parseXml(text), doc));
    return doc;
  }
  throw new Error(`'${fileName}' is not a CSV, XML or GeoJSON file`);
}

/** The instance id of a data file: its name without the extension (`cities.csv` → `cities`). */
export function instanceIdOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? fileName.slice(0, dot) : fileName;
}

export const DATA_FILE = /\.(csv|xml|geojson)$/i;

/**
 * Data sets the device builds itself from what it pulled, when no file of that name is attached to the
 * form: the registry households of the user's collines (`select_one_from_file households.csv`, with their
 * code, head, size and area), as ODK Entities do. The server, which cannot know which households a tablet
 * had, checks such an answer's form but not its membership.
 */
export const REGISTRY_DATASETS: ReadonlySet<string> = new Set(['households.csv']);

function labelText(label: LocalizedText, language: string): string {
  return label[language] ?? Object.values(label)[0] ?? '';
}

/** The secondary instances of one compiled form. */
export class InstanceSet {
  private readonly documents = new Map<string, InstanceElement | null>();
  private readonly files = new Map<string, string>();
  private readonly failures = new Map<string, string>();

  constructor(
    private readonly definition: FormDefinition,
    media: FormMediaTexts,
  ) {
    for (const [name, text] of media)
      if (DATA_FILE.test(name)) this.files.set(instanceIdOf(name), name + '\u0000' + text);
  }

  /** Whether an instance of this id can exist (a list of the form or a data file it names). */
  declared(id: string): boolean {
    return id in this.definition.choices || this.files.has(id) || this.expectedFiles().has(id);
  }

  /** Data files the form names (select_one_from_file, xml-external/csv-external). */
  private expectedFiles(): Set<string> {
    const ids = new Set<string>();
    for (const name of this.definition.externalInstances ?? []) ids.add(instanceIdOf(name));
    for (const file of this.definition.media ?? []) if (DATA_FILE.test(file.name)) ids.add(instanceIdOf(file.name));
    return ids;
  }

  /** Why a data file could not be read, if it could not. */
  failure(id: string): string | undefined {
    return this.failures.get(id);
  }

  /** The document node of an instance, or null when the form has none of that id (or its file is missing). */
  get(id: string): XNode | null {
    return this.document(id);
  }

  private document(id: string): InstanceElement | null {
    if (this.documents.has(id)) return this.documents.get(id) ?? null;
    let doc: InstanceElement | null = null;
    const stored = this.files.get(id);
    if (stored !== undefined) {
      const cut = stored.indexOf('\u0000');
      try {
        doc = parseMediaInstance(stored.slice(0, cut), stored.slice(cut + 1));
      } catch (error) {
        this.failures.set(id, error instanceof Error ? error.message : String(error));
      }
    } else {
      const list = this.definition.choices[id];
      if (list) doc = itemsDocument(list.map((c) => choiceRow(c, this.definition.defaultLanguage)));
    }
    this.documents.set(id, doc);
    return doc;
  }

  /** Whether the data file behind an instance is on the device. */
  hasFile(id: string): boolean {
    return this.files.has(id);
  }

  /**
   * The choices of `select_one_from_file`: one per item, its value and label from the named columns
   * (`name` and `label` by default; `label::Français (fr)` columns give translations).
   */
  choices(
    id: string,
    languageOf: (spec: string) => string | null,
    valueColumn = 'name',
    labelColumn = 'label',
  ): { choices: Choice[]; items: XNode[] } {
    const doc = this.document(id);
    const root = doc?.kids[0];
    if (!root) return { choices: [], items: [] };
    const out: Choice[] = [];
    const items: XNode[] = [];
    const seen = new Set<string>();
    for (const item of root.kids) {
      const name = item.field(valueColumn)?.trim();
      if (!name || seen.has(name)) continue;
      seen.add(name);
      const label: LocalizedText = {};
      const filters: Record<string, string> = {};
      for (const kid of item.kids) {
        if (kid.name === labelColumn) label[this.definition.defaultLanguage] = kid.value();
        else if (kid.name.startsWith(`${labelColumn}::`)) {
          const lang = languageOf(kid.name.slice(labelColumn.length + 2));
          if (lang) label[lang] = kid.value();
        } else if (kid.name !== valueColumn) filters[kid.name] = kid.value();
      }
      if (Object.keys(label).length === 0) label[this.definition.defaultLanguage] = name;
      out.push({ name, label, ...(Object.keys(filters).length > 0 ? { filters } : {}) });
      items.push(item);
    }
    return { choices: out, items };
  }

  /** The items of a choice list of the choices sheet, in the list's order. */
  listItems(id: string): readonly XNode[] {
    return this.document(id)?.kids[0]?.kids ?? [];
  }

  /**
   * Column names of an instance's items (the first items'), or null when the instance is not available or
   * holds no item: an empty list (a tablet that has pulled no household yet) is a select with no choices, as
   * in Collect, not a form that cannot open.
   */
  columns(id: string): ReadonlySet<string> | null {
    const root = this.document(id)?.kids[0];
    if (!root || root.kids.length === 0) return null;
    const names = new Set<string>();
    for (const item of root.kids.slice(0, 50)) for (const kid of item.kids) names.add(kid.name);
    return names;
  }
}

function choiceRow(choice: Choice, language: string): Record<string, string> {
  const row: Record<string, string> = { name: choice.name, label: labelText(choice.label, language) };
  for (const [lang, text] of Object.entries(choice.label)) if (text !== undefined) row[`label::${lang}`] = text;
  for (const [k, v] of Object.entries(choice.filters ?? {})) if (!(k in row)) row[k] = String(v);
  return row;
}
