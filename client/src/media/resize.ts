/**
 * Photos as the programme needs them: an ID card legible, the file small enough for a weak link. A camera's
 * 12-megapixel photo becomes a JPEG of at most `maxPixels` on its long side (XLSForm's `max-pixels`; 1,600 by
 * default), turned the right way up; EXIF (with its GPS position) is not carried over.
 */
export const DEFAULT_MAX_PIXELS = 1600;
/** The JPEG quality of photos kept on the tablet (resized and annotated ones alike). */
export const JPEG_QUALITY = 0.85;

/** The size to draw an image at so its long side is at most `maxPixels` (never enlarged). */
export function fitWithin(width: number, height: number, maxPixels: number): { width: number; height: number } {
  const long = Math.max(width, height);
  if (long <= maxPixels) return { width, height };
  const scale = maxPixels / long;
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** The `max-pixels` parameter of an image question, or the default. */
export function maxPixelsOf(parameters: Readonly<Record<string, string>> | undefined): number {
  const value = Number(parameters?.['max-pixels']);
  return Number.isInteger(value) && value > 0 ? value : DEFAULT_MAX_PIXELS;
}

/** Resizes and re-encodes a photo as JPEG. */
export async function resizePhoto(file: Blob, maxPixels = DEFAULT_MAX_PIXELS): Promise<Blob> {
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  try {
    const { width, height } = fitWithin(bitmap.width, bitmap.height, maxPixels);
    if (typeof OffscreenCanvas !== 'undefined') {
      const canvas = new OffscreenCanvas(width, height);
      const context = canvas.getContext('2d');
      if (!context) throw new Error('no 2D canvas');
      context.drawImage(bitmap, 0, 0, width, height);
      return await canvas.convertToBlob({ type: 'image/jpeg', quality: JPEG_QUALITY });
    }
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    canvas.getContext('2d')!.drawImage(bitmap, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (b) => (b ? resolve(b) : reject(new Error('could not encode the photo'))),
        'image/jpeg',
        JPEG_QUALITY,
      ),
    );
  } finally {
    bitmap.close();
  }
}
