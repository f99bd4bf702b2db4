import type { SubmissionPushRow } from '@kusanya/schemas';
import type { FastifyBaseLogger } from 'fastify';
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../../workers/start-worker.js';
import { prepareRows, type PreparedRow } from './push-submissions.js';

/** A push body (the JSON text of its rows) to prepare, as received at `receivedAt` (ISO). */
export interface IntakeJob {
  id: number;
  body: string;
  receivedAt: string;
}

export type IntakeReply = { id: number; rows: PreparedRow[] } | { id: number; error: string };

export interface IntakeWorkers {
  /** Each row of this push body prepared (canonical JSON, hash, analysis), in order. */
  prepare(body: string, receivedAt: Date): Promise<PreparedRow[]>;
  close(): Promise<void>;
}

interface Pending {
  resolve: (rows: PreparedRow[]) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  pending: Map<number, Pending>;
}

/**
 * A pool of worker threads that do the CPU work of intake that needs no database (form validation and
 * household identities, see usecases/intake-analysis.ts) while the main thread runs push transactions.
 * Workers start on first use; a worker that fails is replaced at the next call, and its pending jobs are
 * rejected (the caller then does the work inline, so nothing depends on the pool being healthy).
 */
export function intakeWorkers(options: { dbFile: string; size: number }): IntakeWorkers {
  const slots: (Slot | null)[] = Array.from({ length: options.size }, () => null);
  let nextId = 0;
  let turn = 0;
  let closed = false;

  const start = (index: number): Slot => {
    const worker = startWorker(new URL('./intake-worker.ts', import.meta.url), { dbFile: options.dbFile });
    worker.unref();
    const slot: Slot = { worker, pending: new Map() };
    const fail = (error: Error) => {
      if (slots[index] === slot) slots[index] = null;
      for (const p of slot.pending.values()) p.reject(error);
      slot.pending.clear();
    };
    worker.on('message', (reply: IntakeReply) => {
      const p = slot.pending.get(reply.id);
      if (!p) return;
      slot.pending.delete(reply.id);
      if ('error' in reply) p.reject(new Error(reply.error));
      else p.resolve(reply.rows);
    });
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`intake worker stopped (exit code ${code})`)));
    slots[index] = slot;
    return slot;
  };

  return {
    prepare(body, receivedAt) {
      if (closed) return Promise.reject(new Error('the intake workers are closed'));
      const index = turn;
      turn = (turn + 1) % slots.length;
      const slot = slots[index] ?? start(index);
      const id = (nextId += 1);
      return new Promise<PreparedRow[]>((resolve, reject) => {
        slot.pending.set(id, { resolve, reject });
        const job: IntakeJob = { id, body, receivedAt: receivedAt.toISOString() };
        slot.worker.postMessage(job);
      });
    },
    async close() {
      closed = true;
      await Promise.all(slots.map((slot) => slot?.worker.terminate()));
    },
  };
}

/**
 * The rows of a push, prepared before its transaction: by a worker from the body's JSON text when there are
 * workers (the main thread then neither serialises, hashes nor validates them), here otherwise. If the
 * workers fail, the rows are serialised here and the transaction analyses them itself (this is logged).
 */
export async function preparePush(
  workers: IntakeWorkers | null,
  rows: SubmissionPushRow[],
  bodyText: string | null,
  receivedAt: Date,
  log: FastifyBaseLogger,
): Promise<PreparedRow[]> {
  if (workers && rows.length > 0) {
    try {
      const prepared = await workers.prepare(bodyText ?? JSON.stringify(rows), receivedAt);
      if (prepared.length !== rows.length) throw new Error(`prepared ${prepared.length} rows of ${rows.length}`);
      return prepared;
    } catch (error) {
      log.warn({ err: error }, 'intake workers failed; the push transaction analyses its rows itself');
    }
  }
  return prepareRows(rows);
}
