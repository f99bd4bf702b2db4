/**
 * The e2e server's own database, opened from the test process (SQLite in WAL mode allows it while the server
 * runs). Tests count what arrived on the server, and play the roles that have no screen yet — a supervisor
 * returning a record, the registry publishing households — through the server's own modules, so the test
 * exercises the same code path those features will use. The server has no test-only route.
 */
import type { HouseholdDoc, Submission } from '@kusanya/schemas';
import { databasePath, openDatabase, type Db } from '../../server/src/db/database.js';
import { LocationTree } from '../../server/src/domain/scope.js';
import { locationsRepository } from '../../server/src/repositories/locations.js';
import { householdPullRepository } from '../../server/src/repositories/household-pull.js';
import { registryRepository } from '../../server/src/repositories/registry.js';
import { registerHouseholdDoc } from '@kusanya/tools/factories/registry';
import { submissionsRepository } from '../../server/src/repositories/submissions.js';
import { writeServerState, type ServerPatch } from '../../server/src/sync/server-writes.js';

export class ServerDb {
  private constructor(private readonly db: Db) {}

  static open(): ServerDb {
    const dir = process.env['E2E_DATA_DIR'];
    if (!dir) throw new Error('E2E_DATA_DIR is not set (playwright.config.ts sets it)');
    return new ServerDb(openDatabase(databasePath(dir)));
  }

  /** Every stored record whose respondent name starts with `prefix`. */
  submissions(prefix: string): Submission[] {
    return (
      this.db
        .prepare("SELECT doc FROM submissions WHERE json_extract(doc, '$.data.respondent_name') LIKE ? ORDER BY seq")
        .all(`${prefix}%`) as { doc: string }[]
    ).map((r) => JSON.parse(r.doc) as Submission);
  }

  /** How many rows of `submissions` hold this id (the primary key says at most one; this says it is so). */
  rowsWithId(id: string): number {
    return (this.db.prepare('SELECT count(*) AS n FROM submissions WHERE id = ?').get(id) as { n: number }).n;
  }

  versions(id: string) {
    return submissionsRepository(this.db).versions(id);
  }

  /** A server-side decision on a record (what a supervisor's "return" will do), through the server's code. */
  writeServerState(id: string, patch: ServerPatch): Submission {
    return writeServerState({ db: this.db, submissions: submissionsRepository(this.db) }, id, patch, 'e2e-supervisor');
  }

  /** Puts households in the registry (devices of their collines then pull them), as approvals do. */
  publishHouseholds(docs: HouseholdDoc[]): void {
    const registry = registryRepository(this.db);
    const tree = new LocationTree(locationsRepository(this.db).nodes());
    this.db.transaction(() => docs.forEach((doc) => registerHouseholdDoc(registry, tree, doc, 'e2e')))();
  }

  /** A registry household by its code, with its active members (what devices pull). */
  household(code: string) {
    const row = this.db.prepare('SELECT id FROM households WHERE code = ?').get(code) as { id: string } | undefined;
    return row ? householdPullRepository(this.db).get(row.id) : null;
  }

  /** The registry history of a household, oldest first. */
  historyOf(code: string) {
    const row = this.db.prepare('SELECT id FROM households WHERE code = ?').get(code) as { id: string } | undefined;
    return row ? registryRepository(this.db).history(row.id) : [];
  }

  close(): void {
    this.db.close();
  }
}
