/**
 * Which files a media question accepts, and how a file's bytes say what they are. Shared by the capture widgets
 * (what the picker offers) and the server (what it serves inline: only types recognised from the bytes, never HTML).
 */

/** The kind of media a question captures: its type, or `signature` for the drawing appearances. */
export type MediaKind = 'image' | 'signature' | 'audio' | 'video' | 'file';

/**
 * The kind of a question from its type and appearance (`signature` and `draw` are drawings on a white page;
 * `annotate` is a photo, drawn on after it is taken: see `drawsOnPhoto`).
 */
export function mediaKindOf(type: string, appearance = ''): MediaKind | null {
  const words = appearance.toLowerCase().split(/\s+/);
  if (type === 'image') return words.some((w) => w === 'signature' || w === 'draw') ? 'signature' : 'image';
  if (type === 'audio' || type === 'background-audio') return 'audio';
  if (type === 'video') return 'video';
  if (type === 'file') return 'file';
  return null;
}

/** Whether an image question draws on its photo once taken (ODK's `annotate` appearance). */
export function drawsOnPhoto(type: string, appearance = ''): boolean {
  return type === 'image' && appearance.toLowerCase().split(/\s+/).includes('annotate');
}

/** The `accept` of a file picker for a kind (`file` accepts anything; the server never serves it inline). */
export function acceptOf(kind: MediaKind): string {
  switch (kind) {
    case 'image':
    case 'signature':
      return 'image/*';
    case 'audio':
      return 'audio/*';
    case 'video':
      return 'video/*';
    case 'file':
      return '';
  }
}

/** Whether a question of this kind accepts a file of this declared type. */
export function acceptsType(kind: MediaKind, type: string): boolean {
  const family = type.split('/')[0];
  switch (kind) {
    case 'image':
    case 'signature':
      return family === 'image' && type !== 'image/svg+xml';
    case 'audio':
      return family === 'audio' || type === 'video/webm' || type === 'video/mp4';
    case 'video':
      return family === 'video';
    case 'file':
      return true;
  }
}

/** Types served inline (shown or played in the browser); anything else is a download. */
const SIGNATURES: readonly { type: string; test: (b: Uint8Array) => boolean }[] = [
  { type: 'image/jpeg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: 'image/png', test: (b) => ascii(b, 1, 3) === 'PNG' && b[0] === 0x89 },
  { type: 'image/gif', test: (b) => ascii(b, 0, 4) === 'GIF8' },
  { type: 'image/webp', test: (b) => ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP' },
  { type: 'audio/wav', test: (b) => ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WAVE' },
  { type: 'audio/ogg', test: (b) => ascii(b, 0, 4) === 'OggS' },
  { type: 'audio/mpeg', test: (b) => ascii(b, 0, 3) === 'ID3' || (b[0] === 0xff && ((b[1] ?? 0) & 0xe0) === 0xe0) },
  { type: 'video/webm', test: (b) => b[0] === 0x1a && b[1] === 0x45 && b[2] === 0xdf && b[3] === 0xa3 },
  { type: 'video/mp4', test: (b) => ascii(b, 4, 4) === 'ftyp' },
  { type: 'application/pdf', test: (b) => ascii(b, 0, 5) === '%PDF-' },
];

function ascii(bytes: Uint8Array, start: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(start, start + length));
}

/** How many leading bytes `sniffType` reads. */
export const SNIFF_BYTES = 16;

/**
 * The type a file's first bytes show (JPEG, PNG, GIF, WebP, WAV, Ogg, MP3, WebM, MP4, PDF), or
 * `application/octet-stream` when they show none of them: a file named `.jpg` holding HTML is not an image.
 */
export function sniffType(head: Uint8Array): string {
  return SIGNATURES.find((s) => s.test(head))?.type ?? 'application/octet-stream';
}

/**
 * The type to serve a stored file as: what its bytes show, refined by what the device declared within the same
 * family (an `audio/webm` recording sniffs as `video/webm`; `audio/mp4` as `video/mp4`). Never text of any kind.
 */
export function servedType(sniffed: string, declared: string): string {
  if (sniffed === 'video/webm' && declared === 'audio/webm') return 'audio/webm';
  if (sniffed === 'video/mp4' && (declared === 'audio/mp4' || declared === 'audio/x-m4a')) return 'audio/mp4';
  return sniffed;
}

/** Whether a type is shown in the browser (images, audio, video); everything else is sent as a download. */
export function servedInline(type: string): boolean {
  return /^(image\/(jpeg|png|gif|webp)|audio\/[a-z0-9.+-]+|video\/(mp4|webm))$/.test(type);
}
