import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';

type JsQr = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
// jsqr is CommonJS with an ES-module-style `default`: under NodeNext the default import is module.exports.
const jsQR: JsQr = (jsQRModule as unknown as { default?: JsQr }).default ?? (jsQRModule as unknown as JsQr);

/**
 * The text of the QR code in a PNG, read with jsQR (an independent decoder) from pngjs pixels;
 * undefined when no QR code is found.
 *
 * @example
 * expect(decodeQrPng(await (await fetch(qrUrl)).arrayBuffer())).toBe(interactionUrl);
 */
export function decodeQrPng(png: Buffer | ArrayBuffer): string | undefined {
  const image = PNG.sync.read(Buffer.from(png as ArrayBuffer));
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data;
}
