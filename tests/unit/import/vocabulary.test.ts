/**
 * The importer understands what staff write (issue 13): Chinese headers in every
 * table, names instead of ids, typos answered with "您是不是要写 …", total rows,
 * every missing column at once, and Excel's "Unicode 文本".
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mapHeader } from '../../../scripts/staff/import/headers.ts';
import { TABLE_NAMES } from '../../../src/lib/schema/tables.ts';
import { tableColumns } from '../../../src/lib/schema/column-info.ts';
import { parseCsv } from '../../../src/lib/dataset/read-csv.ts';
import { kinds, project, read, runImport, writeCsv, writeUnicodeText, writeXlsx } from './merge-helpers.ts';

describe('Chinese headers', () => {
  it('every column of every table takes its Chinese label', () => {
    for (const t of TABLE_NAMES) {
      const cols = tableColumns(t);
      expect(
        mapHeader(
          t,
          cols.map((c) => c.title),
        ).columns,
        t,
      ).toEqual(cols.map((c) => c.name));
    }
  });

  it('小区编号 (and the other tables’ id labels) head a reference wherever it is one', () => {
    for (const t of TABLE_NAMES) {
      for (const c of tableColumns(t).filter((x) => x.meta.references === 'compounds')) {
        expect(mapHeader(t, ['小区编号']).columns, t).toEqual([c.name]);
      }
    }
    expect(mapHeader('compounds', ['小区编号', '街道编号']).columns).toEqual(['id', 'street_id']);
    expect(mapHeader('contracts', ['合同编号', '小区编号', '企业编号']).columns).toEqual([
      'id',
      'compound_id',
      'firm_id',
    ]);
    expect(mapHeader('fund_ledger', ['流水编号', '小区名称']).columns).toEqual(['id', 'compound_id']);
    expect(mapHeader('evaluations', ['街道名称', '区编号']).columns).toEqual(['street_id', 'district_id']);
  });

  it('the id label wins over the name label, wherever each stands, and the other is reported unused', async () => {
    expect(mapHeader('fee_collection', ['编号', '小区名称', '小区编号']).redundant).toEqual([
      { position: 1, label: '小区名称', column: 'compound_id', by: '小区编号' },
    ]);
    const root = project();
    const file = await writeXlsx(root, '收缴.xlsx', [
      ['编号', '小区名称', '小区编号', '年度', '应收', '实收', '来源'],
      ['demo-lanting-2026', '兰亭苑', 'demo-lanting', 2026, 1, 1, 'demo'],
    ]);
    const o = await runImport(root, file, { table: 'fee_collection' });
    expect(o.problems).toEqual([]);
    expect(o.report).toContain('小区名称(B 列)与“小区编号”是同一列,已按“小区编号”导入,这一列未导入');
  });
});

describe('names resolved to ids', () => {
  it('a firm by short name, full name or credit code; a compound and a street by name; the report lists each', async () => {
    const root = project();
    const file = await writeXlsx(root, '合同.xlsx', [
      ['合同编号', '小区', '物业企业', '开始日期', '来源'],
      ['demo-lanting-2030', '兰亭苑(演示)', '安居物业', '2030-01-01', 'demo'],
      ['demo-lanting-2031', 'demo-lanting', '和悦物业服务有限公司(演示)', '2031-01-01', 'demo'],
      ['demo-meiyuan-2030', '梅园(演示)', '91310101ma1fpx1234', '2030-01-01', 'demo'],
    ]);
    writeFileSync(path.join(root, 'data/dataset.json'), '{"as_of": "2031-12-31"}');
    const o = await runImport(root, file, { table: 'contracts' });
    expect(o.problems).toEqual([]);
    expect(o.result.resolved.map((r) => [r.sourceRow, r.column, r.before, r.after, r.via])).toEqual([
      [2, 'compound_id', '兰亭苑(演示)', 'demo-lanting', '小区名称'],
      [2, 'firm_id', '安居物业', 'demo-anju-wuye', '简称'],
      [3, 'firm_id', '和悦物业服务有限公司(演示)', 'demo-heyue-wuye', '企业名称'],
      [4, 'compound_id', '梅园(演示)', 'demo-meiyuan', '小区名称'],
      [4, 'firm_id', '91310101ma1fpx1234', 'demo-anju-wuye', '统一社会信用代码'],
    ]);
    expect(o.report).toContain('按名称找到编号 5 处,请核对:');
    expect(o.report).toContain('第 2 行 物业企业(firm_id) “安居物业”(简称)→ “demo-anju-wuye”');
    expect(read(root, 'contracts')).toContain('\ndemo-meiyuan-2030,demo-meiyuan,demo-anju-wuye,2030-01-01,,,,demo\n');

    const streets = writeCsv(root, '小区.csv', [
      ['小区编号', '小区名称', '所属区', '所属街道', '演示数据', '来源'],
      ['demo-xinyuan', '新苑(演示)', '黄浦区', '打浦桥街道', '是', 'demo'],
    ]);
    const c = await runImport(root, streets, { table: 'compounds' });
    expect(c.problems).toEqual([]);
    expect(read(root, 'compounds')).toContain('\ndemo-xinyuan,新苑(演示),huangpu,dapuqiao,,,,,,,是,demo,\n');
  });

  it('a near miss gets “您是不是要写 …” with the closest ids, never an invitation to add a record', async () => {
    const root = project();
    const file = writeCsv(root, '合同.csv', [
      ['合同编号', '小区编号', '企业编号', '来源'],
      ['demo-lanting-2030', '兰亭园(演示)', 'demo-anju-wuyi', 'demo'],
    ]);
    const o = await runImport(root, file, { table: 'contracts' });
    expect(kinds(o)).toEqual(['import-ref-unknown', 'import-ref-unknown']);
    expect(o.problems.map((p) => p.message)).toEqual([
      '小区表里没有编号、名称是“兰亭园(演示)”的记录;您是不是要写 “demo-lanting”(兰亭苑(演示))?',
      '物业企业表里没有编号、名称是“demo-anju-wuyi”的记录;您是不是要写 “demo-anju-wuye”(安居物业管理有限公司(演示))?',
    ]);
    expect(o.written).toBe(false);
  });

  it('an id that lost its leading zeros names the one id it must have been', async () => {
    const root = project();
    const file = writeCsv(root, '分摊.csv', [
      ['分摊编号', '小区编号', '维修资金支出流水', '分摊楼栋', '分摊户数', '分摊金额', '来源'],
      ['demo-lanting-0002-1', 'demo-lanting', 'demo-lanting-2', '1号楼', '10', '386000.00', 'demo'],
    ]);
    const o = await runImport(root, file, { table: 'fund_allocations' });
    expect(kinds(o)).toEqual(['import-ref-zeros']);
    expect(o.problems[0]!.fix).toContain('改成“demo-lanting-0002”');
  });

  it('a name two records share is refused with both, never guessed', async () => {
    const root = project();
    writeFileSync(
      path.join(root, 'data/firms.csv'),
      read(root, 'firms').replace('和悦物业服务有限公司(演示),和悦物业,', '和悦物业服务有限公司(演示),安居物业,'),
    );
    const file = writeCsv(root, '合同.csv', [
      ['合同编号', '小区编号', '物业企业', '来源'],
      ['demo-lanting-2030', 'demo-lanting', '安居物业', 'demo'],
    ]);
    const o = await runImport(root, file, { table: 'contracts' });
    expect(kinds(o)).toEqual(['import-ref-ambiguous']);
    expect(o.problems[0]).toMatchObject({
      line: 2,
      column: 3,
      message:
        '“安居物业”在物业企业表里对应 2 条记录:“demo-anju-wuye”(简称“安居物业”)、“demo-heyue-wuye”(简称“安居物业”),不知道是哪一条',
      fix: '不要写名称,写其中一条的编号:demo-anju-wuye、demo-heyue-wuye',
    });
    expect(o.written).toBe(false);
  });
});

describe('sheet shapes staff bring', () => {
  it('skips total and subtotal rows and reports each with its line', async () => {
    const root = project();
    const file = await writeXlsx(root, '收益.xlsx', [
      ['编号', '小区编号', '年度', '季度', '收益来源', '收入', '支出', '转入维修资金', '来源'],
      ['demo-lanting-2026q1-tingche', 'demo-lanting', 2026, 1, '停车', 100, 10, 0, 'demo'],
      [null, '小计', null, null, null, 100, 10, 0, null],
      ['demo-lanting-2026q2-tingche', 'demo-lanting', 2026, 2, '停车', 200, 20, 0, 'demo'],
      ['本年合计', null, null, null, null, 300, 30, 0, null],
      ['总 计', null, null, null, null, 300, 30, 0, null],
    ]);
    const o = await runImport(root, file, { table: 'public_revenue' });
    expect(o.problems).toEqual([]);
    expect(o.result.totals).toEqual([
      { line: 3, label: '小计' },
      { line: 5, label: '本年合计' },
      { line: 6, label: '总计' },
    ]);
    expect(o.report).toContain('跳过合计行 3 行(不是数据,不导入):\n  第 3 行(“小计”)\n  第 5 行(“本年合计”)');
    expect(o.merged.added).toHaveLength(2);
  });

  it('reports every missing required column in one message, whose fix never says 或留空', async () => {
    const root = project();
    const file = writeCsv(root, '流水.csv', [
      ['流水编号', '金额', '余额'],
      ['demo-lanting-0009', '10', ''],
    ]);
    const o = await runImport(root, file, { table: 'fund_ledger' });
    expect(kinds(o)).toEqual(['import-columns-missing']);
    expect(o.problems[0]!.message).toBe(
      '表格缺少 6 个必填列:小区(compound_id)、日期(date)、收支(direction)、类别(category)、摘要(description)、来源(source_id)',
    );
    expect(o.problems[0]!.fix).toBe(
      '在表头加上这些列:“小区”、“日期”、“收支”、“类别”、“摘要”、“来源”,并在每一行填写(列的顺序不限)',
    );
    expect(o.problems[0]!.fix).not.toContain('留空');
    // `npm run check` says the same of a data file without a required column.
    const columns = tableColumns('districts').map((c) => ({ name: c.name, title: c.title, required: c.required }));
    const fixes = parseCsv(new TextEncoder().encode('id,name\nhuangpu,黄浦区\n'), 'data/districts.csv', columns)
      .issues.filter((i) => i.kind === 'header-missing')
      .map((i) => [i.columnName, i.fix]);
    expect(fixes).toEqual([
      ['city', '在表头加上 city 列(列的顺序不限),每一行都要填写'],
      ['province', '在表头加上 province 列(列的顺序不限),没有内容的行留空'],
      ['source_id', '在表头加上 source_id 列(列的顺序不限),每一行都要填写'],
    ]);
  });

  it('imports Excel’s “Unicode 文本” (UTF-16 LE with BOM, tab-separated)', async () => {
    const root = project();
    const file = writeUnicodeText(root, '小区.txt', [
      ['小区编号', '小区名称', '所属区', '地址', '演示数据', '来源', '备注'],
      ['demo-xinyuan', '新苑(演示)', 'huangpu', '演示路2弄,3弄', '是', 'demo', '"含""引号""的备注"'],
    ]);
    const o = await runImport(root, file, { table: 'compounds' });
    expect(o.problems).toEqual([]);
    expect(o.report).toContain('编码 UTF-16LE(Unicode 文本)');
    expect(o.report).toContain('文件是 Excel 的“Unicode 文本”(UTF-16,制表符分隔)');
    expect(read(root, 'compounds')).toContain(
      '\ndemo-xinyuan,新苑(演示),huangpu,,,"演示路2弄,3弄",,,,,是,demo,"含""引号""的备注"\n',
    );
  });
});
