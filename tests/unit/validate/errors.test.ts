/** One fixture per issue kind: the exact message and location `npm run check` prints. */
import { describe, expect, it } from 'vitest';
import { ISSUE_KINDS } from '../../../src/lib/messages/catalogue.ts';
import { errorCases, loadCase } from './fixtures.ts';

const lines = async (c: string) => (await loadCase(c)).lines;

describe('valid fixture', () => {
  it('has no issue and loads every table and article', async () => {
    const { dataset: d } = await loadCase();
    expect(d.issues).toEqual([]);
    expect(d.tables.compounds.rows.map((r) => [r.data.id, r.line])).toEqual([
      ['demo-lanting', 2],
      ['demo-meiyuan', 3],
    ]);
    expect(d.tables.fund_ledger.rows[0]?.data.amount).toBe(100_000_000);
    expect(d.content.map((e) => `${e.collection}/${e.id}`)).toEqual([
      'notices/demo-lanting-2024-tiaojia',
      'audits/demo-lanting-2024',
      'policies/huangpu-2023-xingdong',
      'cases/demo-meiyuan',
    ]);
  });
});

describe('files', () => {
  it('encoding', async () => {
    expect(await lines('encoding')).toMatchInlineSnapshot(`
      [
        "data/districts.csv:1:1 -: 文件不是 UTF-8 编码(多半是 Excel 默认保存的 GBK) (在 Excel 中“另存为”选“CSV UTF-8(逗号分隔)”,或运行 npm run import -- data/districts.csv 自动转换)",
      ]
    `);
  });
  it('bom', async () => {
    expect(await lines('bom')).toMatchInlineSnapshot(`
      [
        "data/streets.csv:1:1 -: 文件开头有 BOM 标记(Excel 的“CSV UTF-8”会加上) (运行 npm run import -- data/streets.csv 去掉,或用编辑器另存为“UTF-8 无 BOM”)",
      ]
    `);
  });
  it('file-missing', async () => {
    expect(await lines('file-missing')).toMatchInlineSnapshot(`
      [
        "data/figures.csv:1:1 -: 缺少文件 data/figures.csv (按数据标准新建该文件,第一行写表头:id,scope,district_id,street_id,as_of,metric,value,unit,note,source_id)",
      ]
    `);
  });
  it('file-empty', async () => {
    expect(await lines('file-empty')).toMatchInlineSnapshot(`
      [
        "data/figures.csv:1:1 -: 文件是空的,没有表头行 (第一行写表头:id,scope,district_id,street_id,as_of,metric,value,unit,note,source_id)",
      ]
    `);
  });
  it('dataset-json', async () => {
    expect(await lines('dataset-json')).toMatchInlineSnapshot(`
      [
        "data/dataset.json:3:1 as_of: 字段 as_of 不对:应为真实存在的日期 YYYY-MM-DD (按说明填写 as_of)",
      ]
    `);
  });
});

describe('header', () => {
  it('header-duplicate', async () => {
    expect(await lines('header-duplicate')).toMatchInlineSnapshot(`
      [
        "data/districts.csv:1:4 name: 列名“name”重复出现(第 2 列已有) (删去重复的一列,每个列名只写一次)",
        "data/districts.csv:1:6 province: 缺少列 province(省份) (在表头加上 province 列(列的顺序不限),每行对应位置填写或留空)",
      ]
    `);
  });
  it('header-blank', async () => {
    expect(await lines('header-blank')).toMatchInlineSnapshot(`
      [
        "data/districts.csv:1:6 -: 第 6 列没有列名 (填写列名或删去这一列;可用的列名:id,name,city,province,source_id)",
      ]
    `);
  });
  it('header-unknown', async () => {
    expect(await lines('header-unknown')).toMatchInlineSnapshot(`
      [
        "data/districts.csv:1:4 provnce: 未知列名“provnce” (改成数据标准中的列名之一:id,name,city,province,source_id)",
        "data/districts.csv:1:6 province: 缺少列 province(省份) (在表头加上 province 列(列的顺序不限),每行对应位置填写或留空)",
      ]
    `);
  });
  it('header-missing', async () => {
    expect(await lines('header-missing')).toMatchInlineSnapshot(`
      [
        "data/districts.csv:1:5 province: 缺少列 province(省份) (在表头加上 province 列(列的顺序不限),每行对应位置填写或留空)",
      ]
    `);
  });
});

describe('rows and line numbers', () => {
  it('cells-missing', async () => {
    expect(await lines('cells-missing')).toMatchInlineSnapshot(`
      [
        "data/committees.csv:3:8 source_id: 这一行只有 7 个单元格,表头有 8 列 (补齐缺少的单元格(空值也要留逗号),或检查是否多了换行)",
      ]
    `);
  });
  it('cells-extra', async () => {
    expect(await lines('cells-extra')).toMatchInlineSnapshot(`
      [
        "data/committees.csv:2:9 -: 这一行有 9 个单元格,比表头多 1 个 (内容含英文逗号时用英文双引号把整个单元格括起来,或删去多余的逗号)",
      ]
    `);
  });
  it('quote (unterminated)', async () => {
    expect(await lines('quote')).toMatchInlineSnapshot(`
      [
        "data/honours.csv:2:13 citation: 引号没有闭合,从这里到文件末尾都被当成了一个单元格 (在单元格末尾补上英文双引号 ";内容里的双引号要写成两个 "")",
      ]
    `);
  });
  it('quote-invalid', async () => {
    expect(await lines('quote-invalid')).toMatchInlineSnapshot(`
      [
        "data/honours.csv:2:13 citation: 单元格中的英文双引号位置不对 (含引号的单元格整个用英文双引号括起来,内容里的双引号写成两个 "")",
      ]
    `);
  });
  it('blank-row', async () => {
    expect(await lines('blank-row')).toMatchInlineSnapshot(`
      [
        "data/committees.csv:3:1 -: 空行 (删除空行)",
      ]
    `);
  });
  it('blank-row of commas only', async () => {
    expect(await lines('blank-row-commas')).toMatchInlineSnapshot(`
      [
        "data/committees.csv:3:1 -: 空行 (删除空行)",
      ]
    `);
  });
  it('CRLF line endings keep line numbers', async () => {
    expect(await lines('line-endings')).toMatchInlineSnapshot(`
      [
        "data/compounds.csv:3:8 households: “two hundred”不是整数 (填写 1 到 100000 之间的整数,不带单位和逗号)",
      ]
    `);
  });
  it('lone CR line endings keep line numbers', async () => {
    expect(await lines('line-endings-cr')).toMatchInlineSnapshot(`
      [
        "data/compounds.csv:3:8 households: “two hundred”不是整数 (填写 1 到 100000 之间的整数,不带单位和逗号)",
      ]
    `);
  });
  it('a quoted cell spanning lines shifts the physical line of later rows', async () => {
    expect(await lines('multiline-cell')).toMatchInlineSnapshot(`
      [
        "data/compounds.csv:8:10 management_mode: “无人管”不是允许的取值 (只能填写:专业物业、片区大物业、延伸式、自治式、订单式、失管)",
      ]
    `);
  });
});

describe('cells', () => {
  for (const c of [
    'required',
    'whitespace',
    'invisible',
    'id',
    'url',
    'type',
    'range',
    'percent',
    'money',
    'money-precision',
    'date',
    'date-impossible',
    'partial-date',
    'enum',
    'enum-bool',
    'enum-duplicate',
    'credit-code',
    'credit-code-check',
  ]) {
    it(c, async () => {
      const r = await loadCase(c);
      expect(r.lines).toHaveLength(1);
      expect(r.kinds[0]).toBe(c.replace(/-(precision|bool)$/, ''));
    });
  }
  it('messages', async () => {
    expect(await lines('required')).toMatchInlineSnapshot(`
      [
        "data/districts.csv:2:2 name: 必填项为空 (填写区名称,例如 黄浦区)",
      ]
    `);
    expect(await lines('whitespace')).toMatchInlineSnapshot(`
      [
        "data/districts.csv:2:2 name: 首尾有多余空格 (删去空格,写成“黄浦区”)",
      ]
    `);
    expect(await lines('invisible')).toMatchInlineSnapshot(`
      [
        "data/compounds.csv:2:2 name: 含有看不见的零宽字符(多从网页或微信复制而来) (删去零宽字符,写成“兰亭苑(演示)”;或运行 npm run import 自动清理)",
      ]
    `);
    expect(await lines('id')).toMatchInlineSnapshot(`
      [
        "data/fee_collection.csv:2:1 id: 编号“Demo_Lanting_2024”格式不对 (编号只用小写拼音字母、数字和连字符,不以连字符开头或结尾,如 dapuqiao-haili-huayuan)",
      ]
    `);
    expect(await lines('url')).toMatchInlineSnapshot(`
      [
        "data/sources.csv:3:7 url: “www.example.gov.cn/a/1”不是 http(s) 网址 (只接受以 http:// 或 https:// 开头的完整网址)",
      ]
    `);
    expect(await lines('type')).toMatchInlineSnapshot(`
      [
        "data/compounds.csv:2:8 households: “480户”不是整数 (填写 1 到 100000 之间的整数,不带单位和逗号)",
      ]
    `);
    expect(await lines('range')).toMatchInlineSnapshot(`
      [
        "data/compounds.csv:2:8 households: 0 超出范围 (应在 1 到 100000 之间)",
      ]
    `);
    expect(await lines('percent')).toMatchInlineSnapshot(`
      [
        "data/evaluations.csv:2:12 satisfaction: 百分数 102 超出 0–100 (百分数应在 0 到 100 之间,不带 % 号)",
      ]
    `);
    expect(await lines('money')).toMatchInlineSnapshot(`
      [
        "data/fee_collection.csv:2:4 billed: 金额“612,000.00”格式不对 (写成不带逗号和货币符号的元,最多两位小数,如 1234.50)",
      ]
    `);
    expect(await lines('money-precision')).toMatchInlineSnapshot(`
      [
        "data/fee_collection.csv:3:5 collected: 金额“590000.555”格式不对 (写成不带逗号和货币符号的元,最多两位小数,如 1234.50)",
      ]
    `);
    expect(await lines('date')).toMatchInlineSnapshot(`
      [
        "data/fee_standards.csv:2:8 announced_on: 日期“2018/12/01”格式不对 (写成 YYYY-MM-DD,如 2023-08-29)",
      ]
    `);
    expect(await lines('partial-date')).toMatchInlineSnapshot(`
      [
        "data/figures.csv:2:5 as_of: 日期“2023年8月”格式不对 (写成 YYYY-MM-DD;来源只给到年或月时写 YYYY 或 YYYY-MM,如 2026 或 2019-11)",
      ]
    `);
    expect(await lines('date-impossible')).toMatchInlineSnapshot(`
      [
        "data/committees.csv:2:6 term_end: 日期 2021-02-29 不存在 (检查月份和日期,如 2 月没有 30 日)",
      ]
    `);
    expect(await lines('enum')).toMatchInlineSnapshot(`
      [
        "data/compounds.csv:2:10 management_mode: “物业公司”不是允许的取值 (只能填写:专业物业、片区大物业、延伸式、自治式、订单式、失管)",
      ]
    `);
    expect(await lines('enum-bool')).toMatchInlineSnapshot(`
      [
        "data/compounds.csv:2:11 demo: “Y”不是允许的取值 (只能填写:是、否)",
      ]
    `);
    expect(await lines('enum-duplicate')).toMatchInlineSnapshot(`
      [
        "data/contracts.csv:2:6 services: “保安”写了不止一次 (每个取值只写一次,用英文分号 ; 分隔)",
      ]
    `);
    expect(await lines('credit-code')).toMatchInlineSnapshot(`
      [
        "data/firms.csv:2:4 credit_code: 信用代码“9.13101E+17”应为 18 位数字或大写字母 (照营业执照抄写 18 位代码;不使用 I、O、Z、S、V,注意 Excel 不要把它变成科学计数法)",
      ]
    `);
    expect(await lines('credit-code-check')).toMatchInlineSnapshot(`
      [
        "data/firms.csv:2:4 credit_code: 信用代码“91310101MA1FPX1235”校验位不对(GB 32100) (照营业执照重新核对,常见错误是抄错一位或漏抄一位)",
      ]
    `);
  });
});

describe('cross-row and cross-table rules', () => {
  it('duplicate-id', async () => {
    expect(await lines('duplicate-id')).toMatchInlineSnapshot(`
      [
        "data/committee_members.csv:3:1 id: 编号“demo-lanting-ywh-2-01”重复,第 2 行已用过 (每行用不同的编号;若是同一条记录录了两次,删去这一行)",
      ]
    `);
  });
  it('ref (CSV)', async () => {
    expect(await lines('ref')).toMatchInlineSnapshot(`
      [
        "data/committees.csv:4:2 compound_id: “demo-xiyuan”在 compounds.csv 中不存在 (先在 data/compounds.csv 中添加这一行,或改成已有的编号)",
      ]
    `);
  });
  it('ref (MDX front matter)', async () => {
    expect(await lines('ref-mdx')).toMatchInlineSnapshot(`
      [
        "src/content/notices/demo-lanting-2024-tiaojia.mdx:3:1 compound: “demo-lantingyuan”在 compounds.csv 中不存在 (先在 data/compounds.csv 中添加这一行,或改成已有的编号)",
      ]
    `);
  });
  it('future-date', async () => {
    expect(await lines('future-date')).toMatchInlineSnapshot(`
      [
        "data/honours.csv:2:3 date: 日期 2029-08-29 晚于数据日期 2026-11-01 (检查年份是否写错;数据日期是 data/dataset.json 中的 as_of)",
      ]
    `);
  });
  it('term-order', async () => {
    expect(await lines('term-order')).toMatchInlineSnapshot(`
      [
        "data/committees.csv:3:6 term_end: 任期结束 2020-05-31 早于任期开始 2021-06-01 (核对任期起止日期,结束日期不能早于开始日期)",
      ]
    `);
  });
  it('term-overlap', async () => {
    expect(await lines('term-overlap')).toMatchInlineSnapshot(`
      [
        "data/committees.csv:3:5 term_start: 任期 2021-05-01 至 2026-05-31 与第 2 行的“demo-lanting-ywh-1”(2018-06-01 至 2021-05-31)重叠 (同一小区各届任期不能重叠;核对上一届的结束日期和这一届的开始日期)",
      ]
    `);
  });
  it('contract-order', async () => {
    expect(await lines('contract-order')).toMatchInlineSnapshot(`
      [
        "data/contracts.csv:3:5 end: 结束日期 2023-12-31 早于开始日期 2024-01-01 (核对合同起止日期,结束日期不能早于开始日期)",
      ]
    `);
  });
  it('contract-overlap', async () => {
    expect(await lines('contract-overlap')).toMatchInlineSnapshot(`
      [
        "data/contracts.csv:3:4 start: 合同期 2023-07-01 至 2028-12-31 与第 2 行的“demo-lanting-2019”(2019-01-01 至 2023-12-31)重叠 (同一小区同一时间只能有一份物业服务合同;核对旧合同的结束日期和新合同的开始日期)",
      ]
    `);
  });
  it('ledger-negative', async () => {
    expect(await lines('ledger-negative')).toMatchInlineSnapshot(`
      [
        "data/fund_ledger.csv:9:6 amount: 记入这一笔后余额为 -50000.00 元,维修资金不能为负 (核对这笔支出的金额和日期,或补录之前漏记的收入)",
      ]
    `);
  });
  it('ledger-balance', async () => {
    expect(await lines('ledger-balance')).toMatchInlineSnapshot(`
      [
        "data/fund_ledger.csv:4:7 balance: 写明的余额 615250.50 元与按流水累计的 615200.50 元不符 (按银行对账单核对这一行及之前各行的金额;流水只能追加,错账用“冲正”行更正)",
      ]
    `);
  });
  it('allocation-basis', async () => {
    expect(await lines('allocation-basis')).toMatchInlineSnapshot(`
      [
        "data/fund_allocations.csv:2:5 households: 1号楼 的分摊既没写户数也没写面积 (在“分摊户数”或“分摊面积”填写这一份按什么分摊(至少填一项))",
      ]
    `);
  });
  it('allocation-compound', async () => {
    expect(await lines('allocation-compound')).toMatchInlineSnapshot(`
      [
        "data/fund_allocations.csv:2:2 compound_id: 流水 demo-lanting-0002 属于小区 demo-lanting,这一行却写的是 demo-meiyuan (把“小区”改为 demo-lanting,或改正“维修资金支出流水”编号)",
      ]
    `);
  });
  it('allocation-target', async () => {
    expect(await lines('allocation-target')).toMatchInlineSnapshot(`
      [
        "data/fund_allocations.csv:2:3 ledger_id: 流水 demo-lanting-0001 不是一笔维修支出(是收入或冲正行),不能分摊 (“维修资金支出流水”填写被分摊的那一笔“支出”流水的编号)",
      ]
    `);
  });
  it('allocation-duplicate', async () => {
    expect(await lines('allocation-duplicate')).toMatchInlineSnapshot(`
      [
        "data/fund_allocations.csv:3:4 building: 1号楼 在流水 demo-lanting-0002 的分摊中出现了两次(第 2 行已有) (同一笔支出中每个楼栋只写一行,把两行合并)",
      ]
    `);
  });
  it('allocation-sum', async () => {
    expect(await lines('allocation-sum')).toMatchInlineSnapshot(`
      [
        "data/fund_allocations.csv:3:7 amount: 流水 demo-lanting-0002 的分摊合计 385999.99 元,与支出金额 386000.00 元相差 0.01 元 (逐行核对分摊金额(精确到分),使合计等于该笔支出;漏了楼栋就补一行)",
      ]
    `);
  });
  it('ledger-approval', async () => {
    expect(await lines('ledger-approval')).toMatchInlineSnapshot(`
      [
        "data/fund_ledger.csv:3:9 approval: 支出缺少表决依据 (填写授权这笔支出的业主大会表决或决议(民法典第二百七十八条))",
      ]
    `);
  });
  it('ledger-category', async () => {
    expect(await lines('ledger-category')).toMatchInlineSnapshot(`
      [
        "data/fund_ledger.csv:4:5 category: “收入”不能用类别“电梯” (收入只用:首期归集、续筹、利息、公共收益转入、冲正;支出只用:电梯、屋面、管道、外墙、消防、其他维修、冲正)",
      ]
    `);
  });
  it('ledger-reversal', async () => {
    expect(await lines('ledger-reversal')).toMatchInlineSnapshot(`
      [
        "data/fund_ledger.csv:7:11 reason: 冲正行没有填写 reason(冲正原因) (冲正行要写明冲正对象(被更正那一行的流水编号)和冲正原因)",
      ]
    `);
  });
  it('correction-column', async () => {
    expect(await lines('correction-column')).toMatchInlineSnapshot(`
      [
        "data/corrections.csv:2:4 column: “price”不是 fee_standards.csv 可更正的列 (填写 fee_standards.csv 的列名之一:compound_id,category,rate,unit,pricing,services,announced_on,effective_from,approval,source_id)",
      ]
    `);
  });
  it('correction-stale', async () => {
    expect(await lines('correction-stale')).toMatchInlineSnapshot(`
      [
        "data/corrections.csv:2:6 new_value: 更正值“1.25”与 fee_standards.csv 中 demo-lanting-zhuzhai-2024 的 rate 现值“1.20”不一致 (先在原表中改好这一格,再把更正值写成与原表完全相同的内容)",
      ]
    `);
  });
  it('honour-recipient', async () => {
    expect(await lines('honour-recipient')).toMatchInlineSnapshot(`
      [
        "data/honours.csv:2:11 person_name: 获得者类型为“个人”,但没有填写 person_name(姓名) (获得者类型为“个人”时必须填写 person_name)",
      ]
    `);
  });
  it('evaluation-subject', async () => {
    expect(await lines('evaluation-subject')).toMatchInlineSnapshot(`
      [
        "data/evaluations.csv:3:5 compound_id: 测评对象为“小区”,但没有填写 compound_id(小区) (测评对象为“小区”时必须填写 compound_id)",
      ]
    `);
  });
  it('rank-range', async () => {
    expect(await lines('rank-range')).toMatchInlineSnapshot(`
      [
        "data/evaluations.csv:2:10 rank: 排名 30 大于参评数 28 (核对排名和参评数)",
      ]
    `);
  });
  it('fee-announce-order', async () => {
    expect(await lines('fee-announce-order')).toMatchInlineSnapshot(`
      [
        "data/fee_standards.csv:3:8 announced_on: 公示日期 2024-04-15 晚于执行日期 2024-04-01 (收费标准须先公示后执行;核对两个日期)",
      ]
    `);
  });
  it('commitment-met-on', async () => {
    expect(await lines('commitment-met-on')).toMatchInlineSnapshot(`
      [
        "data/commitments.csv:2:12 met_on: 进展为“已完成”,但没有填写完成日期 (填写 met_on(完成日期),或把进展改为实际情况)",
      ]
    `);
  });
});

describe('MDX front matter', () => {
  it('front-matter-missing', async () => {
    expect(await lines('front-matter-missing')).toMatchInlineSnapshot(`
      [
        "src/content/cases/demo-meiyuan.mdx:1:1 -: 文件开头没有 --- 包围的 front matter (在文件第一行写 ---,接着写各字段,再以 --- 结束;可用 npm run new 生成模板)",
      ]
    `);
  });
  it('front-matter-yaml', async () => {
    expect(await lines('front-matter-yaml')).toMatchInlineSnapshot(`
      [
        "src/content/cases/demo-meiyuan.mdx:8:1 -: front matter 不是合法的 YAML:bad indentation of a mapping entry (8:14) (每行写成“字段: 值”,冒号后留一个空格;含冒号或引号的值整个用英文双引号括起来)",
      ]
    `);
  });
  it('a date with a time of day (an unquoted date alone is read as that date)', async () => {
    expect(await lines('front-matter-date')).toMatchInlineSnapshot(`
      [
        "src/content/audits/demo-lanting-2024.mdx:7:1 published_on: 2025-03-10 09:30 带了时刻,这里只填日期 (写成 2025-03-10)",
      ]
    `);
  });
  it('unknown enum value', async () => {
    expect(await lines('front-matter-enum')).toMatchInlineSnapshot(`
      [
        "src/content/audits/demo-lanting-2024.mdx:4:1 kind: “季度审计”不是允许的取值 (只能填写:年度审计、换届审计)",
      ]
    `);
  });
  it('front-matter-unknown', async () => {
    expect(await lines('front-matter-unknown')).toMatchInlineSnapshot(`
      [
        "src/content/audits/demo-lanting-2024.mdx:1:1 auditor: 缺少必填字段 (补上这个字段)",
        "src/content/audits/demo-lanting-2024.mdx:8:1 auditors: 未知字段“auditors” (删去该字段或改成以下之一:title、compound、kind、period_start、period_end、published_on、auditor、summary、source、attachments)",
      ]
    `);
  });
  it('attachment-missing', async () => {
    expect(await lines('attachment-missing')).toMatchInlineSnapshot(`
      [
        "src/content/notices/demo-lanting-2024-tiaojia.mdx:11:1 attachments: 附件“收支明细”的文件 /files/notices/shouzhi-mingxi.pdf 不存在(应放在 public/files/notices/shouzhi-mingxi.pdf) (把文件放到 public/files/notices/shouzhi-mingxi.pdf,或把 file 改成已有文件的路径(/files/ 之后的部分与 public/files/ 下的路径一致,大小写也要一致))",
      ]
    `);
  });
  it('attachment-type', async () => {
    expect(await lines('attachment-type')).toMatchInlineSnapshot(`
      [
        "src/content/notices/demo-lanting-2024-tiaojia.mdx:10:1 attachments: 附件“表决结果”的文件 /files/notices/biaojue.pdf 实际是 Word/Excel 等压缩格式文件,不是 PDF (附件只收 PDF、PNG、JPEG:Word、Excel、WPS 文件请先“另存为 PDF”,微信图片请另存为 JPEG;扩展名要与文件内容一致(.pdf、.png、.jpg))",
      ]
    `);
  });
  it('attachment-size', async () => {
    expect(await lines('attachment-size')).toMatchInlineSnapshot(`
      [
        "src/content/notices/demo-lanting-2024-tiaojia.mdx:9:1 attachments: 附件“账本扫描件”的文件 /files/notices/saomiao.pdf 有 11 MB,超过 10 MB 的上限 (居民多用手机流量查看:扫描件用 150 dpi 黑白另存为 PDF,照片缩小到 2000 像素宽再上传;内容太多时拆成几个附件)",
      ]
    `);
  });
});

describe('MDX content: a document, not a program', () => {
  it.each([
    'mdx-esm',
    'mdx-expression',
    'mdx-component',
    'mdx-html-tag',
    'mdx-html-attribute',
    'mdx-image-foreign',
    'mdx-link-unsafe',
    'mdx-file-missing',
    'mdx-lt',
    'mdx-brace',
    'mdx-unclosed',
    'mdx-closing',
    'mdx-comment',
    'mdx-syntax',
    'content-file-name',
    'content-duplicate',
  ])('%s', async (kind) => {
    const { lines: got, kinds } = await loadCase(kind);
    expect(kinds).toContain(kind);
    expect(got).toMatchSnapshot();
  });
});

describe('control characters, bidirectional controls, line breaks, implausible dates (issue 12)', () => {
  it.each(['control-char', 'bidi-control', 'line-break', 'date-too-early', 'future-year'])('%s', async (c) => {
    const { lines: got, kinds } = await loadCase(c);
    expect(kinds).toEqual([c]);
    expect(got).toMatchSnapshot();
  });
});

// Kinds whose rules live in other areas, with their own fixtures and tests
// (tests/unit/privacy, tests/unit/ledger, tests/unit/import/catalogue.test.ts).
const OTHER_AREAS =
  /^(privacy-|import-|ledger-(edited|deleted|reversal-mismatch|reconcile|backdated|chain|base-missing)$)/;

describe('coverage', () => {
  it('every catalogue kind of the loader and the core rules has a fixture that raises it', async () => {
    const raised = new Set<string>();
    for (const c of await errorCases()) for (const k of (await loadCase(c)).kinds) raised.add(k);
    expect(ISSUE_KINDS.filter((k) => !OTHER_AREAS.test(k) && !raised.has(k))).toEqual([]);
    // Loads every fixture (70+ temp copies) in turn: seconds alone, more on a busy machine.
  }, 240_000);
});
