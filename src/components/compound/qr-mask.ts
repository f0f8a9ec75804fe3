/**
 * The mask qrcode would choose for a symbol, found the way qrcode finds it (lib/core/mask-pattern.js
 * `getBestMask`: each of the eight masks applied with its format information, scored by the
 * penalties N1–N4 with qrcode's own rules, the first lowest wins) but on the module bytes
 * directly. qrcode's search calls a method per module per mask per rule, and was two thirds of a
 * compound page's QR code (bench/README.md, h16p); given the mask, qrcode draws the same symbol
 * (tests/unit/components/qr-svg.test.ts compares every mask's symbols with qrcode's own).
 */
import type { QRCode, QRCodeMaskPattern } from 'qrcode';

const MASKS = 8;

/** qrcode's `getMaskAt`: whether mask `p` darkens the module at row `i`, column `j`. */
function darkens(p: number, i: number, j: number): boolean {
  switch (p) {
    case 0:
      return (i + j) % 2 === 0;
    case 1:
      return i % 2 === 0;
    case 2:
      return j % 3 === 0;
    case 3:
      return (i + j) % 3 === 0;
    case 4:
      return (Math.floor(i / 2) + Math.floor(j / 3)) % 2 === 0;
    case 5:
      return ((i * j) % 2) + ((i * j) % 3) === 0;
    case 6:
      return (((i * j) % 2) + ((i * j) % 3)) % 2 === 0;
    default:
      return (((i * j) % 3) + ((i + j) % 2)) % 2 === 0;
  }
}

const highBit = (n: number): number => 32 - Math.clz32(n);

/** The 15 format bits of an error-correction level and mask (qrcode's `FormatInfo.getEncodedBits`, BCH(15,5)). */
function formatBits(levelBit: number, mask: number): number {
  const G15 = 0b10100110111;
  const data = (levelBit << 3) | mask;
  let d = data << 10;
  while (highBit(d) >= highBit(G15)) d ^= G15 << (highBit(d) - highBit(G15));
  return ((data << 10) | d) ^ 0b101010000010010;
}

/** Writes the format bits where qrcode's `setupFormatInfo` puts them. */
function setFormat(m: Uint8Array, size: number, bits: number): void {
  for (let i = 0; i < 15; i++) {
    const bit = (bits >> i) & 1;
    m[(i < 6 ? i : i < 8 ? i + 1 : size - 15 + i) * size + 8] = bit;
    m[8 * size + (i < 8 ? size - i - 1 : i < 9 ? 15 - i : 15 - i - 1)] = bit;
  }
  m[(size - 8) * size + 8] = 1;
}

/** qrcode's N1 + N2 + N3 + N4 of a masked symbol: its rules, each module read once per direction. */
function penalty(m: Uint8Array, size: number): number {
  let n1 = 0;
  let n2 = 0;
  let n3 = 0;
  let dark = 0;
  for (let row = 0; row < size; row++) {
    const at = row * size;
    let sameCol = 0;
    let sameRow = 0;
    let lastCol = -1;
    let lastRow = -1;
    let bitsCol = 0;
    let bitsRow = 0;
    for (let col = 0; col < size; col++) {
      const a = m[at + col]!;
      const b = m[col * size + row]!;
      dark += a;
      if (a === lastCol) sameCol++;
      else {
        if (sameCol >= 5) n1 += 3 + (sameCol - 5);
        lastCol = a;
        sameCol = 1;
      }
      if (b === lastRow) sameRow++;
      else {
        if (sameRow >= 5) n1 += 3 + (sameRow - 5);
        lastRow = b;
        sameRow = 1;
      }
      bitsCol = ((bitsCol << 1) & 0x7ff) | a;
      bitsRow = ((bitsRow << 1) & 0x7ff) | b;
      if (col >= 10) {
        if (bitsCol === 0x5d0 || bitsCol === 0x05d) n3++;
        if (bitsRow === 0x5d0 || bitsRow === 0x05d) n3++;
      }
    }
    if (sameCol >= 5) n1 += 3 + (sameCol - 5);
    if (sameRow >= 5) n1 += 3 + (sameRow - 5);
    if (row < size - 1) {
      const below = at + size;
      for (let col = 0; col < size - 1; col++) {
        const square = m[at + col]! + m[at + col + 1]! + m[below + col]! + m[below + col + 1]!;
        if (square === 4 || square === 0) n2++;
      }
    }
  }
  const n4 = Math.abs(Math.ceil((dark * 100) / m.length / 5) - 10) * 10;
  return n1 + n2 * 3 + n3 * 40 + n4;
}

/**
 * Each mask's XOR over the symbol's modules, reserved modules left as they are. Which modules are
 * reserved depends only on the version, that is on the size: computed once per size.
 */
const flipsBySize = new Map<number, Uint8Array[]>();

function flipsOf(size: number, reserved: Uint8Array): Uint8Array[] {
  let flips = flipsBySize.get(size);
  if (!flips) {
    flips = Array.from({ length: MASKS }, (_, p) =>
      Uint8Array.from(reserved, (r, k) => (!r && darkens(p, Math.floor(k / size), k % size) ? 1 : 0)),
    );
    flipsBySize.set(size, flips);
  }
  return flips;
}

/**
 * The symbol `qr` (made by `QRCode.create` with any fixed mask) redrawn with the mask qrcode
 * would have chosen, as `QRCode.create` without a mask makes it: the modules are rewritten in place.
 */
export function withBestMask(qr: QRCode): QRCode {
  const { size, data, reservedBit } = qr.modules;
  const flips = flipsOf(size, reservedBit);
  const used = flips[qr.maskPattern ?? 0]!;
  // The data modules as they are before any mask.
  const plain = data.map((v, k) => v ^ used[k]!);
  const masked = new Uint8Array(plain.length);
  let best = 0;
  let lowest = Infinity;
  for (let p = 0; p < MASKS; p++) {
    applyMask(masked, plain, flips[p]!, size, formatBits(qr.errorCorrectionLevel.bit, p));
    const score = penalty(masked, size);
    if (score < lowest) {
      lowest = score;
      best = p;
    }
  }
  applyMask(data, plain, flips[best]!, size, formatBits(qr.errorCorrectionLevel.bit, best));
  qr.maskPattern = best as QRCodeMaskPattern;
  return qr;
}

function applyMask(out: Uint8Array, plain: Uint8Array, flip: Uint8Array, size: number, format: number): void {
  for (let k = 0; k < plain.length; k++) out[k] = plain[k]! ^ flip[k]!;
  setFormat(out, size, format);
}
