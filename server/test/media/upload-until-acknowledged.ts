import type { Buffer } from 'node:buffer';
import { sha256, tusUpload } from './media-helpers.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A device's media upload loop: sends the file with tus, and after any failure (connection refused, server killed
 * mid-chunk) resumes the same upload from the offset the server acknowledged, until the server acknowledges the
 * whole file (or says it already holds it). Returns how many attempts it took.
 */
export async function uploadUntilAcknowledged(
  base: () => string | null,
  token: string,
  submissionId: string,
  bytes: Buffer,
  options: { chunkSize?: number; deadline?: number } = {},
): Promise<number> {
  let url: string | undefined;
  let attempts = 0;
  const deadline = options.deadline ?? Date.now() + 150_000;
  for (;;) {
    if (Date.now() > deadline) throw new Error(`upload of ${sha256(bytes)} did not finish in time`);
    const server = base();
    if (!server) {
      await sleep(50);
      continue;
    }
    attempts += 1;
    const result = await tusUpload(server, token, submissionId, bytes, {
      chunkSize: options.chunkSize ?? 64 * 1024,
      ...(url ? { uploadUrl: url } : {}),
    });
    // Done when the server holds the whole file: the upload finished, or it answers that it already holds it
    // (409 already-exists). tus's own 409 (the offset moved) is resumed like any other failure.
    if (result.ok || (result.status === 409 && result.body?.includes('"already-exists"'))) return attempts;
    // An upload the server no longer knows (404) starts again; any other failure resumes where it was.
    url = result.status === 404 ? undefined : (result.url ?? url);
    await sleep(30 + Math.random() * 70);
  }
}
