import { describe, expect, it } from 'vitest';
import QRCode from 'qrcode';
import { QR_OPTIONS, qrSvg } from '../../../src/components/compound/qr-svg.ts';
import { withBestMask } from '../../../src/components/compound/qr-mask.ts';

// URLs of the shapes a site has, several of each (the second of a shape reuses the first's
// split), and texts whose runs make qrcode pick numeric, alphanumeric and byte segments,
// multi-byte and astral characters among them.
const TEXTS = [
  'https://example.org/compound/demo-c00001/',
  'https://example.org/compound/demo-c00002/',
  'https://example.org/compound/demo-c12345/',
  'https://example.org/compound/demo-c9/',
  'https://example.org/compound/jingan-042/',
  'https://example.org/compound/xuhui-7/',
  'https://gongshi.example.gov.cn/compound/pd-1234567890123/',
  'https://EXAMPLE.ORG/COMPOUND/C0001/',
  'HTTPS://EXAMPLE.ORG/COMPOUND/C0001/',
  'HTTPS://EXAMPLE.ORG/COMPOUND/C0002/',
  'https://example.org/compound/%E5%BA%86%E6%B9%96/',
  'https://example.org/compound/%E5%BA%86%E6%B9%97/',
  'https://example.org/compound/庆湖新村/',
  'https://example.org/compound/庆湖老村/',
  'https://example.org/compound/é-ü/',
  'https://example.org/compound/a😀b/',
  'https://example.org/compound/c😀d/',
  '0123456789012345678901234567890123456789',
  '12ABCD34efgh5678IJKL',
  `https://example.org/compound/${'9'.repeat(120)}/`,
  // Version 7 and above carry version information: more reserved modules.
  `https://example.org/compound/${'庆'.repeat(60)}/`,
];

describe('qrSvg', () => {
  it('draws the bytes qrcode draws for the whole text, each shape twice over', async () => {
    for (const round of [1, 2]) {
      for (const text of TEXTS) {
        expect(qrSvg(text), `${text} (round ${round})`).toBe(await QRCode.toString(text, QR_OPTIONS));
      }
    }
  });

  it('chooses the mask qrcode chooses, for symbols of every mask and several versions', async () => {
    // Byte, alphanumeric and mixed texts of many lengths: with compound URLs alone some masks never win.
    const texts = Array.from({ length: 300 }, (_, i) =>
      i % 3 === 0
        ? `https://example.org/compound/demo-c${String(i).padStart(5, '0')}/`
        : i % 3 === 1
          ? `https://example.org/${'ab'.repeat(i % 50)}/${i}`
          : `HTTPS://EX.ORG/${i * 7919}`,
    );
    const chosen = new Set<number>();
    for (const text of texts) {
      const theirs = QRCode.create(text, { errorCorrectionLevel: 'M' });
      for (const fixed of [0, 5] as const) {
        const ours = withBestMask(QRCode.create(text, { errorCorrectionLevel: 'M', maskPattern: fixed }));
        expect(ours.maskPattern, text).toBe(theirs.maskPattern);
        expect(ours.modules.data, text).toEqual(theirs.modules.data);
      }
      chosen.add(theirs.maskPattern!);
      expect(qrSvg(text), text).toBe(await QRCode.toString(text, QR_OPTIONS));
    }
    // Every mask won somewhere, so each one's rule was compared.
    expect([...chosen].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it("draws qrcode's bytes for a city's compound pages, on sites of every URL length", async () => {
    // The path is written from strings made once per symbol size: every size a site's URLs reach
    // (versions 4 to 7 here), and several symbols of each, must come out as qrcode's renderer draws them.
    const sizes = new Set<number>();
    for (let i = 0; i < 600; i++) {
      const site = `https://${'gongshi'.slice(0, 1 + (i % 7))}.${'x'.repeat((i * 13) % 97)}example.org`;
      const text = `${site}/compound/demo-c${String((i * 7919) % 100000).padStart(5, '0')}/`;
      expect(qrSvg(text), text).toBe(await QRCode.toString(text, QR_OPTIONS));
      sizes.add(QRCode.create(text, { errorCorrectionLevel: 'M' }).modules.size);
    }
    expect(Math.min(...sizes)).toBeLessThanOrEqual(33);
    expect(sizes.size).toBeGreaterThanOrEqual(4);
    expect(Math.max(...sizes)).toBeGreaterThanOrEqual(45);
  });

  it("chooses qrcode's mask for a city's compound pages, on sites of every URL length", () => {
    // The URLs a build draws (versions 2 to 6 as the site's address grows), each ending in the
    // identifier's digits: the masks are scored on all eight at once, so any rule miscounted for
    // one mask would pick another somewhere among them.
    const chosen = new Set<number>();
    for (let i = 0; i < 1500; i++) {
      const site = `https://${'gongshi'.slice(0, 1 + (i % 7))}.${'x'.repeat(i % 41)}example.org`;
      const text = `${site}/compound/demo-c${String((i * 7919) % 100000).padStart(5, '0')}/`;
      const theirs = QRCode.create(text, { errorCorrectionLevel: 'M' });
      const ours = withBestMask(QRCode.create(text, { errorCorrectionLevel: 'M', maskPattern: (i % 8) as 0 }));
      expect(ours.maskPattern, text).toBe(theirs.maskPattern);
      expect(ours.modules.data, text).toEqual(theirs.modules.data);
      chosen.add(theirs.maskPattern!);
    }
    expect([...chosen].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });
});
