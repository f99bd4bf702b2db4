import type { FastifyReply } from 'fastify';
import type { MediaDownload } from '../usecases/media/media-service.js';

/** A file name for Content-Disposition: no quotes, no control characters, no path. */
const dispositionName = (name: string) => encodeURIComponent(name.replace(/[\p{C}"\\/]/gu, '').slice(0, 200) || 'file');

/**
 * Sends a medium's bytes (the media routes and Kobo's attachment URLs): the type its bytes show, shown inline only
 * for photos and recordings, never sniffed by the browser, never run as a page, never cached by a shared cache.
 */
export function sendMedium(reply: FastifyReply, download: MediaDownload) {
  return reply
    .header('content-type', download.contentType)
    .header('content-length', download.file.size)
    .header(
      'content-disposition',
      `${download.inline ? 'inline' : 'attachment'}; filename*=UTF-8''${dispositionName(download.file.name)}`,
    )
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'private, no-store')
    .send(download.stream);
}
