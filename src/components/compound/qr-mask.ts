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

/** The two places of format bit `i` (qrcode's `setupFormatInfo`). */
const formatAt = (size: number, i: number): [number, number] => [
  (i < 6 ? i : i < 8 ? i + 1 : size - 15 + i) * size + 8,
  8 * size + (i < 8 ? size - i - 1 : i < 9 ? 15 - i : 15 - i - 1),
];

/**
 * The eight masked symbols side by side: byte `k` holds module `k` of mask `p` in bit `p`. The
 * penalty rules then read each module once for all eight masks, and count per byte value (a
 * histogram) what they would have counted per mask; `perMask` turns the counts into each mask's.
 * Scoring the masks one by one was most of a compound page's QR code (bench/README.md, h18c).
 */
const ALL = 0xff;

/** Each mask's count of the histogram: `out[p]` += the entries whose byte has bit `p`. */
function perMask(histogram: Int32Array, out: Float64Array, weight: number): void {
  for (let v = 1; v < 256; v++) {
    const n = histogram[v]!;
    if (n === 0) continue;
    for (let p = 0; p < MASKS; p++) if ((v >> p) & 1) out[p]! += n * weight;
  }
}

/**
 * N1 and N3 of one line of sliced modules (a row, or a column copied out), added to the
 * histograms: `runs` counts each module that ends five equal ones (a run of L >= 5 has L - 4),
 * `starts` each first such module of a run (N1 is L - 2 = (L - 4) + 2 per run), `finders`
 * each window of eleven matching either of qrcode's finder-like patterns, 10111010000 and
 * 00001011101 (a mask's window cannot match both): the core 1011101 (`core`, ending at the
 * module) beside four light modules (`light`).
 */
function scoreLine(
  line: Uint8Array,
  core: Uint8Array,
  light: Uint8Array,
  runs: Int32Array,
  starts: Int32Array,
  finders: Int32Array,
): void {
  const size = line.length;
  let e1 = 0; // bit p: module i equals module i - 1 under mask p
  let e2 = 0;
  let e3 = 0;
  let five = 0; // bit p: modules i - 4 … i are equal under mask p
  for (let i = 0; i < size; i++) {
    const x = line[i]!;
    const same = i > 0 ? ~(x ^ line[i - 1]!) & ALL : 0;
    const before = five;
    five = same & e1 & e2 & e3;
    e3 = e2;
    e2 = e1;
    e1 = same;
    runs[five]! += 1;
    starts[five & ~before]! += 1;
    const c =
      i >= 6 ? line[i - 6]! & ~line[i - 5]! & line[i - 4]! & line[i - 3]! & line[i - 2]! & ~line[i - 1]! & x : 0;
    core[i] = c;
    light[i] = i >= 3 ? ~(x | line[i - 1]! | line[i - 2]! | line[i - 3]!) & ALL : 0;
    if (i >= 10) finders[(core[i - 4]! & light[i]!) | (light[i - 7]! & c)]! += 1;
  }
}

// The histograms, reused from symbol to symbol (a page draws one).
const counts = new Int32Array(5 * 256);
const [dark, runs, starts, squares, finders] = [0, 1, 2, 3, 4].map((h) => counts.subarray(h * 256, (h + 1) * 256));

/** Each mask's N1 + N2 + N3 + N4 (qrcode's rules) from the sliced symbol. */
function penalties(sliced: Uint8Array, size: number): Float64Array {
  counts.fill(0);
  const core = new Uint8Array(size);
  const light = new Uint8Array(size);
  const column = new Uint8Array(size);
  for (let row = 0; row < size; row++) {
    const at = row * size;
    scoreLine(sliced.subarray(at, at + size), core, light, runs!, starts!, finders!);
    for (let i = 0; i < size; i++) column[i] = sliced[i * size + row]!;
    scoreLine(column, core, light, runs!, starts!, finders!);
    for (let col = 0; col < size; col++) dark![sliced[at + col]!]! += 1;
    if (row < size - 1) {
      const below = at + size;
      for (let col = 0; col < size - 1; col++) {
        const a = sliced[at + col]!;
        const same = ~(a ^ sliced[at + col + 1]!) & ~(a ^ sliced[below + col]!) & ~(a ^ sliced[below + col + 1]!);
        squares![same & ALL]! += 1;
      }
    }
  }
  const scores = new Float64Array(MASKS);
  perMask(runs!, scores, 1);
  perMask(starts!, scores, 2);
  perMask(squares!, scores, 3);
  perMask(finders!, scores, 40);
  const darkCount = new Float64Array(MASKS);
  perMask(dark!, darkCount, 1);
  for (let p = 0; p < MASKS; p++) {
    scores[p]! += Math.abs(Math.ceil((darkCount[p]! * 100) / sliced.length / 5) - 10) * 10;
  }
  return scores;
}

/**
 * Which masks flip each module (bit `p`: mask `p` does), reserved modules flipped by none. Which
 * modules are reserved depends only on the version, that is on the size: computed once per size.
 */
const flipsBySize = new Map<number, Uint8Array>();

function flipsOf(size: number, reserved: Uint8Array): Uint8Array {
  let flips = flipsBySize.get(size);
  if (!flips) {
    flips = Uint8Array.from(reserved, (r, k) => {
      let byte = 0;
      for (let p = 0; p < MASKS; p++) if (!r && darkens(p, Math.floor(k / size), k % size)) byte |= 1 << p;
      return byte;
    });
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
  const used = qr.maskPattern ?? 0;
  // Each module unmasked, then under every mask at once; the format bits differ by mask.
  const sliced = new Uint8Array(data.length);
  for (let k = 0; k < data.length; k++) {
    const flip = flips[k]!;
    sliced[k] = ((data[k]! ^ (flip >> used)) & 1 ? ALL : 0) ^ flip;
  }
  const formats = Array.from({ length: MASKS }, (_, p) => formatBits(qr.errorCorrectionLevel.bit, p));
  for (let i = 0; i < 15; i++) {
    let byte = 0;
    for (let p = 0; p < MASKS; p++) byte |= ((formats[p]! >> i) & 1) << p;
    const [a, b] = formatAt(size, i);
    sliced[a] = byte;
    sliced[b] = byte;
  }
  sliced[(size - 8) * size + 8] = ALL;
  const scores = penalties(sliced, size);
  let best = 0;
  for (let p = 1; p < MASKS; p++) if (scores[p]! < scores[best]!) best = p;
  for (let k = 0; k < data.length; k++) data[k] = (sliced[k]! >> best) & 1;
  qr.maskPattern = best as QRCodeMaskPattern;
  return qr;
}
