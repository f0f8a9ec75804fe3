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
        "区(data/districts.csv:1:1):文件不是 UTF-8 编码(多半是 Excel 默认保存的 GBK)。改法:在 Excel 中“另存为”选“CSV UTF-8(逗号分隔)”,或运行 npm run import -- data/districts.csv 自动转换",
      ]
    `);
  });
  it('bom', async () => {
    expect(await lines('bom')).toMatchInlineSnapshot(`
      [
        "街道/镇(data/streets.csv:1:1):文件开头有 BOM 标记(Excel 的“CSV UTF-8”会加上)。改法:运行 npm run tidy -- data/streets.csv,它去掉 BOM、统一换行并把 Excel 改过的日期和金额写回标准写法(数值不变)",
      ]
    `);
  });
  it('file-missing', async () => {
    expect(await lines('file-missing')).toMatchInlineSnapshot(`
      [
        "统计数字(data/figures.csv:1:1):缺少文件 data/figures.csv。改法:按数据标准新建该文件,第一行写表头:id,scope,district_id,street_id,as_of,metric,value,unit,note,source_id",
      ]
    `);
  });
  it('file-empty', async () => {
    expect(await lines('file-empty')).toMatchInlineSnapshot(`
      [
        "统计数字(data/figures.csv:1:1):文件是空的,没有表头行。改法:第一行写表头:id,scope,district_id,street_id,as_of,metric,value,unit,note,source_id",
      ]
    `);
  });
  it('dataset-json', async () => {
    expect(await lines('dataset-json')).toMatchInlineSnapshot(`
      [
        "数据说明(data/dataset.json:3:1)字段“as_of”:字段 as_of 不对:应为真实存在的日期 YYYY-MM-DD。改法:按说明填写 as_of",
      ]
    `);
  });
});

describe('header', () => {
  it('header-duplicate', async () => {
    expect(await lines('header-duplicate')).toMatchInlineSnapshot(`
      [
        "区(data/districts.csv:1:4)表头「区名称」(name):列名“name”重复出现(第 2 列已有)。改法:删去重复的一列,每个列名只写一次",
        "区(data/districts.csv:1:6)表头「省份」(province):缺少列「省份」(province)。改法:在表头加上 province 列(列的顺序不限),没有内容的行留空",
      ]
    `);
  });
  it('header-blank', async () => {
    expect(await lines('header-blank')).toMatchInlineSnapshot(`
      [
        "区(data/districts.csv:1:6):第 6 列没有列名。改法:填写列名或删去这一列;可用的列名:id(区编号)、name(区名称)、city(城市)、province(省份)、source_id(来源)",
      ]
    `);
  });
  it('header-unknown', async () => {
    expect(await lines('header-unknown')).toMatchInlineSnapshot(`
      [
        "区(data/districts.csv:1:4)表头“provnce”:未知列名“provnce”。改法:改成数据标准中的列名之一:id(区编号)、name(区名称)、city(城市)、province(省份)、source_id(来源)",
        "区(data/districts.csv:1:6)表头「省份」(province):缺少列「省份」(province)。改法:在表头加上 province 列(列的顺序不限),没有内容的行留空",
      ]
    `);
  });
  it('header-missing', async () => {
    expect(await lines('header-missing')).toMatchInlineSnapshot(`
      [
        "区(data/districts.csv:1:5)表头「省份」(province):缺少列「省份」(province)。改法:在表头加上 province 列(列的顺序不限),没有内容的行留空",
      ]
    `);
  });
});

describe('rows and line numbers', () => {
  it('cells-missing', async () => {
    expect(await lines('cells-missing')).toMatchInlineSnapshot(`
      [
        "业委会/物管会届次(data/committees.csv:3:8)第 3 行「来源」(source_id)列:这一行只有 7 个单元格,表头有 8 列。改法:补齐缺少的单元格(空值也要留逗号),或检查是否多了换行",
      ]
    `);
  });
  it('cells-extra', async () => {
    expect(await lines('cells-extra')).toMatchInlineSnapshot(`
      [
        "业委会/物管会届次(data/committees.csv:2:9)第 2 行:这一行有 9 个单元格,比表头多 1 个。改法:内容含英文逗号时用英文双引号把整个单元格括起来,或删去多余的逗号",
      ]
    `);
  });
  it('quote (unterminated)', async () => {
    expect(await lines('quote')).toMatchInlineSnapshot(`
      [
        "荣誉表彰(data/honours.csv:2:13)第 2 行「事迹」(citation)列:引号没有闭合,从这里到文件末尾都被当成了一个单元格。改法:在单元格末尾补上英文双引号 ";内容里的双引号要写成两个 """,
      ]
    `);
  });
  it('quote-invalid', async () => {
    expect(await lines('quote-invalid')).toMatchInlineSnapshot(`
      [
        "荣誉表彰(data/honours.csv:2:13)第 2 行「事迹」(citation)列:单元格中的英文双引号位置不对。改法:含引号的单元格整个用英文双引号括起来,内容里的双引号写成两个 """,
      ]
    `);
  });
  it('blank-row', async () => {
    expect(await lines('blank-row')).toMatchInlineSnapshot(`
      [
        "业委会/物管会届次(data/committees.csv:3:1)第 3 行:空行。改法:删除空行",
      ]
    `);
  });
  it('blank-row of commas only', async () => {
    expect(await lines('blank-row-commas')).toMatchInlineSnapshot(`
      [
        "业委会/物管会届次(data/committees.csv:3:1)第 3 行:空行。改法:删除空行",
      ]
    `);
  });
  it('CRLF line endings keep line numbers', async () => {
    expect(await lines('line-endings')).toMatchInlineSnapshot(`
      [
        "小区(data/compounds.csv:3:8)第 3 行「户数」(households)列:“two hundred”不是整数。改法:填写 1 到 100000 之间的整数,不带单位和逗号",
      ]
    `);
  });
  it('lone CR line endings keep line numbers', async () => {
    expect(await lines('line-endings-cr')).toMatchInlineSnapshot(`
      [
        "小区(data/compounds.csv:3:8)第 3 行「户数」(households)列:“two hundred”不是整数。改法:填写 1 到 100000 之间的整数,不带单位和逗号",
      ]
    `);
  });
  it('a quoted cell spanning lines shifts the physical line of later rows', async () => {
    expect(await lines('multiline-cell')).toMatchInlineSnapshot(`
      [
        "小区(data/compounds.csv:8:10)第 8 行「管理模式」(management_mode)列:“无人管”不是允许的取值。改法:只能填写:专业物业、片区大物业、延伸式、自治式、订单式、失管",
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
        "区(data/districts.csv:2:2)第 2 行「区名称」(name)列:必填项为空。改法:填写区名称,例如 黄浦区",
      ]
    `);
    expect(await lines('whitespace')).toMatchInlineSnapshot(`
      [
        "区(data/districts.csv:2:2)第 2 行「区名称」(name)列:首尾有多余空格。改法:删去空格,写成“黄浦区”",
      ]
    `);
    expect(await lines('invisible')).toMatchInlineSnapshot(`
      [
        "小区(data/compounds.csv:2:2)第 2 行「小区名称」(name)列:含有看不见的零宽字符(多从网页或微信复制而来)。改法:删去零宽字符,写成“兰亭苑(演示)”;或运行 npm run tidy 自动清理所有表",
      ]
    `);
    expect(await lines('id')).toMatchInlineSnapshot(`
      [
        "物业费收缴(data/fee_collection.csv:2:1)第 2 行「编号」(id)列:编号“Demo_Lanting_2024”格式不对。改法:编号只用小写拼音字母、数字和连字符,不以连字符开头或结尾,如 demo-lanting-2024",
      ]
    `);
    expect(await lines('url')).toMatchInlineSnapshot(`
      [
        "来源(data/sources.csv:3:7)第 3 行「网址」(url)列:“www.example.gov.cn/a/1”不是 http(s) 网址。改法:只接受以 http:// 或 https:// 开头的完整网址",
      ]
    `);
    expect(await lines('type')).toMatchInlineSnapshot(`
      [
        "小区(data/compounds.csv:2:8)第 2 行「户数」(households)列:“480户”不是整数。改法:填写 1 到 100000 之间的整数,不带单位和逗号",
      ]
    `);
    expect(await lines('range')).toMatchInlineSnapshot(`
      [
        "小区(data/compounds.csv:2:8)第 2 行「户数」(households)列:0 超出范围。改法:应在 1 到 100000 之间",
      ]
    `);
    expect(await lines('percent')).toMatchInlineSnapshot(`
      [
        "测评与排名(data/evaluations.csv:2:12)第 2 行「满意度」(satisfaction)列:百分数 102 超出 0–100。改法:百分数应在 0 到 100 之间,不带 % 号",
      ]
    `);
    expect(await lines('money')).toMatchInlineSnapshot(`
      [
        "物业费收缴(data/fee_collection.csv:2:4)第 2 行「应收」(billed)列:金额“612千元”格式不对。改法:写成不带逗号和货币符号的元,最多两位小数,如 1234.50",
      ]
    `);
    expect(await lines('money-precision')).toMatchInlineSnapshot(`
      [
        "物业费收缴(data/fee_collection.csv:3:5)第 3 行「实收」(collected)列:金额“590000.555”格式不对。改法:写成不带逗号和货币符号的元,最多两位小数,如 1234.50",
      ]
    `);
    expect(await lines('date')).toMatchInlineSnapshot(`
      [
        "物业收费标准(data/fee_standards.csv:2:8)第 2 行「公示日期」(announced_on)列:日期“2018年底”格式不对。改法:写成 YYYY-MM-DD,如 2023-08-29",
      ]
    `);
    expect(await lines('partial-date')).toMatchInlineSnapshot(`
      [
        "统计数字(data/figures.csv:2:5)第 2 行「时点」(as_of)列:日期“2023年8月上旬”格式不对。改法:写成 YYYY-MM-DD;来源只给到年或月时写 YYYY 或 YYYY-MM,如 2026 或 2019-11",
      ]
    `);
    expect(await lines('date-impossible')).toMatchInlineSnapshot(`
      [
        "业委会/物管会届次(data/committees.csv:2:6)第 2 行「任期结束」(term_end)列:日期 2021-02-29 不存在。改法:检查月份和日期,如 2 月没有 30 日",
      ]
    `);
    expect(await lines('enum')).toMatchInlineSnapshot(`
      [
        "小区(data/compounds.csv:2:10)第 2 行「管理模式」(management_mode)列:“物业公司”不是允许的取值。改法:只能填写:专业物业、片区大物业、延伸式、自治式、订单式、失管",
      ]
    `);
    expect(await lines('enum-bool')).toMatchInlineSnapshot(`
      [
        "小区(data/compounds.csv:2:11)第 2 行「演示数据」(demo)列:“不详”不是允许的取值。改法:只能填写:是、否",
      ]
    `);
    expect(await lines('enum-duplicate')).toMatchInlineSnapshot(`
      [
        "物业服务合同(data/contracts.csv:2:6)第 2 行「服务内容」(services)列:“保安”写了不止一次。改法:每个取值只写一次,用英文分号 ; 分隔",
      ]
    `);
    expect(await lines('credit-code')).toMatchInlineSnapshot(`
      [
        "物业企业(data/firms.csv:2:4)第 2 行「统一社会信用代码」(credit_code)列:信用代码“9.13101E+17”应为 18 位数字或大写字母。改法:照营业执照抄写 18 位代码;不使用 I、O、Z、S、V,注意 Excel 不要把它变成科学计数法",
      ]
    `);
    expect(await lines('credit-code-check')).toMatchInlineSnapshot(`
      [
        "物业企业(data/firms.csv:2:4)第 2 行「统一社会信用代码」(credit_code)列:信用代码“91310101MA1FPX1235”校验位不对(GB 32100)。改法:照营业执照重新核对,常见错误是抄错一位或漏抄一位",
      ]
    `);
  });
});

describe('cross-row and cross-table rules', () => {
  it('duplicate-id', async () => {
    expect(await lines('duplicate-id')).toMatchInlineSnapshot(`
      [
        "业委会成员(data/committee_members.csv:3:1)第 3 行「成员编号」(id)列:编号“demo-lanting-ywh-2-01”重复,第 2 行已用过。改法:每行用不同的编号;若是同一条记录录了两次,删去这一行",
      ]
    `);
  });
  it('ref (CSV)', async () => {
    expect(await lines('ref')).toMatchInlineSnapshot(`
      [
        "业委会/物管会届次(data/committees.csv:4:2)第 4 行「小区」(compound_id)列:“demo-xiyuan”在小区(compounds.csv)中不存在。改法:改成小区里已有的编号,或先在 data/compounds.csv 中添加这一行",
      ]
    `);
  });
  it('ref (MDX front matter)', async () => {
    expect(await lines('ref-mdx')).toMatchInlineSnapshot(`
      [
        "公告(src/content/notices/demo-lanting-2024-tiaojia.mdx:3:1)第 3 行字段“compound”:“demo-lantingyuan”在小区(compounds.csv)中不存在。改法:改成小区里已有的编号,或先在 data/compounds.csv 中添加这一行",
      ]
    `);
  });
  it('future-date', async () => {
    expect(await lines('future-date')).toMatchInlineSnapshot(`
      [
        "荣誉表彰(data/honours.csv:2:3)第 2 行「授予日期」(date)列:日期 2029-08-29 晚于数据日期 2026-11-01。改法:检查年份是否写错;数据日期是 data/dataset.json 中的 as_of",
      ]
    `);
  });
  it('term-order', async () => {
    expect(await lines('term-order')).toMatchInlineSnapshot(`
      [
        "业委会/物管会届次(data/committees.csv:3:6)第 3 行「任期结束」(term_end)列:任期结束 2020-05-31 早于任期开始 2021-06-01。改法:核对任期起止日期,结束日期不能早于开始日期",
      ]
    `);
  });
  it('term-overlap', async () => {
    expect(await lines('term-overlap')).toMatchInlineSnapshot(`
      [
        "业委会/物管会届次(data/committees.csv:3:5)第 3 行「任期开始」(term_start)列:任期 2021-05-01 至 2026-05-31 与第 2 行的“demo-lanting-ywh-1”(2018-06-01 至 2021-05-31)重叠。改法:同一小区各届任期不能重叠;核对上一届的结束日期和这一届的开始日期",
      ]
    `);
  });
  it('contract-order', async () => {
    expect(await lines('contract-order')).toMatchInlineSnapshot(`
      [
        "物业服务合同(data/contracts.csv:3:5)第 3 行「结束日期」(end)列:结束日期 2023-12-31 早于开始日期 2024-01-01。改法:核对合同起止日期,结束日期不能早于开始日期",
      ]
    `);
  });
  it('contract-overlap', async () => {
    expect(await lines('contract-overlap')).toMatchInlineSnapshot(`
      [
        "物业服务合同(data/contracts.csv:3:4)第 3 行「开始日期」(start)列:合同期 2023-07-01 至 2028-12-31 与第 2 行的“demo-lanting-2019”(2019-01-01 至 2023-12-31)重叠。改法:同一小区同一时间只能有一份物业服务合同;核对旧合同的结束日期和新合同的开始日期",
      ]
    `);
  });
  it('ledger-negative', async () => {
    expect(await lines('ledger-negative')).toMatchInlineSnapshot(`
      [
        "专项维修资金收支(data/fund_ledger.csv:9:6)第 9 行「金额」(amount)列:记入这一笔后余额为 -50000.00 元,维修资金不能为负。改法:核对这笔支出的金额和日期,或补录之前漏记的收入",
      ]
    `);
  });
  it('ledger-balance', async () => {
    expect(await lines('ledger-balance')).toMatchInlineSnapshot(`
      [
        "专项维修资金收支(data/fund_ledger.csv:4:7)第 4 行「余额」(balance)列:写明的余额 615250.50 元与按流水累计的 615200.50 元不符。改法:按银行对账单核对这一行及之前各行的金额;流水只能追加,错账用“冲正”行更正",
      ]
    `);
  });
  it('allocation-basis', async () => {
    expect(await lines('allocation-basis')).toMatchInlineSnapshot(`
      [
        "维修资金分摊(data/fund_allocations.csv:2:5)第 2 行「分摊户数」(households)列:1号楼 的分摊既没写户数也没写面积。改法:在“分摊户数”或“分摊面积”填写这一份按什么分摊(至少填一项)",
      ]
    `);
  });
  it('allocation-compound', async () => {
    expect(await lines('allocation-compound')).toMatchInlineSnapshot(`
      [
        "维修资金分摊(data/fund_allocations.csv:2:2)第 2 行「小区」(compound_id)列:流水 demo-lanting-0002 属于小区 demo-lanting,这一行却写的是 demo-meiyuan。改法:把“小区”改为 demo-lanting,或改正“维修资金支出流水”编号",
      ]
    `);
  });
  it('allocation-target', async () => {
    expect(await lines('allocation-target')).toMatchInlineSnapshot(`
      [
        "维修资金分摊(data/fund_allocations.csv:2:3)第 2 行「维修资金支出流水」(ledger_id)列:流水 demo-lanting-0001 不是一笔维修支出(是收入或冲正行),不能分摊。改法:“维修资金支出流水”填写被分摊的那一笔“支出”流水的编号",
      ]
    `);
  });
  it('allocation-duplicate', async () => {
    expect(await lines('allocation-duplicate')).toMatchInlineSnapshot(`
      [
        "维修资金分摊(data/fund_allocations.csv:3:4)第 3 行「分摊楼栋」(building)列:1号楼 在流水 demo-lanting-0002 的分摊中出现了两次(第 2 行已有)。改法:同一笔支出中每个楼栋只写一行,把两行合并",
      ]
    `);
  });
  it('allocation-sum', async () => {
    expect(await lines('allocation-sum')).toMatchInlineSnapshot(`
      [
        "维修资金分摊(data/fund_allocations.csv:3:7)第 3 行「分摊金额」(amount)列:流水 demo-lanting-0002 的分摊合计 385999.99 元,与支出金额 386000.00 元相差 0.01 元。改法:逐行核对分摊金额(精确到分),使合计等于该笔支出;漏了楼栋就补一行",
      ]
    `);
  });
  it('ledger-approval', async () => {
    expect(await lines('ledger-approval')).toMatchInlineSnapshot(`
      [
        "专项维修资金收支(data/fund_ledger.csv:3:9)第 3 行「表决依据」(approval)列:支出缺少表决依据。改法:填写授权这笔支出的业主大会表决或决议(民法典第二百七十八条)",
      ]
    `);
  });
  it('ledger-category', async () => {
    expect(await lines('ledger-category')).toMatchInlineSnapshot(`
      [
        "专项维修资金收支(data/fund_ledger.csv:4:5)第 4 行「类别」(category)列:“收入”不能用类别“电梯”。改法:收入只用:首期归集、续筹、利息、公共收益转入、冲正;支出只用:电梯、屋面、管道、外墙、消防、其他维修、冲正",
      ]
    `);
  });
  it('ledger-reversal', async () => {
    expect(await lines('ledger-reversal')).toMatchInlineSnapshot(`
      [
        "专项维修资金收支(data/fund_ledger.csv:7:11)第 7 行「冲正原因」(reason)列:冲正行没有填写「冲正原因」(reason)。改法:冲正行要写明冲正对象(被更正那一行的流水编号)和冲正原因",
      ]
    `);
  });
  it('correction-column', async () => {
    expect(await lines('correction-column')).toMatchInlineSnapshot(`
      [
        "更正记录(data/corrections.csv:2:4)第 2 行「更正的列」(column)列:“price”不是物业收费标准(fee_standards.csv)可更正的列。改法:填写物业收费标准(fee_standards.csv)的列名之一:compound_id(小区)、category(类别)、rate(收费标准)、unit(计费单位)、pricing(定价方式)、services(服务内容)、announced_on(公示日期)、effective_from(执行日期)、approval(决定依据)、source_id(来源)",
      ]
    `);
  });
  it('correction-stale', async () => {
    expect(await lines('correction-stale')).toMatchInlineSnapshot(`
      [
        "更正记录(data/corrections.csv:2:6)第 2 行「更正值」(new_value)列:更正值“1.25”与物业收费标准(fee_standards.csv)中 demo-lanting-zhuzhai-2024 的「收费标准」(rate)现值“1.20”不一致。改法:先在原表中改好这一格,再把更正值写成与原表完全相同的内容",
      ]
    `);
  });
  it('honour-recipient', async () => {
    expect(await lines('honour-recipient')).toMatchInlineSnapshot(`
      [
        "荣誉表彰(data/honours.csv:2:11)第 2 行「姓名」(person_name)列:获得者类型为“个人”,但没有填写「姓名」(person_name)。改法:获得者类型为“个人”时必须填写「姓名」",
      ]
    `);
  });
  it('evaluation-subject', async () => {
    expect(await lines('evaluation-subject')).toMatchInlineSnapshot(`
      [
        "测评与排名(data/evaluations.csv:3:5)第 3 行「小区」(compound_id)列:测评对象为“小区”,但没有填写「小区」(compound_id)。改法:测评对象为“小区”时必须填写「小区」",
      ]
    `);
  });
  it('rank-range', async () => {
    expect(await lines('rank-range')).toMatchInlineSnapshot(`
      [
        "测评与排名(data/evaluations.csv:2:10)第 2 行「排名」(rank)列:排名 30 大于参评数 28。改法:核对排名和参评数",
      ]
    `);
  });
  it('fee-announce-order', async () => {
    expect(await lines('fee-announce-order')).toMatchInlineSnapshot(`
      [
        "物业收费标准(data/fee_standards.csv:3:8)第 3 行「公示日期」(announced_on)列:公示日期 2024-04-15 晚于执行日期 2024-04-01。改法:收费标准须先公示后执行;核对两个日期",
      ]
    `);
  });
  it('commitment-met-on', async () => {
    expect(await lines('commitment-met-on')).toMatchInlineSnapshot(`
      [
        "攻坚课题与承诺(data/commitments.csv:2:12)第 2 行「完成日期」(met_on)列:进展为“已完成”,但没有填写完成日期。改法:填写「完成日期」(met_on),或把进展改为实际情况",
      ]
    `);
  });
});

describe('MDX front matter', () => {
  it('front-matter-missing', async () => {
    expect(await lines('front-matter-missing')).toMatchInlineSnapshot(`
      [
        "案例(src/content/cases/demo-meiyuan.mdx:1:1)第 1 行:文件开头没有 --- 包围的 front matter。改法:在文件第一行写 ---,接着写各字段,再以 --- 结束;可用 npm run new 生成模板",
      ]
    `);
  });
  it('front-matter-yaml', async () => {
    expect(await lines('front-matter-yaml')).toMatchInlineSnapshot(`
      [
        "案例(src/content/cases/demo-meiyuan.mdx:8:1)第 8 行:front matter 不是合法的 YAML:bad indentation of a mapping entry (8:14)。改法:每行写成“字段: 值”,冒号后留一个空格;含冒号或引号的值整个用英文双引号括起来",
      ]
    `);
  });
  it('a date with a time of day (an unquoted date alone is read as that date)', async () => {
    expect(await lines('front-matter-date')).toMatchInlineSnapshot(`
      [
        "审计报告(src/content/audits/demo-lanting-2024.mdx:7:1)第 7 行字段“published_on”:2025-03-10 09:30 带了时刻,这里只填日期。改法:写成 2025-03-10",
      ]
    `);
  });
  it('unknown enum value', async () => {
    expect(await lines('front-matter-enum')).toMatchInlineSnapshot(`
      [
        "审计报告(src/content/audits/demo-lanting-2024.mdx:4:1)第 4 行字段“kind”:“季度审计”不是允许的取值。改法:只能填写:年度审计、换届审计",
      ]
    `);
  });
  it('front-matter-unknown', async () => {
    expect(await lines('front-matter-unknown')).toMatchInlineSnapshot(`
      [
        "审计报告(src/content/audits/demo-lanting-2024.mdx:1:1)第 1 行字段“auditor”:缺少必填字段。改法:补上这个字段",
        "审计报告(src/content/audits/demo-lanting-2024.mdx:8:1)第 8 行字段“auditors”:未知字段“auditors”。改法:删去该字段或改成以下之一:title、compound、kind、period_start、period_end、published_on、auditor、summary、source、attachments",
      ]
    `);
  });
  it('attachment-missing', async () => {
    expect(await lines('attachment-missing')).toMatchInlineSnapshot(`
      [
        "公告(src/content/notices/demo-lanting-2024-tiaojia.mdx:11:1)第 11 行字段“attachments”:附件“收支明细”的文件 /files/notices/shouzhi-mingxi.pdf 不存在(应放在 public/files/notices/shouzhi-mingxi.pdf)。改法:把文件放到 public/files/notices/shouzhi-mingxi.pdf,或把 file 改成已有文件的路径(/files/ 之后的部分与 public/files/ 下的路径一致,大小写也要一致)",
      ]
    `);
  });
  it('attachment-type', async () => {
    expect(await lines('attachment-type')).toMatchInlineSnapshot(`
      [
        "公告(src/content/notices/demo-lanting-2024-tiaojia.mdx:10:1)第 10 行字段“attachments”:附件“表决结果”的文件 /files/notices/biaojue.pdf 实际是 Word/Excel 等压缩格式文件,不是 PDF。改法:附件只收 PDF、PNG、JPEG:Word、Excel、WPS 文件请先“另存为 PDF”,微信图片请另存为 JPEG;扩展名要与文件内容一致(.pdf、.png、.jpg)",
      ]
    `);
  });
  it('attachment-size', async () => {
    expect(await lines('attachment-size')).toMatchInlineSnapshot(`
      [
        "公告(src/content/notices/demo-lanting-2024-tiaojia.mdx:9:1)第 9 行字段“attachments”:附件“账本扫描件”的文件 /files/notices/saomiao.pdf 有 11 MB,超过 10 MB 的上限。改法:居民多用手机流量查看:扫描件用 150 dpi 黑白另存为 PDF,照片缩小到 2000 像素宽再上传;内容太多时拆成几个附件",
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
    'mdx-image-relative',
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

describe('what Excel and city templates do to a table (issue 13)', () => {
  it('excel-display: one problem per column, located at its first cell, naming the command', async () => {
    const { lines: got, kinds } = await loadCase('excel-display');
    expect(kinds).toEqual(['excel-display']);
    expect(got).toMatchInlineSnapshot(`
      [
        "专项维修资金收支(data/fund_ledger.csv:2:3)第 2 行「日期」(date)列:这一列有 3 格不是数据标准的写法(Excel 的显示格式或习惯写法),数值可以确定:如这一格“2019/1/10”,标准写法是“2019-01-10”。改法:运行 npm run tidy -- data/fund_ledger.csv 一次改好整张表(只改写法,数值不变),再运行 npm run check",
      ]
    `);
  });
  it('id-name: a name where the id belongs, with an id of the referenced table as the example', async () => {
    const { lines: got, kinds } = await loadCase('id-name');
    expect(kinds).toEqual(['id-name']);
    expect(got).toMatchInlineSnapshot(`
      [
        "小区(data/compounds.csv:2:4)第 2 行「所属街道」(street_id)列:“打浦桥街道”是名称,这一列要写编号。改法:改写成「所属街道」的编号,如 dapuqiao(编号是网站上它那一页网址的最后一段,也可在 data/streets.csv 的 id 列查到)",
      ]
    `);
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
