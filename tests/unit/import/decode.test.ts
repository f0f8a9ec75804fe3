/** Per-line encoding decisions and the CSV tokenizer's line numbers. */
import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { decodeCsvFile } from '../../../scripts/staff/import/decode.ts';
import { parseCsvText } from '../../../scripts/staff/import/csv-text.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);
const gbk = (s: string) => new Uint8Array(iconv.encode(s, 'gbk'));
const join = (...parts: Uint8Array[]) => new Uint8Array(parts.flatMap((p) => [...p]));

describe('decodeCsvFile', () => {
  it('a valid UTF-8 file is UTF-8, with or without BOM', () => {
    expect(decodeCsvFile(utf8('id,name\nhuangpu,黄浦区\n'))).toMatchObject({ encoding: 'UTF-8', problems: [] });
    expect(decodeCsvFile(utf8('\uFEFFid\n'))).toMatchObject({ text: 'id\n', bom: true });
  });

  it('a GBK file is GBK, even a line whose bytes are also valid UTF-8 ("陇" is C2 A5, UTF-8 "¥")', () => {
    const d = decodeCsvFile(gbk('id,name\nhuangpu,黄浦区\nlong,陇\n'));
    expect(d).toMatchObject({ encoding: 'GB18030/GBK', problems: [], gbkParts: [] });
    expect(d.text).toBe('id,name\nhuangpu,黄浦区\nlong,陇\n');
  });

  it('a UTF-8 file with GBK lines: each read in its own encoding, the GBK text listed by line', () => {
    const d = decodeCsvFile(join(utf8('id,name\nhuangpu,黄浦区\n'), gbk('jingan,静安区\n')));
    expect(d.text).toBe('id,name\nhuangpu,黄浦区\njingan,静安区\n');
    expect(d.gbkParts).toEqual([{ line: 3, text: '静安区' }]);
    expect(d.problems).toEqual([]);
  });

  it('refuses what it cannot prove: "¥" next to GBK lines, and bytes that are neither encoding', () => {
    // "金额" (3-byte UTF-8) proves the file has UTF-8 lines, so the lone "¥" could be either.
    const d = decodeCsvFile(
      join(utf8('id,金额\na,¥12\n'), gbk('b,静安区\n'), new Uint8Array([0x63, 0x2c, 0x80, 0xff])),
    );
    expect(d.problems.map((p) => `${p.line}:${p.column}`)).toEqual(['2:2', '4:2']);
    for (const p of d.problems) expect(p.fix).toContain('CSV UTF-8');
  });
});

describe('parseCsvText', () => {
  it('counts LF, CRLF and lone CR as one line each, and a quoted line break as a line', () => {
    const t = parseCsvText('a,b\r\n"x\r\ny",2\rc,"3,4"\n,\n');
    expect(t.rows).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['x\ny', '2'] },
      { line: 4, cells: ['c', '3,4'] },
      { line: 5, cells: ['', ''] },
    ]);
    expect([...t.lineEnds].sort()).toEqual(['CR', 'CRLF', 'LF']);
  });

  it('never guesses a delimiter: semicolons stay in the cell', () => {
    expect(parseCsvText('id,services\nx,保安;保洁\n').rows[1]!.cells).toEqual(['x', '保安;保洁']);
  });

  it('locates an unterminated quote where it opened', () => {
    const t = parseCsvText('id,title\na,"open\nb,c\n');
    expect(t.quote).toMatchObject({ line: 2, column: 2 });
    expect(t.quote?.message).toContain('后面 2 行');
  });
});
