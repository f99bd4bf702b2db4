/**
 * How one collection's documents are stored: the fields listed in the schema's `encrypted` (a path with "." is a
 * nested property) are taken out of the document and kept together in one sealed string, `_sealed`; everything
 * else stays in clear, so ids, status, dates and areas remain queryable and indexable. One WebCrypto call per
 * document, however many personal fields it has.
 */
import type { RxJsonSchema } from 'rxdb';
import type { RecordCipher } from '../crypto/record-cipher.js';

/** The property of a stored document that holds its sealed fields. */
export const SEALED = '_sealed';

type Doc = Record<string, unknown>;
type SchemaNode = { properties?: Record<string, SchemaNode>; required?: string[] };

const isObject = (value: unknown): value is Doc => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The schema the underlying storage gets: the encrypted fields replaced by `_sealed`. */
export function storedSchema<T>(schema: RxJsonSchema<T>): RxJsonSchema<T> {
  const copy = structuredClone(schema) as RxJsonSchema<T> & SchemaNode & { encrypted?: string[] };
  for (const path of copy.encrypted ?? []) {
    const parts = path.split('.');
    let node: SchemaNode | undefined = copy;
    for (const part of parts.slice(0, -1)) node = node?.properties?.[part];
    const leaf = parts.at(-1)!;
    if (node?.properties) delete node.properties[leaf];
    if (node?.required) node.required = node.required.filter((name) => name !== leaf);
  }
  delete copy.encrypted;
  copy.properties = { ...copy.properties, [SEALED]: { type: 'string' } } as typeof copy.properties;
  return copy;
}

export class DocumentSealer {
  constructor(
    private readonly cipher: RecordCipher,
    private readonly paths: readonly string[],
    private readonly collectionName: string,
    private readonly primaryPath: string,
  ) {}

  private aad(doc: Doc): string {
    return `${this.collectionName}/${String(doc[this.primaryPath])}`;
  }

  /** The document as stored: personal fields out, `_sealed` in (no `_sealed` when it has none of them). */
  async sealAll<T>(docs: readonly T[]): Promise<T[]> {
    const split = docs.map((doc) => this.split(doc as Doc));
    const withSecrets = split.filter((s) => s.secret !== null);
    const texts = await this.cipher.sealAll(withSecrets.map((s) => ({ aad: this.aad(s.clear), value: s.secret })));
    withSecrets.forEach((s, i) => (s.clear[SEALED] = texts[i]));
    return split.map((s) => s.clear as T);
  }

  /** Stored documents back in clear (documents without `_sealed` are returned as they are). */
  async openAll<T>(docs: readonly T[]): Promise<T[]> {
    const sealed = docs.filter((d) => DocumentSealer.isStored(d)) as Doc[];
    if (sealed.length === 0) return [...docs];
    const secrets = await this.cipher.openAll(sealed.map((d) => ({ aad: this.aad(d), text: d[SEALED] as string })));
    const opened = new Map<Doc, Doc>(sealed.map((d, i) => [d, this.merge(d, secrets[i] as Doc)]));
    return docs.map((d) => (opened.get(d as Doc) ?? d) as T);
  }

  /** Whether a document is in its stored form. */
  static isStored(doc: unknown): boolean {
    return isObject(doc) && typeof doc[SEALED] === 'string';
  }

  private split(doc: Doc): { clear: Doc; secret: Doc | null } {
    const clear: Doc = { ...doc };
    let secret: Doc | null = null;
    for (const path of this.paths) {
      const parts = path.split('.');
      let parent: Doc = clear;
      let reachable = true;
      for (const part of parts.slice(0, -1)) {
        const child = parent[part];
        if (!isObject(child)) {
          reachable = false;
          break;
        }
        parent = parent[part] = { ...child }; // copied, never changing the caller's document
      }
      const leaf = parts.at(-1)!;
      if (!reachable || !(leaf in parent)) continue;
      (secret ??= {})[path] = parent[leaf];
      delete parent[leaf];
    }
    return { clear, secret };
  }

  private merge(stored: Doc, secret: Doc): Doc {
    const doc: Doc = { ...stored };
    delete doc[SEALED];
    for (const [path, value] of Object.entries(secret)) {
      const parts = path.split('.');
      let parent: Doc = doc;
      for (const part of parts.slice(0, -1))
        parent = parent[part] = { ...(isObject(parent[part]) ? parent[part] : {}) };
      parent[parts.at(-1)!] = value;
    }
    return doc;
  }
}
