/**
 * The rows of a pull page (DESIGN.md §3), read one at a time: at most `limit` rows and about `maxBytes` of their
 * documents (the protocol's PULL_MAX_BYTES), always at least one row (a document larger than the budget travels alone). Stopping early closes the
 * statement, so a page never loads more than it sends (issue 12 finding 3: pages counted only records, and four
 * pulls of 112 MB each exhausted the heap).
 */
export function boundedPage<R>(
  rows: IterableIterator<R>,
  bytesOf: (row: R) => number,
  limit: number,
  maxBytes: number,
): R[] {
  const page: R[] = [];
  let bytes = 0;
  for (const row of rows) {
    const size = bytesOf(row);
    if (page.length > 0 && bytes + size > maxBytes) break;
    page.push(row);
    bytes += size;
    if (page.length >= limit) break;
  }
  rows.return?.();
  return page;
}
