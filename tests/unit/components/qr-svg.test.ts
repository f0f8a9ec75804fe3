import { describe, expect, it } from 'vitest';
import QRCode from 'qrcode';
import { QR_OPTIONS, qrSvg } from '../../../src/components/compound/qr-svg.ts';

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
];

describe('qrSvg', () => {
  it('draws the bytes qrcode draws for the whole text, each shape twice over', async () => {
    for (const round of [1, 2]) {
      for (const text of TEXTS) {
        expect(await qrSvg(text), `${text} (round ${round})`).toBe(await QRCode.toString(text, QR_OPTIONS));
      }
    }
  });
});
