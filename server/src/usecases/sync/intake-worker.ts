/**
 * A worker thread of the intake pool (intake-workers.ts): prepares the rows of a push body — each document's
 * canonical JSON and hash, and its analysis (form validation, household identities) with the published forms
 * read from the worker's own read-only connection to the database.
 */
import type { SubmissionPushRow } from '@kusanya/schemas';
import { parentPort, workerData } from 'node:worker_threads';
import { openReadOnly } from '../../db/database.js';
import { formsRepository } from '../../repositories/forms.js';
import { CompiledForms } from '../compiled-forms.js';
import { analyseSubmission } from '../intake-analysis.js';
import type { IntakeJob, IntakeReply } from './intake-workers.js';
import { serialise } from '../../domain/submission-content.js';

function serve(dbFile: string): void {
  const port = parentPort;
  if (!port) throw new Error('intake-worker runs as a worker thread only');
  const db = openReadOnly(dbFile);
  const forms = new CompiledForms(formsRepository(db));
  port.on('message', (job: IntakeJob) => {
    let reply: IntakeReply;
    try {
      const at = new Date(job.receivedAt);
      // The body was parsed and validated by the route already: this is the same text, so the same rows.
      const rows = JSON.parse(job.body) as SubmissionPushRow[];
      reply = {
        id: job.id,
        rows: rows.map(({ newDocumentState: doc }) => ({
          content: serialise(doc),
          analysis: analyseSubmission(forms.get(doc.formId, doc.formVersion), doc, at),
        })),
      };
    } catch (error) {
      reply = { id: job.id, error: error instanceof Error ? error.message : String(error) };
    }
    port.postMessage(reply);
  });
  port.once('close', () => db.close());
}

serve((workerData as { dbFile: string }).dbFile);
