/**
 * ZXing (@zxing/library, pure JavaScript), the barcode reader for browsers without a BarcodeDetector.
 * Its own chunk (`zxing-*.js`, ~115 KB gzipped) is not in the app shell: the service worker caches it the
 * first time it is loaded, which the app does as soon as a form with a barcode question arrives on a
 * tablet that needs it (see `prefetchBarcodeDecoder`).
 */
export { BinaryBitmap, DecodeHintType, HybridBinarizer, MultiFormatReader, RGBLuminanceSource } from '@zxing/library';
