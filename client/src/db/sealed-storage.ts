/**
 * An RxDB storage wrapper that keeps the personal fields of documents encrypted at rest with WebCrypto
 * (AES-GCM, crypto/record-cipher.ts), in place of RxDB's crypto-js wrapper (synchronous, on the main thread) and of
 * its premium WebCrypto plugin. A collection opts in as with RxDB: its schema lists the fields in `encrypted`, and
 * the database is created with the key as `password` (RxDB refuses another key with DB1).
 *
 * What it costs: each write is sealed in one batch (one WebCrypto call per document), and what was just written is
 * never decrypted back — the change events RxDB emits for a write carry the documents as the app handed them over.
 * Reads (queries, look-ups by id, the replication's change feed) open the documents they return, in one batch.
 * RxDB's replication meta data (a copy of each replicated document) is sealed the same way (`encrypted: ['docData']`).
 */
import type {
  BulkWriteRow,
  EventBulk,
  PreparedQuery,
  RxDocumentData,
  RxStorage,
  RxStorageBulkWriteResponse,
  RxStorageChangeEvent,
  RxStorageInstance,
  RxStorageInstanceCreationParams,
  RxStorageQueryResult,
  RxStorageWriteError,
} from 'rxdb';
import { BehaviorSubject, concatMap, filter, firstValueFrom, from, of, tap, type Observable } from 'rxjs';
import { RecordCipher } from '../crypto/record-cipher.js';
import { DocumentSealer, storedSchema } from './document-sealer.js';

/** Wraps a storage so that the fields a schema lists in `encrypted` are stored sealed with the database key. */
export function sealedStorage<Internals, Options>(base: RxStorage<Internals, Options>): RxStorage<Internals, Options> {
  const ciphers = new Map<string, Promise<RecordCipher>>();
  return {
    name: base.name,
    rxdbVersion: base.rxdbVersion,
    async createStorageInstance<T>(params: RxStorageInstanceCreationParams<T, Options>) {
      const paths = (params.schema as { encrypted?: string[] }).encrypted ?? [];
      if (params.schema.attachments?.encrypted) throw new Error('Encrypted RxDB attachments are not supported here');
      if (paths.length === 0) return base.createStorageInstance(params);
      if (typeof params.password !== 'string')
        throw new Error(`${params.collectionName}: encrypted fields need the key`);
      let cipher = ciphers.get(params.password);
      if (!cipher) ciphers.set(params.password, (cipher = RecordCipher.fromHex(params.password)));
      const instance = await base.createStorageInstance({ ...params, schema: storedSchema(params.schema) });
      const primary = params.schema.primaryKey;
      const primaryPath = typeof primary === 'string' ? primary : primary.key;
      return new SealedStorageInstance(
        instance,
        params.schema,
        new DocumentSealer(await cipher, paths, params.collectionName, primaryPath),
      );
    },
  };
}

class SealedStorageInstance<T, Internals, Options, Checkpoint> implements RxStorageInstance<
  T,
  Internals,
  Options,
  Checkpoint
> {
  readonly databaseName: string;
  readonly internals: Readonly<Internals>;
  readonly options: Readonly<Options>;
  readonly collectionName: string;
  /** Documents in clear by the stored object written for them, while their write's change events go out. */
  private readonly written = new WeakMap<object, RxDocumentData<T>>();
  /** Change-event batches being opened: a write resolves only once its events are out (RxDB's contract). */
  private readonly opening = new BehaviorSubject(0);

  constructor(
    private readonly base: RxStorageInstance<T, Internals, Options, Checkpoint>,
    readonly schema: RxStorageInstance<T, Internals, Options, Checkpoint>['schema'],
    private readonly sealer: DocumentSealer,
  ) {
    this.databaseName = base.databaseName;
    this.internals = base.internals;
    this.options = base.options;
    this.collectionName = base.collectionName;
  }

  async bulkWrite(rows: BulkWriteRow<T>[], context: string): Promise<RxStorageBulkWriteResponse<T>> {
    const sealed = await this.sealer.sealAll(rows.map((row) => row.document));
    sealed.forEach((doc, i) => this.written.set(doc, rows[i]!.document));
    // `previous` only serves the storage's revision check (and RxDB's change event): it is never stored.
    const stored = rows.map((row, i) => ({ ...row, document: sealed[i]! }));
    const result = await this.base.bulkWrite(stored, context);
    const original = new Map<BulkWriteRow<T>, BulkWriteRow<T>>(stored.map((row, i) => [row, rows[i]!]));
    const inDbOf = (e: RxStorageWriteError<T>) => (e as { documentInDb?: RxDocumentData<T> }).documentInDb;
    const inDb = await this.sealer.openAll(result.error.map((e) => inDbOf(e) ?? null));
    const error = result.error.map(
      (e, i): RxStorageWriteError<T> =>
        ({
          ...e,
          writeRow: original.get(e.writeRow) ?? e.writeRow,
          ...(inDbOf(e) ? { documentInDb: inDb[i]! } : {}),
        }) as RxStorageWriteError<T>,
    );
    await firstValueFrom(this.opening.pipe(filter((n) => n === 0)));
    return { error };
  }

  async findDocumentsById(ids: string[], withDeleted: boolean): Promise<RxDocumentData<T>[]> {
    return this.sealer.openAll(await this.base.findDocumentsById(ids, withDeleted));
  }

  async query(preparedQuery: PreparedQuery<T>): Promise<RxStorageQueryResult<T>> {
    const result = await this.base.query(preparedQuery);
    return { documents: await this.sealer.openAll(result.documents) };
  }

  count(preparedQuery: PreparedQuery<T>) {
    return this.base.count(preparedQuery);
  }

  getAttachmentData(documentId: string, attachmentId: string, digest: string): Promise<Blob> {
    return this.base.getAttachmentData(documentId, attachmentId, digest);
  }

  get getChangedDocumentsSince() {
    const base = this.base.getChangedDocumentsSince?.bind(this.base);
    if (!base) return undefined;
    return async (limit: number, checkpoint?: Checkpoint) => {
      const result = await base(limit, checkpoint);
      return { checkpoint: result.checkpoint, documents: await this.sealer.openAll(result.documents) };
    };
  }

  changeStream(): Observable<EventBulk<RxStorageChangeEvent<T>, Checkpoint>> {
    return this.base.changeStream().pipe(
      tap(() => this.opening.next(this.opening.value + 1)),
      concatMap((bulk) => {
        const known = bulk.events.map((event) => ({
          ...event,
          documentData: this.written.get(event.documentData) ?? event.documentData,
        }));
        const stillSealed = known.some(
          (e) => DocumentSealer.isStored(e.documentData) || DocumentSealer.isStored(e.previousDocumentData),
        );
        // Written here: the documents are known in clear. From another tab: opened (one batch).
        return stillSealed ? from(this.openEvents(bulk, known)) : of({ ...bulk, events: known });
      }),
      tap(() => this.opening.next(this.opening.value - 1)),
    );
  }

  private async openEvents(
    bulk: EventBulk<RxStorageChangeEvent<T>, Checkpoint>,
    events: RxStorageChangeEvent<T>[],
  ): Promise<EventBulk<RxStorageChangeEvent<T>, Checkpoint>> {
    const docs = await this.sealer.openAll(events.map((e) => e.documentData));
    const previous = await this.sealer.openAll(events.map((e) => e.previousDocumentData ?? null));
    return {
      ...bulk,
      events: events.map((e, i) => ({
        ...e,
        documentData: docs[i]!,
        previousDocumentData: previous[i] ?? e.previousDocumentData,
      })),
    };
  }

  cleanup(minimumDeletedTime: number): Promise<boolean> {
    return this.base.cleanup(minimumDeletedTime);
  }

  close(): Promise<void> {
    return this.base.close();
  }

  remove(): Promise<void> {
    return this.base.remove();
  }
}
