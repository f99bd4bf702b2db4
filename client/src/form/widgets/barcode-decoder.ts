/**
 * Reading barcodes and QR codes: the browser's own BarcodeDetector where it has one (Chrome on Android),
 * else ZXing (@zxing/library, pure JavaScript: nothing to allow in the CSP), loaded only when a barcode
 * question is used.
 */

import type { DecodeHintType } from './zxing.js';

interface DetectedBarcode {
  readonly rawValue: string;
}

interface BarcodeDetectorLike {
  detect(source: CanvasImageSource | ImageBitmap | ImageData): Promise<DetectedBarcode[]>;
}

type BarcodeDetectorClass = new (options?: { formats?: string[] }) => BarcodeDetectorLike;

/** Whether the browser reads barcodes itself (Chrome on Android does). */
export function hasNativeDetector(): boolean {
  return typeof (globalThis as { BarcodeDetector?: unknown }).BarcodeDetector === 'function';
}

/**
 * Loads ZXing once while online, so that the service worker has it for offline use, on tablets without
 * a BarcodeDetector that have a form with a barcode question.
 */
export function prefetchBarcodeDecoder(): void {
  if (!hasNativeDetector()) void import('./zxing.js').catch(() => undefined);
}

function nativeDetector(): BarcodeDetectorLike | null {
  const Detector = (globalThis as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  return Detector ? new Detector() : null;
}

/** The pixels of an image or video frame. */
function pixels(source: CanvasImageSource, width: number, height: number): ImageData {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  context.drawImage(source, 0, 0, width, height);
  return context.getImageData(0, 0, width, height);
}

async function zxingDecode(image: ImageData): Promise<string | null> {
  const zxing = await import('./zxing.js');
  const luminance = new zxing.RGBLuminanceSource(toLuminance(image), image.width, image.height);
  const hints = new Map<DecodeHintType, unknown>([[zxing.DecodeHintType.TRY_HARDER, true]]);
  const reader = new zxing.MultiFormatReader();
  reader.setHints(hints);
  try {
    return reader.decode(new zxing.BinaryBitmap(new zxing.HybridBinarizer(luminance))).getText();
  } catch {
    return null;
  }
}

function toLuminance(image: ImageData): Uint8ClampedArray {
  const out = new Uint8ClampedArray(image.width * image.height);
  const d = image.data;
  for (let i = 0, j = 0; i < d.length; i += 4, j++) out[j] = (d[i]! * 299 + d[i + 1]! * 587 + d[i + 2]! * 114) / 1000;
  return out;
}

/** The code in a frame of the camera, or null. */
export async function decodeFrame(video: HTMLVideoElement): Promise<string | null> {
  const native = nativeDetector();
  if (native) {
    const found = await native.detect(video).catch(() => []);
    return found[0]?.rawValue ?? null;
  }
  if (!video.videoWidth) return null;
  return zxingDecode(pixels(video, video.videoWidth, video.videoHeight));
}

/** The code in a photo (a file chosen or taken with the camera app), or null. */
export async function decodeImageFile(file: Blob): Promise<string | null> {
  const bitmap = await createImageBitmap(file);
  try {
    const native = nativeDetector();
    if (native) {
      const found = await native.detect(bitmap).catch(() => []);
      if (found[0]) return found[0].rawValue;
    }
    const scale = Math.min(1, 1600 / Math.max(bitmap.width, bitmap.height));
    return await zxingDecode(pixels(bitmap, Math.round(bitmap.width * scale), Math.round(bitmap.height * scale)));
  } finally {
    bitmap.close();
  }
}
