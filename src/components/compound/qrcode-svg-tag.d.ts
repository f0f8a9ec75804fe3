/**
 * qrcode's SVG renderer, the one `QRCode.toString(…, { type: 'svg' })` calls (qrcode 1.5,
 * lib/renderer/svg-tag.js): qr-svg.ts draws a symbol it has already made with it.
 */
declare module 'qrcode/lib/renderer/svg-tag.js' {
  import type { QRCode, QRCodeToStringOptions } from 'qrcode';

  const svgTag: { render(qr: Pick<QRCode, 'modules'>, options: QRCodeToStringOptions): string };
  export default svgTag;
}
