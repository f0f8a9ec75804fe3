/**
 * `npm run import` merges a staff sheet into the table by id (issue 13): it never
 * deletes by accident, shows what it will do, and keeps the ledger append-only.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { kinds, project, read, runImport, writeCsv, writeXlsx } from './merge-helpers.ts';

const FEE_HEADER = ['编号', '小区编号', '年度', '应收(元)', '实收(元)', '来源'];

describe('merge by id', () => {
  it('adds new rows, updates changed ones in place, leaves equal values and absent rows alone', async () => {
    const root = project();
    writeFileSync(
      path.join(root, 'data/fee_collection.csv'),
      'id,compound_id,year,billed,collected,source_id\n' +
        'demo-lanting-2024,demo-lanting,2024,612000.00,563040.00,demo\n' +
        'demo-meiyuan-2023,demo-meiyuan,2023,100000.00,90000.00,demo\n' +
        'demo-lanting-2025,demo-lanting,2025,612000,590000.5,demo\n',
    );
    const file = await writeXlsx(root, '收缴.xlsx', [
      FEE_HEADER,
      // Re-typed without trailing zeros: the same value, no edit.
      ['demo-lanting-2024', 'demo-lanting', 2024, 612000, 563040, 'demo'],
      ['demo-lanting-2025', 'demo-lanting', 2025, 612000, 600000, 'demo'],
      ['demo-meiyuan-2024', 'demo-meiyuan', 2024, 110000, 99000, 'demo'],
    ]);
    const o = await runImport(root, file, { table: 'fee_collection' });
    expect(o.problems).toEqual([]);
    expect(o.written).toBe(true);
    expect(read(root, 'fee_collection')).toBe(
      'id,compound_id,year,billed,collected,source_id\n' +
        'demo-lanting-2024,demo-lanting,2024,612000.00,563040.00,demo\n' +
        'demo-meiyuan-2023,demo-meiyuan,2023,100000.00,90000.00,demo\n' +
        'demo-lanting-2025,demo-lanting,2025,612000,600000,demo\n' +
        'demo-meiyuan-2024,demo-meiyuan,2024,110000,99000,demo\n',
    );
    expect(o.merged.added.map((a) => a.id)).toEqual(['demo-meiyuan-2024']);
    expect(o.merged.changed).toEqual([
      { id: 'demo-lanting-2025', sourceRow: 3, edits: [{ column: 'collected', before: '590000.5', after: '600000' }] },
    ]);
    expect(o.merged.unchanged).toBe(1);
    expect(o.merged.absent).toEqual(['demo-meiyuan-2023']);
    expect(o.report).toContain('  新增 1 行:demo-meiyuan-2024(第 4 行)');
    expect(o.report).toContain('  修改 1 行:\n    demo-lanting-2025(第 3 行):实收 “590000.5” → “600000”');
    expect(o.report).toContain('  未变 1 行');
    expect(o.report).toContain('  本文件中没有 1 行:保留不动');
  });

  it('keeps the cells of columns the sheet does not have', async () => {
    const root = project();
    const file = writeCsv(root, '小区.csv', [
      ['小区编号', '小区名称', '所属区', '户数', '演示数据', '来源'],
      ['demo-lanting', '兰亭苑(演示)', 'huangpu', '500', '是', 'demo'],
    ]);
    const o = await runImport(root, file, { table: 'compounds' });
    expect(o.problems).toEqual([]);
    // Street, address, area… stay; only the household count changed.
    expect(read(root, 'compounds')).toContain(
      '\ndemo-lanting,兰亭苑(演示),huangpu,dapuqiao,演示居民区,演示路1弄,1998,500,41250.5,专业物业,是,demo,\n',
    );
    expect(o.merged.changed[0]!.edits).toEqual([{ column: 'households', before: '480', after: '500' }]);
  });

  it('deletes the rows the sheet marks 删除, and only those', async () => {
    const root = project();
    const file = await writeXlsx(root, '合同.xlsx', [
      ['操作', '合同编号', '小区编号', '物业企业', '开始日期', '来源'],
      ['删除', 'demo-meiyuan-2024', null, null, null, null],
      [null, 'demo-lanting-2024', 'demo-lanting', 'demo-heyue-wuye', '2024-01-01', 'demo'],
    ]);
    const o = await runImport(root, file, { table: 'contracts' });
    expect(o.problems).toEqual([]);
    expect(o.merged.removed).toEqual([{ id: 'demo-meiyuan-2024', sourceRow: 2 }]);
    expect(o.report).toContain('  删除 1 行:\n    标了“删除”的 1 行:demo-meiyuan-2024(第 2 行)');
    expect(o.report).toContain('删除 1 行,共 2 行');
    const csv = read(root, 'contracts');
    expect(csv).not.toContain('demo-meiyuan-2024');
    expect(csv).toContain('demo-lanting-2019,');
  });

  it('refuses an unclear marker and a marked id the table does not have, with the closest id', async () => {
    const root = project();
    const before = read(root, 'contracts');
    const file = await writeXlsx(root, '合同.xlsx', [
      ['合同编号', '小区编号', '物业企业', '来源', '操作'],
      ['demo-meiyuan-2042', null, null, null, '删除'],
      ['demo-lanting-2024', 'demo-lanting', 'demo-heyue-wuye', 'demo', '作废'],
    ]);
    const o = await runImport(root, file, { table: 'contracts' });
    expect(kinds(o)).toEqual(['import-delete-unknown', 'import-delete-marker']);
    expect(o.problems[0]!.message).toBe(
      '标了删除的编号“demo-meiyuan-2042”在物业服务合同表里没有;您是不是要写 “demo-meiyuan-2024”?',
    );
    expect(o.problems[1]!.message).toBe('“操作”列写的是“作废”,这一列只认“删除”或留空');
    expect(o.written).toBe(false);
    expect(read(root, 'contracts')).toBe(before);
  });

  it('--replace removes the rows the sheet does not hold, and says how many', async () => {
    const root = project();
    const file = await writeXlsx(root, '合同.xlsx', [
      ['合同编号', '小区编号', '物业企业', '来源'],
      ['demo-lanting-2024', 'demo-lanting', 'demo-heyue-wuye', 'demo'],
    ]);
    const kept = await runImport(root, file, { table: 'contracts', dryRun: true });
    expect(kept.merged.absent).toEqual(['demo-lanting-2019', 'demo-meiyuan-2024']);
    const o = await runImport(root, file, { table: 'contracts', replace: true });
    expect(o.problems).toEqual([]);
    expect(o.merged.removed.map((r) => r.id)).toEqual(['demo-lanting-2019', 'demo-meiyuan-2024']);
    expect(o.report).toContain('因 --replace 删除表格里没有的 2 行:demo-lanting-2019、demo-meiyuan-2024');
    expect(read(root, 'contracts').trim().split('\n')).toHaveLength(2);
  });

  it('--dry-run writes nothing and says so', async () => {
    const root = project();
    const before = readFileSync(path.join(root, 'data/contracts.csv'));
    const file = writeCsv(root, '合同.csv', [
      ['合同编号', '小区编号', '物业企业', '来源'],
      ['demo-lanting-2030', 'demo-lanting', 'demo-heyue-wuye', 'demo'],
    ]);
    const node = new URL('../../../node_modules/.bin/node', import.meta.url).pathname;
    const script = new URL('../../../scripts/import.ts', import.meta.url).pathname;
    const run = spawnSync(node, [script, file, '--table', 'contracts', '--replace', '--dry-run'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('  新增 1 行:demo-lanting-2030(第 2 行)');
    expect(run.stdout).toContain('因 --replace 删除表格里没有的 3 行');
    expect(run.stdout).toContain('试运行(--dry-run):没有写任何文件');
    expect(readFileSync(path.join(root, 'data/contracts.csv'))).toEqual(before);
  });

  it('importing a data file onto itself turns Excel’s save (BOM, CRLF, its date display) back into the standard', async () => {
    const root = project();
    const standard = read(root, 'fund_ledger');
    const excel = standard
      .replace('2021-05-01', '2021/5/1')
      .replace('2020-03-15', '2020/3/15')
      .replaceAll('\n', '\r\n');
    writeFileSync(path.join(root, 'data/fund_ledger.csv'), `\uFEFF${excel}`);
    const o = await runImport(root, 'data/fund_ledger.csv');
    expect(o.problems).toEqual([]);
    expect(o.merged.unchanged).toBe(7);
    expect(o.merged.changed).toEqual([]);
    expect(o.written).toBe(true);
    expect(read(root, 'fund_ledger')).toBe(standard);
  });

  it('refuses the same id twice in one sheet', async () => {
    const root = project();
    const file = writeCsv(root, '合同.csv', [
      ['合同编号', '小区编号', '物业企业', '来源'],
      ['demo-lanting-2030', 'demo-lanting', 'demo-heyue-wuye', 'demo'],
      ['demo-lanting-2030', 'demo-lanting', 'demo-anju-wuye', 'demo'],
    ]);
    const o = await runImport(root, file, { table: 'contracts' });
    expect(kinds(o)).toEqual(['import-row-twice']);
    expect(o.problems[0]).toMatchObject({
      line: 3,
      column: 1,
      message: '编号“demo-lanting-2030”在表格第 2 行已经出现过',
    });
  });
});

describe('the maintenance-fund ledger is append-only', () => {
  const HEADER = ['流水编号', '小区编号', '日期', '收支', '类别', '金额', '余额', '摘要', '表决依据', '来源'];

  it("appends this quarter's rows; the published rows stay byte for byte", async () => {
    const root = project();
    const before = read(root, 'fund_ledger');
    const file = await writeXlsx(root, '维修资金2026三季度.xlsx', [
      HEADER,
      [
        'demo-lanting-0007',
        'demo-lanting',
        '2026/8/12',
        '支出',
        '电梯',
        '186000.00',
        null,
        '电梯曳引机',
        '2026年业主大会表决通过',
        'demo',
      ],
      ['demo-lanting-0008', 'demo-lanting', '2026-09-21', '收入', '利息', 1500, null, '三季度利息', null, 'demo'],
      ['合计', null, null, null, null, 187500, null, null, null, null],
    ]);
    const o = await runImport(root, file, { table: 'fund_ledger' });
    expect(o.problems).toEqual([]);
    expect(read(root, 'fund_ledger')).toBe(
      before +
        'demo-lanting-0007,demo-lanting,2026-08-12,支出,电梯,186000.00,,电梯曳引机,2026年业主大会表决通过,,,demo,\n' +
        'demo-lanting-0008,demo-lanting,2026-09-21,收入,利息,1500,,三季度利息,,,,demo,\n',
    );
    expect(o.report).toContain('本文件中没有 7 行:保留不动');
  });

  it('takes a published row back when its values are equal, however Excel displays them', async () => {
    const root = project();
    const before = read(root, 'fund_ledger');
    const file = writeCsv(root, '流水.csv', [
      HEADER,
      [
        'demo-lanting-0004',
        'demo-lanting',
        '2021/5/1',
        '收入',
        '公共收益转入',
        '9000.00',
        '',
        '停车收益转入',
        '',
        'demo',
      ],
    ]);
    const o = await runImport(root, file, { table: 'fund_ledger' });
    expect(o.problems).toEqual([]);
    expect(o.merged.unchanged).toBe(1);
    expect(o.written).toBe(false);
    expect(o.report).toContain('的内容没有变化,未改动');
    expect(read(root, 'fund_ledger')).toBe(before);
  });

  it('refuses an edited published row, naming the cell, what was published and what the sheet says', async () => {
    const root = project();
    const before = read(root, 'fund_ledger');
    const file = writeCsv(root, '流水.csv', [
      HEADER,
      [
        'demo-lanting-0004',
        'demo-lanting',
        '2021-05-01',
        '收入',
        '公共收益转入',
        '9500',
        '',
        '停车收益转入',
        '',
        'demo',
      ],
    ]);
    const o = await runImport(root, file, { table: 'fund_ledger' });
    expect(kinds(o)).toEqual(['import-ledger-edited']);
    expect(o.problems[0]).toMatchObject({
      line: 2,
      column: 6,
      message: '流水 demo-lanting-0004 已发布,“金额”是“9000”,表格里却是“9500”',
      fix: '维修资金流水只追加、不修改:把这一格改回“9000”;要更正请追加一行“冲正”',
    });
    expect(read(root, 'fund_ledger')).toBe(before);
  });

  it('refuses deleting a published row, by marker or by --replace', async () => {
    const root = project();
    const marked = writeCsv(root, '流水.csv', [
      ['操作', ...HEADER],
      ['删除', 'demo-lanting-0005', '', '', '', '', '', '', '', ''],
    ]);
    const o = await runImport(root, marked, { table: 'fund_ledger' });
    expect(kinds(o)).toEqual(['import-ledger-delete']);
    expect(o.problems[0]!.message).toBe('表格标明要删除已发布的流水 demo-lanting-0005');

    const quarter = writeCsv(root, '本季度.csv', [
      HEADER,
      ['demo-lanting-0009', 'demo-lanting', '2026-10-01', '收入', '利息', '10', '', '利息', '', 'demo'],
    ]);
    const replaced = await runImport(root, quarter, { table: 'fund_ledger', replace: true });
    expect(kinds(replaced)).toEqual(['import-ledger-delete']);
    expect(replaced.problems[0]!.message).toBe(
      '--replace 会删除表格里没有的 7 笔已发布的流水(如 demo-lanting-0001、demo-lanting-0002、demo-lanting-0003)',
    );
    expect(replaced.written).toBe(false);
  });
});
