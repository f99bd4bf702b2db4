import yauzl from 'yauzl';

/**
 * What an upload must pass before a spreadsheet library parses it (issue 12, finding 4: a 1.8 MB
 * `.xlsx` whose sheet expands to 453 MB exhausted the server's heap).
 *
 * An `.xlsx`/`.xlsm` is a ZIP archive: its directory is read and every part is inflated as a stream
 * and counted, never kept, so a part that expands beyond the limit (whatever its header claims) is
 * refused after at most the limit's worth of work; the cells of the worksheets are counted on the
 * way. An `.xls` (an OLE compound file) is not compressed: its size is the upload's.
 */

/** Bytes of the parts of an `.xlsx` once expanded. The largest real XLSForms here expand to ~2 MB. */
export const MAX_EXPANDED_BYTES = 40 * 1024 * 1024;
/** Cells of the worksheets (a 3,037-colline choice list with three languages is ~20,000). */
export const MAX_CELLS = 400_000;
/** Parts of an `.xlsx` archive. */
const MAX_PARTS = 2_000;

export type WorkbookFormat = 'xlsx' | 'xls';

export type WorkbookCheck =
  | {
      readonly ok: true;
      readonly format: WorkbookFormat;
      /** What the spreadsheet library will have to read: the expanded parts of an `.xlsx`, an `.xls` as it is. */
      readonly expandedBytes: number;
    }
  | { readonly ok: false; readonly reason: 'unreadable' | 'too-large'; readonly message: string };

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(buffer: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((b, i) => buffer[i] === b);
}

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

export function tooLarge(message: string): Extract<WorkbookCheck, { ok: false }> {
  return { ok: false, reason: 'too-large', message };
}

const unreadable = (why: string): WorkbookCheck => ({
  ok: false,
  reason: 'unreadable',
  message: `not a readable .xlsx or .xls file (${why})`,
});

/** Counts `<c ` and `<c>` (cell elements) across chunk boundaries. */
class CellCounter {
  count = 0;
  private tail = '';
  push(chunk: Buffer): void {
    const text = this.tail + chunk.toString('latin1');
    for (let i = text.indexOf('<c'); i !== -1 && i + 2 < text.length; i = text.indexOf('<c', i + 2)) {
      const next = text.charCodeAt(i + 2);
      if (next === 0x20 || next === 0x3e || next === 0x09 || next === 0x0a || next === 0x0d) this.count++;
    }
    this.tail = text.slice(-2);
  }
}

function inspectZip(buffer: Buffer): Promise<WorkbookCheck> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: WorkbookCheck, zip?: yauzl.ZipFile) => {
      if (settled) return;
      settled = true;
      zip?.close();
      resolve(result);
    };
    yauzl.fromBuffer(buffer, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false }, (error, zip) => {
      if (error || !zip) return finish(unreadable(error?.message ?? 'no archive'));
      if (zip.entryCount > MAX_PARTS) return finish(tooLarge(`the file holds ${zip.entryCount} parts`), zip);
      let expanded = 0;
      const cells = new CellCounter();
      zip.on('error', (e: Error) => finish(unreadable(e.message), zip));
      zip.on('end', () => {
        if (cells.count > MAX_CELLS) {
          finish(
            tooLarge(
              `the workbook has ${cells.count.toLocaleString('en')} cells (at most ${MAX_CELLS.toLocaleString('en')})`,
            ),
            zip,
          );
        } else finish({ ok: true, format: 'xlsx', expandedBytes: expanded }, zip);
      });
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName.endsWith('/')) return zip.readEntry();
        expanded += entry.uncompressedSize;
        if (expanded > MAX_EXPANDED_BYTES) {
          return finish(
            tooLarge(`the workbook expands to more than ${mb(MAX_EXPANDED_BYTES)} (${mb(expanded)} declared)`),
            zip,
          );
        }
        const isSheet = /^xl\/worksheets\/[^/]+\.xml$/i.test(entry.fileName);
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return finish(unreadable(streamError?.message ?? 'unreadable part'), zip);
          // validateEntrySizes stops a part whose data expands beyond its declared size.
          stream.on('data', (chunk: Buffer) => {
            if (isSheet) cells.push(chunk);
            if (cells.count > MAX_CELLS) {
              stream.destroy();
              finish(tooLarge(`the workbook has more than ${MAX_CELLS.toLocaleString('en')} cells`), zip);
            }
          });
          stream.on('error', (e: Error) =>
            finish(
              /too many bytes|size mismatch|uncompressed/i.test(e.message)
                ? tooLarge(`a part of the workbook expands beyond what its header says (${e.message})`)
                : unreadable(e.message),
              zip,
            ),
          );
          stream.on('end', () => zip.readEntry());
        });
      });
      zip.readEntry();
    });
  });
}

/** Tells the format of an upload and whether it may be parsed. */
export async function checkWorkbook(buffer: Buffer): Promise<WorkbookCheck> {
  if (startsWith(buffer, ZIP)) return inspectZip(buffer);
  if (startsWith(buffer, OLE)) return { ok: true, format: 'xls', expandedBytes: buffer.length };
  return unreadable('it is neither an .xlsx nor an .xls workbook');
}
