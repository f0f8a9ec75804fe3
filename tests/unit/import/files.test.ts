/**
 * The staff files the importer exists for, made in the test: an Excel workbook
 * with a title row and every kind of messy cell, and a GBK CSV from Chinese Excel.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { readInput } from '../../../scripts/staff/import/read.ts';
import { normaliseGrid, toStandardCsv, type ImportResult } from '../../../scripts/staff/import/pipeline.ts';
import { checkTableCsv } from '../../../scripts/staff/import/validate-table.ts';

const root = new URL('../../../', import.meta.url).pathname;

async function workbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('维修资金');
  ws.addRow(['兰亭苑 2024 年专项维修资金收支明细']);
  ws.addRow(['流水编号', '小区', '日期', '收支', '类别', '金额(元)', '余额(元)', '摘要', '表决依据', '来源', '经办人']);
  ws.addRow([
    'DEMO-X-0001',
    'demo-lanting',
    new Date(Date.UTC(2024, 2, 15)),
    '收入',
    '利息',
    '¥1,234.50',
    null,
    '2023年度利息',
    null,
    'demo',
    '王某',
  ]);
  ws.addRow([
    'demo-x-0002',
    'demo-lanting',
    '2024年5月6日',
    '支出',
    '屋面',
    '1.2万',
    '',
    '５号楼屋面防水\u200B',
    '2024年第一次业主大会表决通过',
    'demo',
    '',
  ]);
  ws.addRow([]);
  // 45497 is 2024-07-24 as an Excel serial typed into a text-formatted cell.
  ws.addRow([
    'demo-x-0003',
    'demo-lanting',
    45497,
    '支出',
    '管道',
    3456.7,
    null,
    '雨污分流\u00A0',
    '2024年第一次业主大会表决通过',
    'demo',
    '',
  ]);
  ws.addRow([9.1310101e17, 'demo-lanting', '20240801', '收入', '续筹', '2,000', null, '续筹', null, 'demo', '']);
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}

function cellsOf(r: ImportResult, col: string): string[] {
  const i = r.header.indexOf(col);
  return r.rows.map((row) => row[i]!);
}

describe('xlsx import', () => {
  it('finds the header under a title row and normalises every cell', async () => {
    const grid = await readInput('维修资金.xlsx', await workbook());
    const r = normaliseGrid(grid);
    if ('error' in r) throw new Error(r.error);
    expect(r.table).toBe('fund_ledger');
    expect(r.headerRow).toBe(2);
    expect(r.unmappedHeaders).toEqual(['经办人']);
    expect(r.blankRowsSkipped).toBe(1);
    expect(cellsOf(r, 'id').slice(0, 3)).toEqual(['demo-x-0001', 'demo-x-0002', 'demo-x-0003']);
    expect(cellsOf(r, 'date')).toEqual(['2024-03-15', '2024-05-06', '2024-07-24', '2024-08-01']);
    // Cells the standard already accepts ("3456.7") are kept exactly as written.
    expect(cellsOf(r, 'amount')).toEqual(['1234.50', '12000.00', '3456.7', '2000.00']);
    expect(cellsOf(r, 'description').slice(1, 3)).toEqual(['5号楼屋面防水', '雨污分流']);
    // Every change is reported with its sheet row, before and after.
    expect(r.changes).toContainEqual(
      expect.objectContaining({ sourceRow: 3, column: 'amount', before: '¥1,234.50', after: '1234.50' }),
    );
    expect(r.changes).toContainEqual(
      expect.objectContaining({ sourceRow: 6, column: 'date', before: '45497', after: '2024-07-24' }),
    );
    // The id Excel turned into a float cannot be recovered: reported, left as is, and the check stops it.
    expect(r.unmappable).toEqual([
      expect.objectContaining({ sourceRow: 7, column: 'id', reason: expect.stringContaining('科学计数法') }),
    ]);
    const { issues, rows } = checkTableCsv('fund_ledger', 'out.csv', toStandardCsv(r.header, r.rows));
    expect(issues.map((i) => `${i.line}:${i.columnName}:${i.kind}`)).toEqual(['5:id:id']);
    expect(rows).toHaveLength(3);
    expect(rows[1]).toMatchObject({ id: 'demo-x-0002', amount: 1200000, direction: '支出', category: '屋面' });
  });
});

const GBK_TEXT = [
  '小区编号,小区名称,所属区,所属街道,户数,建成年份,演示数据,来源,备注',
  'demo-gbk-yuan,新华苑(演示),demo-yanshi,demo-qinghe,"1,024",1998年,N,demo, 一、二期合并管理 ',
  'demo-gbk-li,和顺里(演示),demo-yanshi,demo-qinghe,0320,2001,否,demo,',
].join('\r\n');

describe('GBK CSV import', () => {
  const text = GBK_TEXT;

  it.each(['gbk', 'gb18030'])('decodes %s and imports to the expected rows', async (enc) => {
    const grid = await readInput('小区.csv', iconv.encode(text, enc));
    expect(grid.source).toContain('GB18030');
    const r = normaliseGrid(grid);
    if ('error' in r) throw new Error(r.error);
    expect(r.table).toBe('compounds');
    const { issues, rows } = checkTableCsv('compounds', 'data/compounds.csv', toStandardCsv(r.header, r.rows));
    expect(issues).toEqual([]);
    expect(rows).toEqual([
      {
        id: 'demo-gbk-yuan',
        name: '新华苑(演示)',
        district_id: 'demo-yanshi',
        street_id: 'demo-qinghe',
        households: 1024,
        year_built: 1998,
        demo: false,
        source_id: 'demo',
        note: '一、二期合并管理',
      },
      {
        id: 'demo-gbk-li',
        name: '和顺里(演示)',
        district_id: 'demo-yanshi',
        street_id: 'demo-qinghe',
        households: 320,
        year_built: 2001,
        demo: false,
        source_id: 'demo',
      },
    ]);
  });

  it('reads UTF-8 with and without BOM the same way', async () => {
    const plain = await readInput('a.csv', new TextEncoder().encode(text));
    const bom = await readInput('a.csv', new TextEncoder().encode('\uFEFF' + text));
    expect(bom.rows).toEqual(plain.rows);
    expect(plain.source).toContain('UTF-8');
  });
});

describe('npm run import', () => {
  const node = path.join(root, 'node_modules/.bin/node');

  it('refuses a workbook with a cell it cannot map: located problem, nothing written', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gongshi-import-'));
    const input = path.join(dir, '维修资金.xlsx');
    writeFileSync(input, await workbook());
    const out = path.join(dir, 'fund_ledger.csv');
    writeFileSync(out, 'untouched\n');
    const run = spawnSync(node, ['scripts/import.ts', input, '--out', out], { cwd: root, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('第 3 行 “¥1,234.50” → “1234.50”');
    // The id Excel turned into a float: file:line:column, the Excel cell, and a fix.
    expect(run.stdout).toMatch(
      /维修资金\.xlsx:7:1 第 7 行 A 列\(id\):编号“9\.1310101E\+17”已被 Excel 变成科学计数法[^\n]*\n\s+改法:/,
    );
    expect(run.stdout).toContain('导入被拒绝:没有写出任何文件');
    expect(run.stderr).toBe('');
    expect(readFileSync(out, 'utf8')).toBe('untouched\n');
  });

  it('writes the normalised file when every cell maps', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gongshi-import-'));
    const input = path.join(dir, '小区.csv');
    writeFileSync(input, iconv.encode(GBK_TEXT, 'gbk'));
    const out = path.join(dir, 'new', 'compounds.csv');
    const run = spawnSync(node, ['scripts/import.ts', input, '--out', out], { cwd: root, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('第 2 行 “1,024” → “1024”');
    expect(run.stdout).toContain('已写入');
    expect(readFileSync(out, 'utf8')).toBe(
      'id,name,district_id,street_id,neighbourhood,address,year_built,households,floor_area_m2,management_mode,demo,source_id,note\n' +
        'demo-gbk-yuan,新华苑(演示),demo-yanshi,demo-qinghe,,,1998,1024,,,否,demo,一、二期合并管理\n' +
        'demo-gbk-li,和顺里(演示),demo-yanshi,demo-qinghe,,,2001,0320,,,否,demo,\n',
    );
  });

  it('explains an unknown table without a stack trace', () => {
    const run = spawnSync(
      path.join(root, 'node_modules/.bin/node'),
      ['scripts/import.ts', 'x.csv', '--table', 'nope'],
      { cwd: root, encoding: 'utf8' },
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('没有名为“nope”的表');
    expect(run.stderr).not.toContain('    at ');
  });
});
