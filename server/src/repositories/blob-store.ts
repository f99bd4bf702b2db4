import { SNIFF_BYTES, sniffType } from '@kusanya/shared/media/types';
import { createHash, randomUUID } from 'node:crypto';
import {
  closeSync,
  createReadStream,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  type ReadStream,
} from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../errors.js';

const SHA256 = /^[0-9a-f]{64}$/;

/** What a file holds, read once from its bytes. */
export interface BlobFacts {
  sha256: string;
  size: number;
  /** The type its first bytes show (`application/octet-stream` when none we serve inline). */
  sniffed: string;
}

function fsyncPath(path: string, flags = 'r'): void {
  const fd = openSync(path, flags);
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** SHA-256, size and sniffed type of a file, streamed (files can be hundreds of megabytes). */
export function factsOfFile(path: string): Promise<BlobFacts> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    let size = 0;
    let head: Buffer | null = null;
    createReadStream(path, { highWaterMark: 1024 * 1024 })
      .on('data', (data: string | Buffer) => {
        const chunk = typeof data === 'string' ? Buffer.from(data) : data;
        if (!head) head = chunk.subarray(0, SNIFF_BYTES);
        size += chunk.length;
        hash.update(chunk);
      })
      .on('error', reject)
      .on('end', () =>
        resolve({ sha256: hash.digest('hex'), size, sniffed: sniffType(new Uint8Array(head ?? Buffer.alloc(0))) }),
      );
  });
}

export type BlobStore = ReturnType<typeof blobStore>;

/**
 * Content-addressed files under `root` (DATA_DIR/media/blobs): a blob's path is made of its SHA-256 only, so no
 * name a device sends ever reaches the file system. A blob is moved into place only after its bytes matched their
 * hash and reached the disk (fsync of the file and of its directory), so a blob that exists is whole.
 */
export function blobStore(root: string) {
  const pathOf = (sha256: string): string => {
    if (!SHA256.test(sha256)) throw new AppError('bad-request', 'Not a SHA-256 digest.');
    return join(root, sha256.slice(0, 2), sha256);
  };
  return {
    /**
     * Writes bytes that arrived whole (a rescue file's medium) beside the store, under a generated name, for
     * `ingest` to check and move into place.
     */
    writeIncoming(bytes: Uint8Array): string {
      const dir = join(root, '..', 'incoming');
      mkdirSync(dir, { recursive: true });
      const file = join(dir, randomUUID());
      writeFileSync(file, bytes);
      return file;
    },
    root,
    pathOf,
    has: (sha256: string): boolean => existsSync(pathOf(sha256)),
    /**
     * Moves a finished upload (or a file to import) into the store if its bytes match `expected`; removes it
     * otherwise and says why. A blob already present is kept and the new copy dropped (idempotent by hash).
     */
    async ingest(file: string, expected: { sha256: string; size?: number }): Promise<BlobFacts> {
      const facts = await factsOfFile(file);
      if (facts.sha256 !== expected.sha256 || (expected.size !== undefined && facts.size !== expected.size)) {
        rmSync(file, { force: true });
        throw new AppError(
          'checksum-mismatch',
          `The file that arrived (${facts.size} bytes) does not match the one the record names (${expected.size ?? '?'} bytes, SHA-256 ${expected.sha256.slice(0, 12)}…): it was not kept. The tablet sends it again.`,
        );
      }
      const target = pathOf(facts.sha256);
      if (existsSync(target)) {
        rmSync(file, { force: true });
        return facts;
      }
      const dir = join(root, facts.sha256.slice(0, 2));
      mkdirSync(dir, { recursive: true });
      fsyncPath(file, 'r+');
      renameSync(file, target);
      fsyncPath(dir);
      return facts;
    },
    open: (sha256: string, range?: { start: number; end: number }): ReadStream =>
      createReadStream(pathOf(sha256), range),
    size: (sha256: string): number => statSync(pathOf(sha256)).size,
    /** The first bytes of a blob (what its type is told from). */
    head(sha256: string): Uint8Array {
      const fd = openSync(pathOf(sha256), 'r');
      try {
        const buf = Buffer.alloc(SNIFF_BYTES);
        const n = readSync(fd, buf, 0, SNIFF_BYTES, 0);
        return new Uint8Array(buf.subarray(0, n));
      } finally {
        closeSync(fd);
      }
    },
  };
}
