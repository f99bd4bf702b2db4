import type { TicketAttachment, User } from '@kusanya/schemas';
import { createHash } from 'node:crypto';
import { newId } from '../../domain/ids.js';
import { AppError } from '../../errors.js';
import type { AttachmentMeta } from '../../repositories/grievance-cases.js';
import { visibleTicket, type CaseDeps } from './cases.js';

/** Scanned letters, photos and notes: what grievance staff attach to a case. */
export const ATTACHMENT_TYPES: Readonly<Record<string, string>> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'text/plain': 'txt',
};
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;

/** A file name safe to store and to send back in Content-Disposition. */
export function cleanFilename(name: string, contentType: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    .replace(/[\p{C}"]/gu, '')
    .trim()
    .slice(0, 200);
  return cleaned || `attachment.${ATTACHMENT_TYPES[contentType] ?? 'bin'}`;
}

export function addAttachment(
  deps: CaseDeps,
  user: User,
  ticketId: string,
  file: { filename: string; contentType: string; data: Buffer },
  now = new Date(),
): TicketAttachment {
  const contentType = file.contentType.split(';')[0]!.trim().toLowerCase();
  if (!ATTACHMENT_TYPES[contentType]) {
    throw new AppError(
      'unsupported-media-type',
      `Attach a PDF, a photo (JPEG, PNG, WebP) or a text file, not ${contentType || 'this type'}.`,
    );
  }
  if (file.data.length === 0) throw new AppError('validation-failed', 'The file is empty.');
  if (file.data.length > MAX_ATTACHMENT_BYTES)
    throw new AppError('payload-too-large', 'Attachments are limited to 5 MB.');
  return deps.db
    .transaction(() => {
      const ticket = visibleTicket(deps, user, ticketId);
      const at = now.toISOString();
      const meta: AttachmentMeta = {
        id: newId(),
        ticketId: ticket.id,
        filename: cleanFilename(file.filename, contentType),
        contentType,
        size: file.data.length,
        sha256: createHash('sha256').update(file.data).digest('hex'),
        uploadedBy: user.id,
        uploadedAt: at,
      };
      deps.cases.addAttachment({ ...meta, data: file.data });
      deps.cases.touch(ticket.id, at);
      return {
        id: meta.id,
        filename: meta.filename,
        contentType,
        size: meta.size,
        uploadedBy: user.username,
        uploadedAt: at,
      };
    })
    .immediate();
}

export function readAttachment(
  deps: CaseDeps,
  user: User,
  ticketId: string,
  id: string,
): AttachmentMeta & { data: Buffer } {
  const ticket = visibleTicket(deps, user, ticketId);
  const file = deps.cases.attachment(ticket.id, id);
  if (!file) throw new AppError('not-found', 'No such attachment.');
  return file;
}
