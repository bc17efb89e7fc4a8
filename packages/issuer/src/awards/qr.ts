import QRCode from 'qrcode';

/**
 * A QR code for `text` as a PNG (error correction M, 4-module quiet zone, 8 px a module), the
 * size wallets' cameras read from a screen or a printed email.
 *
 * @example
 * const png = await qrPng('https://issuer.example/interactions/abc?iuv=1');
 */
export async function qrPng(text: string): Promise<Buffer> {
  return QRCode.toBuffer(text, { type: 'png', errorCorrectionLevel: 'M', margin: 4, scale: 8 });
}

/** The same QR code as an SVG document (scales without blur in emails and print). */
export async function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
}
