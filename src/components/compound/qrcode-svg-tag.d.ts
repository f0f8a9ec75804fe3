/**
 * qrcode's SVG renderer, the one `QRCode.toString(…, { type: 'svg' })` calls (qrcode 1.5,
 * lib/renderer/svg-tag.js): qr-svg.ts draws a symbol it has already made with it.
 */
declare module 'qrcode/lib/renderer/svg-tag.js' {
  import type { BitMatrix, QRCodeToStringOptions } from 'qrcode';

  // It reads nothing of the symbol but its modules' size and bits.
  const svgTag: { render(qr: { modules: Pick<BitMatrix, 'size' | 'data'> }, options: QRCodeToStringOptions): string };
  export default svgTag;
}
