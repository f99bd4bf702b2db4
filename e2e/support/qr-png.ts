import zxing from '@zxing/library';
import { crc32, deflateSync } from 'node:zlib';

/**
 * A QR code as a PNG file, as a photo of a household card would give it: black modules on white, a quiet
 * zone of four modules, `scale` pixels per module (8-bit greyscale, written by hand: no image library).
 */
export function qrPng(text: string, scale = 8): Buffer {
  // CommonJS: its names come through the default export.
  const { BarcodeFormat, QRCodeWriter } = zxing;
  const matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, new Map());
  const quiet = 4;
  const modules = matrix.getWidth();
  const size = (modules + 2 * quiet) * scale;
  const raw = Buffer.alloc((size + 1) * size, 0xff);
  for (let y = 0; y < size; y++) {
    raw[y * (size + 1)] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const mx = Math.floor(x / scale) - quiet;
      const my = Math.floor(y / scale) - quiet;
      const dark = mx >= 0 && my >= 0 && mx < modules && my < modules && matrix.get(mx, my);
      raw[y * (size + 1) + 1 + x] = dark ? 0 : 0xff;
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(8 + data.length + 4);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
