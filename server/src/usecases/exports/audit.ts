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

/** Where export events are written: the audit log (routes/exports.ts writes each entry with `audit()`). */
export interface AuditSink {
  record(entry: ExportAuditEntry): void;
}
