/** One export as the audit log records it: who took which data, in which format, with which filters. */
export interface ExportAuditEntry {
  at: string;
  userId: string;
  username: string;
  role: string;
  action: 'export';
  dataset: string;
  format: string;
  filters: Record<string, string | null>;
  rows: number;
}

/**
 * Where export events are written. The audit log itself comes from the security branch: at merge the lead
 * passes the real audit log here (context.ts, `exportAudit`). Until then the app context keeps the last
 * entries in memory and every route also writes the entry to the server log.
 */
export interface AuditSink {
  record(entry: ExportAuditEntry): void;
}

/** The interim sink: the most recent entries of this app instance, for tests and the log. */
export function memoryAuditSink(limit = 1000): AuditSink & { readonly entries: readonly ExportAuditEntry[] } {
  const entries: ExportAuditEntry[] = [];
  return {
    entries,
    record(entry) {
      entries.push(entry);
      if (entries.length > limit) entries.splice(0, entries.length - limit);
    },
  };
}
