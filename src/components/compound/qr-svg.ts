/**
 * A page's QR code as SVG, byte for byte what `QRCode.toString(text, QR_OPTIONS)` draws, without
 * qrcode searching the cheapest split of the text on every page. qrcode cuts the text into
 * numeric, alphanumeric and byte runs and finds the split that needs the fewest bits (a shortest
 * path over the runs), a fifth of a code's time. That split depends only on each character's
 * class and UTF-8 length, and a site's URLs come in a handful of such shapes
 * (…/compound/demo-c00042/), so it is searched once per shape and the text is cut the same way:
 * same segments, same symbol, same mask, same bytes (tests/unit/components/qr-svg.test.ts
 * compares with qrcode's own). The mask, qrcode's other search, is found on the symbol's bytes
 * (qr-mask.ts), and the symbol is drawn as the renderer `QRCode.toString` uses for SVG draws it,
 * the same tag around the same path, from strings made once per symbol size (`drawn`).
 */
import QRCode, { type BitMatrix, type QRCodeSegment, type QRCodeSegmentMode } from 'qrcode';
import svgTag from 'qrcode/lib/renderer/svg-tag.js';
import { withBestMask } from './qr-mask.ts';

export const QR_OPTIONS = { type: 'svg', margin: 1, errorCorrectionLevel: 'M' } as const;

interface Cut {
  mode: QRCodeSegmentMode;
  /** UTF-16 code units of the text in this segment. */
  units: number;
}

// qrcode's alphanumeric set (lib/core/regex.js); kanji mode is off without a toSJISFunc, so every
// other character is a byte run's.
const ALPHANUMERIC = /[A-Z $%*+\-./:]/;

/** The text with each ASCII character replaced by its class; other characters stay, their UTF-8 length with them. */
const shapeOf = (text: string): string =>
  text.replace(/[\x00-\x7f]/g, (c) => (c >= '0' && c <= '9' ? '0' : ALPHANUMERIC.test(c) ? 'A' : 'a'));

const utf8Bytes = (codePoint: number): number =>
  codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;

/** qrcode's own split of the text, as segment modes and lengths in code units. */
function cutOf(text: string): Cut[] {
  const cuts: Cut[] = [];
  let at = 0;
  for (const segment of QRCode.create(text, QR_OPTIONS).segments) {
    const mode = segment.mode.id.toLowerCase() as QRCodeSegmentMode;
    // A byte segment's length is in bytes; the others' in characters, all of them ASCII.
    let units = 0;
    if (mode === 'byte') {
      for (let bytes = 0; bytes < segment.getLength();) {
        const codePoint = text.codePointAt(at + units)!;
        bytes += utf8Bytes(codePoint);
        units += codePoint > 0xffff ? 2 : 1;
      }
    } else {
      units = segment.getLength();
    }
    cuts.push({ mode, units });
    at += units;
  }
  return cuts;
}

const cuts = new Map<string, readonly Cut[]>();

/**
 * qrcode's SVG of a symbol of one size, in parts: the tag around the path (the renderer's own,
 * drawn once with no dark module) and the path's commands, written once per size rather than
 * formatted per run (`M` at each module, `m` per light modules skipped, `h` per run length).
 */
interface Drawing {
  head: string;
  tail: string;
  moveTo: string[];
  skip: string[];
  run: string[];
}

const drawings = new Map<number, Drawing>();

function drawingOf(size: number): Drawing {
  let d = drawings.get(size);
  if (!d) {
    const { margin } = QR_OPTIONS;
    const empty = svgTag.render({ modules: { size, data: new Uint8Array(size * size) } }, QR_OPTIONS);
    const at = empty.lastIndexOf(' d=""') + ' d="'.length;
    const upTo = Array.from({ length: size + 1 }, (_, k) => k);
    d = {
      head: empty.slice(0, at),
      tail: empty.slice(at),
      moveTo: Array.from(
        { length: size * size },
        (_, k) => `M${(k % size) + margin} ${0.5 + Math.floor(k / size) + margin}`,
      ),
      skip: upTo.map((k) => `m${k} 0`),
      run: upTo.map((k) => `h${k}`),
    };
    drawings.set(size, d);
  }
  return d;
}

/**
 * The symbol as qrcode's renderer draws it (lib/renderer/svg-tag.js, `qrToPath`): each horizontal
 * run of dark modules one stroke along the modules' middle line, the first of a row reached with
 * an absolute move, the others with a move by the light modules skipped since the last run began.
 */
function drawn({ size, data }: Pick<BitMatrix, 'size' | 'data'>): string {
  const { head, tail, moveTo, skip, run } = drawingOf(size);
  let path = head;
  let skipped = 0;
  for (let row = 0; row < size; row++) {
    const at = row * size;
    let first = true;
    for (let col = 0; col < size;) {
      if (!data[at + col]) {
        skipped++;
        col++;
        continue;
      }
      let end = col + 1;
      while (end < size && data[at + end]) end++;
      path += (first ? moveTo[at + col] : skip[skipped])! + run[end - col]!;
      skipped = 0;
      first = false;
      col = end;
    }
  }
  return path + tail;
}

export function qrSvg(text: string): string {
  const shape = shapeOf(text);
  let cut = cuts.get(shape);
  if (!cut) cuts.set(shape, (cut = cutOf(text)));
  let at = 0;
  const segments = cut.map(({ mode, units }) => ({ mode, data: text.slice(at, (at += units)) }) as QRCodeSegment);
  const qr = QRCode.create(segments, { errorCorrectionLevel: QR_OPTIONS.errorCorrectionLevel, maskPattern: 0 });
  return drawn(withBestMask(qr).modules);
}
