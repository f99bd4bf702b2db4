/**
 * A worker thread of the intake pool (intake-workers.ts): analyses pushed documents (form validation,
 * household identities) with the published forms read from its own read-only connection to the database.
 */
import type { Submission } from '@kusanya/schemas';
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { formsRepository } from '../repositories/forms.js';
import { CompiledForms } from '../services/compiled-forms.js';
import { analyseSubmission } from '../services/intake-analysis.js';
import type { IntakeJob, IntakeReply } from './intake-workers.js';

function serve(dbFile: string): void {
  const port = parentPort;
  if (!port) throw new Error('intake-worker runs as a worker thread only');
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  const forms = new CompiledForms(formsRepository(db));
  port.on('message', (job: IntakeJob) => {
    let reply: IntakeReply;
    try {
      const at = new Date(job.receivedAt);
      reply = { id: job.id, analyses: job.docs.map((json) => analyseSubmission(forms, JSON.parse(json) as Submission, at)) };
    } catch (error) {
      reply = { id: job.id, error: error instanceof Error ? error.message : String(error) };
    }
    port.postMessage(reply);
  });
  port.once('close', () => db.close());
}

serve((workerData as { dbFile: string }).dbFile);
