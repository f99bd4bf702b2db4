/**
 * Brings the records of earlier releases' databases into the current one, losing nothing, on the first start of
 * this release (and again at every start until it has finished, if the app is closed halfway):
 *
 * 1. Records — forms, drafts, records of the outbox — before the app opens (`copyRecords`): usually a handful, in
 *    small batches, with progress. Copies are insert-only, so a start after an interruption skips what arrived.
 *    Once every record of a database is in, that is remembered (`marks`): drafts finished or deleted afterwards
 *    never come back from the old copy.
 * 2. Households — the registry slice for revisits, possibly thousands — in the background (`copyHouseholds`),
 *    where the tablet has none with that id (what sync brought since is newer), with their list entries. Then
 *    the old database is deleted, and that is remembered too.
 *
 * The old databases: the first release's (nothing encrypted) and the previous release's (crypto-js).
 * Replication checkpoints start over: the next sync re-sends and re-reads, which the server answers idempotently
 * (DESIGN.md §3 rule 1).
 */
import type { HouseholdDoc } from '@kusanya/schemas';
import type { RxStorage } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { yieldToMain } from '../../app/yield-to-main.js';
import type { HouseholdStore } from '../../households/household-store.js';
import type { Local } from '../collections.js';
import type { KusanyaDatabase } from '../database.js';
import { dexieDatabaseExists, legacyDatabaseNames } from '../names.js';
import { openLegacyDatabase, type LegacyDatabase, type LegacyDoc } from './open-legacy.js';

export interface MigrationProgress {
  /** Documents copied or found already there, of `total`. */
  done: number;
  total: number;
}

export interface LegacyMigrationOptions {
  storage?: RxStorage<unknown, unknown>;
  /** Where finished steps are remembered (default: localStorage). */
  marks?: Pick<Storage, 'getItem' | 'setItem'>;
  /** Whether a database of that name is on the tablet (default: IndexedDB's list of databases). */
  exists?: (name: string) => Promise<boolean>;
  /** Documents read from the old database per step (each step then gives the main thread back). */
  batch?: number;
  onRecords?: (progress: MigrationProgress) => void;
  onHouseholds?: (progress: MigrationProgress) => void;
}

const RECORD_COLLECTIONS = ['forms', 'drafts', 'submissions'] as const;
const DEFAULT_BATCH = 10;
/** Households copied into the current database per write. */
const HOUSEHOLD_WRITE = 50;

interface Legacy {
  name: string;
  key?: string;
  /** Set when this database is fully migrated and deleted. */
  doneMark: string;
  /** Set when every record (not the households) of it is in the current database. */
  recordsMark: string;
  /** Marks of earlier releases meaning the same as `doneMark`. */
  alsoDoneIf?: string;
}

export class LegacyMigration {
  private readonly storage: RxStorage<unknown, unknown>;
  private readonly marks: Pick<Storage, 'getItem' | 'setItem'>;
  private readonly exists: (name: string) => Promise<boolean>;
  private readonly batch: number;
  private readonly legacies: Legacy[];
  private cancelled = false;

  constructor(
    userId: string,
    key: string,
    private readonly target: KusanyaDatabase,
    private readonly households: HouseholdStore,
    private readonly options: LegacyMigrationOptions = {},
  ) {
    this.storage = options.storage ?? getRxStorageDexie();
    this.marks = options.marks ?? localStorage;
    this.exists = options.exists ?? ((name) => dexieDatabaseExists(name));
    this.batch = options.batch ?? DEFAULT_BATCH;
    const names = legacyDatabaseNames(userId);
    this.legacies = [
      {
        name: names.plain,
        doneMark: `kusanya.migrated.${names.plain}`,
        recordsMark: `kusanya.migrated.records.${names.plain}`,
        alsoDoneIf: `kusanya.adopted.${userId}`, // the crypto-js release copied and emptied it
      },
      {
        name: names.cryptoJs,
        key,
        doneMark: `kusanya.migrated.${names.cryptoJs}`,
        recordsMark: `kusanya.migrated.records.${names.cryptoJs}`,
      },
    ];
  }

  /** The old databases still on the tablet. */
  private async pending(): Promise<Legacy[]> {
    const left: Legacy[] = [];
    for (const legacy of this.legacies) {
      if (this.marks.getItem(legacy.doneMark) || (legacy.alsoDoneIf && this.marks.getItem(legacy.alsoDoneIf))) continue;
      if (await this.exists(legacy.name)) left.push(legacy);
      else this.marks.setItem(legacy.doneMark, new Date().toISOString());
    }
    return left;
  }

  /** Step 1: forms, drafts and outbox records of the old databases, before the app opens. Returns how many arrived. */
  async copyRecords(): Promise<number> {
    let copied = 0;
    for (const legacy of await this.pending()) {
      if (this.marks.getItem(legacy.recordsMark)) continue;
      await this.withLegacy(legacy, async (old) => {
        const total = (await Promise.all(RECORD_COLLECTIONS.map((name) => old[name].count().exec()))).reduce(
          (a, b) => a + b,
          0,
        );
        let done = 0;
        this.options.onRecords?.({ done, total });
        for (const name of RECORD_COLLECTIONS) {
          await this.eachBatch(old, name, async (docs) => {
            const result = await this.target[name].bulkInsert(docs as never[]);
            const failed = result.error.filter((e) => e.status !== 409);
            if (failed.length > 0) throw new Error(`${failed.length} ${name} could not be copied from ${legacy.name}`);
            copied += result.success.length;
            done += docs.length;
            this.options.onRecords?.({ done, total });
          });
        }
        if (!this.cancelled) this.marks.setItem(legacy.recordsMark, new Date().toISOString());
      });
    }
    return copied;
  }

  /** Step 2: the households of the old databases, in the background; then the old databases are deleted. */
  async copyHouseholds(): Promise<number> {
    let copied = 0;
    for (const legacy of await this.pending()) {
      if (!this.marks.getItem(legacy.recordsMark)) continue; // step 1 first
      const old = await openLegacyDatabase(legacy.name, this.storage, legacy.key);
      let removed = false;
      try {
        const total = await old.households.count().exec();
        let done = 0;
        let waiting: LegacyDoc[] = [];
        const flush = async () => {
          copied += await this.households.putIfAbsent(waiting as unknown as Local<HouseholdDoc>[]);
          done += waiting.length;
          waiting = [];
          this.options.onHouseholds?.({ done, total });
        };
        this.options.onHouseholds?.({ done, total });
        await this.eachBatch(old, 'households', async (docs) => {
          waiting.push(...docs);
          if (waiting.length >= HOUSEHOLD_WRITE) await flush();
        });
        if (waiting.length > 0) await flush();
        if (this.cancelled) return copied;
        await old.remove();
        removed = true;
        this.marks.setItem(legacy.doneMark, new Date().toISOString());
      } finally {
        if (!removed) await old.close();
      }
    }
    return copied;
  }

  /** Stops after the current step (the app is closing); what is left is done at the next start. */
  cancel(): void {
    this.cancelled = true;
  }

  private async withLegacy(legacy: Legacy, work: (old: LegacyDatabase) => Promise<void>): Promise<void> {
    const old = await openLegacyDatabase(legacy.name, this.storage, legacy.key);
    try {
      await work(old);
    } finally {
      await old.close();
    }
  }

  /** Every document of a collection, in batches by id (the primary key's index), giving the main thread back. */
  private async eachBatch(
    old: LegacyDatabase,
    name: keyof LegacyDatabase['collections'],
    handle: (docs: LegacyDoc[]) => Promise<void>,
  ): Promise<void> {
    let last = '';
    while (!this.cancelled) {
      const found = await old[name]
        .find({ selector: { id: { $gt: last } }, sort: [{ id: 'asc' }], limit: this.batch })
        .exec();
      if (found.length === 0) return;
      const docs = found.map((d) => d.toMutableJSON() as LegacyDoc);
      last = docs.at(-1)!.id;
      await handle(docs);
      await yieldToMain();
    }
  }
}
