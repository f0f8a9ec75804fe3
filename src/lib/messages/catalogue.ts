/**
 * The one catalogue of every problem `npm run check` and the build can report.
 *
 * Like Astro core's errors-data.ts: each kind has a title, a message template and
 * a fix template, so the column parsers, the CSV reader and the rules all speak
 * with one voice, and the documentation and staff guide can list every message.
 * Templates use `{name}` placeholders filled from the values given to `describe`.
 */
import type { DataIssue } from './issue.ts';
import { cmp } from '../util/compare.ts';

export interface CatalogueEntry {
  /** Short Chinese title for lists and docs. */
  title: string;
  /** Where the kind is detected: file, header, row, cell, cross-row rule, MDX front matter, or `npm run import`. */
  scope: '文件' | '表头' | '行' | '单元格' | '跨行规则' | 'MDX' | '导入';
  /** "What is wrong" template. */
  message: string;
  /** "How to fix" template. */
  fix: string;
}

const entries = {
  // ── files ──────────────────────────────────────────────────────────────────
  'file-missing': {
    title: '缺少数据文件',
    scope: '文件',
    message: '缺少文件 {file}',
    fix: '按数据标准新建该文件,第一行写表头:{allowed}',
  },
  'file-empty': {
    title: '文件为空',
    scope: '文件',
    message: '文件是空的,没有表头行',
    fix: '第一行写表头:{allowed}',
  },
  encoding: {
    title: '不是 UTF-8 编码',
    scope: '文件',
    message: '文件不是 UTF-8 编码(多半是 Excel 默认保存的 GBK)',
    fix: '在 Excel 中“另存为”选“CSV UTF-8(逗号分隔)”,或运行 npm run import -- {file} 自动转换',
  },
  bom: {
    title: '文件开头有 BOM',
    scope: '文件',
    message: '文件开头有 BOM 标记(Excel 的“CSV UTF-8”会加上)',
    fix: '运行 npm run tidy -- {file},它去掉 BOM、统一换行并把 Excel 改过的日期和金额写回标准写法(数值不变)',
  },
  'dataset-json': {
    title: 'dataset.json 有误',
    scope: '文件',
    message: '{what}',
    fix: '{how}',
  },
  // ── header ─────────────────────────────────────────────────────────────────
  'header-duplicate': {
    title: '表头重复',
    scope: '表头',
    message: '列名“{column}”重复出现(第 {first} 列已有)',
    fix: '删去重复的一列,每个列名只写一次',
  },
  'header-blank': {
    title: '表头为空',
    scope: '表头',
    message: '第 {position} 列没有列名',
    fix: '填写列名或删去这一列;可用的列名:{allowed}',
  },
  'header-unknown': {
    title: '未知列名',
    scope: '表头',
    message: '未知列名“{column}”{guess}',
    fix: '改成数据标准中的列名之一:{allowed}',
  },
  'header-missing': {
    title: '缺少列',
    scope: '表头',
    message: '缺少列「{title}」({column})',
    fix: '在表头加上 {column} 列(列的顺序不限),{rows}',
  },
  // ── rows ───────────────────────────────────────────────────────────────────
  'cells-missing': {
    title: '单元格缺少',
    scope: '行',
    message: '这一行只有 {found} 个单元格,表头有 {expected} 列',
    fix: '补齐缺少的单元格(空值也要留逗号),或检查是否多了换行',
  },
  'cells-extra': {
    title: '单元格多余',
    scope: '行',
    message: '这一行有 {found} 个单元格,比表头多 {extra} 个',
    fix: '内容含英文逗号时用英文双引号把整个单元格括起来,或删去多余的逗号',
  },
  quote: {
    title: '引号未闭合',
    scope: '行',
    message: '引号没有闭合,从这里到文件末尾都被当成了一个单元格',
    fix: '在单元格末尾补上英文双引号 ";内容里的双引号要写成两个 ""',
  },
  'quote-invalid': {
    title: '引号位置不对',
    scope: '行',
    message: '单元格中的英文双引号位置不对',
    fix: '含引号的单元格整个用英文双引号括起来,内容里的双引号写成两个 ""',
  },
  'blank-row': {
    title: '空行',
    scope: '行',
    message: '空行',
    fix: '删除空行',
  },
  // ── cells (raised by src/lib/schema/columns.ts) ─────────────────────────────
  required: {
    title: '必填项为空',
    scope: '单元格',
    message: '必填项为空',
    fix: '填写{title},例如 {example}',
  },
  whitespace: {
    title: '多余空格',
    scope: '单元格',
    message: '首尾有多余空格',
    fix: '删去空格,写成“{trimmed}”',
  },
  invisible: {
    title: '含不可见字符',
    scope: '单元格',
    message: '含有看不见的零宽字符(多从网页或微信复制而来)',
    fix: '删去零宽字符,写成“{cleaned}”;或运行 npm run tidy 自动清理所有表',
  },
  'control-char': {
    title: '含控制字符',
    scope: '单元格',
    message: '第 {position} 个字符是控制字符 {code}({name}),网页和下载文件会原样带上它',
    fix: '删去这个字符(多从其他系统导出或从网页复制而来),重新输入这一格',
  },
  'bidi-control': {
    title: '含双向文字控制符',
    scope: '单元格',
    message: '第 {position} 个字符是看不见的双向文字控制符 {code}({name}),会让显示出来的顺序与实际内容不同',
    fix: '删去这个字符:中文内容不需要它,重新输入这一格最稳妥',
  },
  'line-break': {
    title: '单元格内换行',
    scope: '单元格',
    message: '第 {position} 个字符是{name}({code}),这一列只能写一行',
    fix: '把内容写成一行(去掉 Alt+Enter 换行和制表符);只有备注、表彰事迹这类列可以换行',
  },
  id: {
    title: '编号格式不对',
    scope: '单元格',
    message: '编号“{value}”格式不对',
    fix: '编号只用小写拼音字母、数字和连字符,不以连字符开头或结尾,如 {example}',
  },
  'id-name': {
    title: '编号列写了名称',
    scope: '单元格',
    message: '“{value}”是名称,这一列要写编号',
    fix: '改写成「{title}」的编号,如 {example}(编号是网站上它那一页网址的最后一段,也可在 data/{target}.csv 的 id 列查到)',
  },
  url: {
    title: '网址不对',
    scope: '单元格',
    message: '“{value}”不是 http(s) 网址',
    fix: '只接受以 http:// 或 https:// 开头的完整网址',
  },
  type: {
    title: '类型不对',
    scope: '单元格',
    message: '“{value}”不是{expected}',
    fix: '{how}',
  },
  range: {
    title: '超出范围',
    scope: '单元格',
    message: '{value} 超出范围',
    fix: '应在 {min} 到 {max} 之间',
  },
  percent: {
    title: '百分数超出 0–100',
    scope: '单元格',
    message: '百分数 {value} 超出 0–100',
    fix: '百分数应在 0 到 100 之间,不带 % 号',
  },
  money: {
    title: '金额格式不对',
    scope: '单元格',
    message: '金额“{value}”格式不对',
    fix: '写成不带逗号和货币符号的元,最多两位小数,如 1234.50',
  },
  date: {
    title: '日期格式不对',
    scope: '单元格',
    message: '日期“{value}”格式不对',
    fix: '写成 YYYY-MM-DD,如 2023-08-29',
  },
  'partial-date': {
    title: '日期格式不对',
    scope: '单元格',
    message: '日期“{value}”格式不对',
    fix: '写成 YYYY-MM-DD;来源只给到年或月时写 YYYY 或 YYYY-MM,如 2026 或 2019-11',
  },
  'date-impossible': {
    title: '日期不存在',
    scope: '单元格',
    message: '日期 {value} 不存在',
    fix: '检查月份和日期,如 2 月没有 30 日',
  },
  'date-too-early': {
    title: '日期早于 1840 年',
    scope: '单元格',
    message: '日期 {value} 早于 1840 年,不可能是这一列记的日期',
    fix: '检查年份是否写错(表格软件把空日期填成 0001-01-01 也会这样);写成 YYYY-MM-DD,如 2023-08-29',
  },
  enum: {
    title: '不是允许的取值',
    scope: '单元格',
    message: '“{value}”不是允许的取值',
    fix: '只能填写:{allowed}',
  },
  'enum-duplicate': {
    title: '取值重复',
    scope: '单元格',
    message: '“{value}”写了不止一次',
    fix: '每个取值只写一次,用英文分号 ; 分隔',
  },
  'credit-code': {
    title: '信用代码格式不对',
    scope: '单元格',
    message: '信用代码“{value}”应为 18 位数字或大写字母',
    fix: '照营业执照抄写 18 位代码;不使用 I、O、Z、S、V,注意 Excel 不要把它变成科学计数法',
  },
  'credit-code-check': {
    title: '信用代码校验位不对',
    scope: '单元格',
    message: '信用代码“{value}”校验位不对(GB 32100)',
    fix: '照营业执照重新核对,常见错误是抄错一位或漏抄一位',
  },
  'excel-display': {
    title: '写法不标准(可自动整理)',
    scope: '单元格',
    message:
      '这一列有 {count} 格不是数据标准的写法(Excel 的显示格式或习惯写法),数值可以确定:如这一格“{value}”,标准写法是“{canonical}”',
    fix: '运行 npm run tidy -- {file} 一次改好整张表(只改写法,数值不变),再运行 npm run check',
  },
  // ── cross-row and cross-table rules (src/lib/validate/rules/) ───────────────
  'duplicate-id': {
    title: '编号重复',
    scope: '跨行规则',
    message: '编号“{id}”重复,第 {firstLine} 行已用过',
    fix: '每行用不同的编号;若是同一条记录录了两次,删去这一行',
  },
  ref: {
    title: '指向不存在的记录',
    scope: '跨行规则',
    message: '“{id}”在{targetTitle}({target}.csv)中不存在',
    fix: '改成{targetTitle}里已有的编号,或先在 data/{target}.csv 中添加这一行',
  },
  'future-date': {
    title: '日期晚于数据日期',
    scope: '跨行规则',
    message: '日期 {value} 晚于数据日期 {asOf}',
    fix: '检查年份是否写错;数据日期是 data/dataset.json 中的 as_of',
  },
  'future-year': {
    title: '年份晚于数据日期',
    scope: '跨行规则',
    message: '年份 {value} 晚于数据日期 {asOf}',
    fix: '这一列记的是已经发生的事:检查年份是否写错;数据日期是 data/dataset.json 中的 as_of',
  },
  'term-order': {
    title: '任期结束早于开始',
    scope: '跨行规则',
    message: '任期结束 {end} 早于任期开始 {start}',
    fix: '核对任期起止日期,结束日期不能早于开始日期',
  },
  'term-overlap': {
    title: '届次任期重叠',
    scope: '跨行规则',
    message: '任期 {start} 至 {end} 与第 {otherLine} 行的“{other}”({otherStart} 至 {otherEnd})重叠',
    fix: '同一小区各届任期不能重叠;核对上一届的结束日期和这一届的开始日期',
  },
  'contract-order': {
    title: '合同结束早于开始',
    scope: '跨行规则',
    message: '结束日期 {end} 早于开始日期 {start}',
    fix: '核对合同起止日期,结束日期不能早于开始日期',
  },
  'contract-overlap': {
    title: '服务合同重叠',
    scope: '跨行规则',
    message: '合同期 {start} 至 {end} 与第 {otherLine} 行的“{other}”({otherStart} 至 {otherEnd})重叠',
    fix: '同一小区同一时间只能有一份物业服务合同;核对旧合同的结束日期和新合同的开始日期',
  },
  'ledger-negative': {
    title: '维修资金余额为负',
    scope: '跨行规则',
    message: '记入这一笔后余额为 {balance} 元,维修资金不能为负',
    fix: '核对这笔支出的金额和日期,或补录之前漏记的收入',
  },
  'ledger-balance': {
    title: '余额与流水不符',
    scope: '跨行规则',
    message: '写明的余额 {stated} 元与按流水累计的 {running} 元不符',
    fix: '按银行对账单核对这一行及之前各行的金额;流水只能追加,错账用“冲正”行更正',
  },
  'ledger-approval': {
    title: '支出缺少表决依据',
    scope: '跨行规则',
    message: '支出缺少表决依据',
    fix: '填写授权这笔支出的业主大会表决或决议(民法典第二百七十八条)',
  },
  'ledger-category': {
    title: '收支与类别不符',
    scope: '跨行规则',
    message: '“{direction}”不能用类别“{category}”',
    fix: '收入只用:{inflow};支出只用:{outflow}',
  },
  'ledger-reversal': {
    title: '冲正信息不全',
    scope: '跨行规则',
    message: '冲正行没有填写「{title}」({column})',
    fix: '冲正行要写明冲正对象(被更正那一行的流水编号)和冲正原因',
  },
  'honour-recipient': {
    title: '荣誉获得者不明',
    scope: '跨行规则',
    message: '获得者类型为“{kind}”,但没有填写「{title}」({column})',
    fix: '获得者类型为“{kind}”时必须填写「{title}」',
  },
  'evaluation-subject': {
    title: '测评对象不明',
    scope: '跨行规则',
    message: '测评对象为“{kind}”,但没有填写「{title}」({column})',
    fix: '测评对象为“{kind}”时必须填写「{title}」',
  },
  'rank-range': {
    title: '排名大于参评数',
    scope: '跨行规则',
    message: '排名 {rank} 大于参评数 {rankOf}',
    fix: '核对排名和参评数',
  },
  'fee-announce-order': {
    title: '公示晚于执行',
    scope: '跨行规则',
    message: '公示日期 {announced} 晚于执行日期 {effective}',
    fix: '收费标准须先公示后执行;核对两个日期',
  },
  'commitment-met-on': {
    title: '已完成缺少完成日期',
    scope: '跨行规则',
    message: '进展为“已完成”,但没有填写完成日期',
    fix: '填写「完成日期」(met_on),或把进展改为实际情况',
  },
  // ── MDX front matter ───────────────────────────────────────────────────────
  'front-matter-missing': {
    title: '缺少 front matter',
    scope: 'MDX',
    message: '文件开头没有 --- 包围的 front matter',
    fix: '在文件第一行写 ---,接着写各字段,再以 --- 结束;可用 npm run new 生成模板',
  },
  'front-matter-yaml': {
    title: 'front matter 不是合法 YAML',
    scope: 'MDX',
    message: 'front matter 不是合法的 YAML:{reason}',
    fix: '每行写成“字段: 值”,冒号后留一个空格;含冒号或引号的值整个用英文双引号括起来',
  },
  'front-matter-field': {
    title: 'front matter 字段有误',
    scope: 'MDX',
    message: '{what}',
    fix: '{how}',
  },
  'front-matter-unknown': {
    title: 'front matter 未知字段',
    scope: 'MDX',
    message: '未知字段“{key}”',
    fix: '删去该字段或改成以下之一:{allowed}',
  },
  'attachment-missing': {
    title: '附件文件不存在',
    scope: 'MDX',
    message: '附件“{title}”的文件 {file} 不存在(应放在 {expected})',
    fix: '把文件放到 {expected},或把 file 改成已有文件的路径(/files/ 之后的部分与 public/files/ 下的路径一致,大小写也要一致)',
  },
  'attachment-type': {
    title: '附件类型不对',
    scope: 'MDX',
    message: '附件“{title}”的文件 {file} 实际是 {actual},不是 {expected}',
    fix: '附件只收 PDF、PNG、JPEG:Word、Excel、WPS 文件请先“另存为 PDF”,微信图片请另存为 JPEG;扩展名要与文件内容一致(.pdf、.png、.jpg)',
  },
  'attachment-size': {
    title: '附件太大',
    scope: 'MDX',
    message: '附件“{title}”的文件 {file} 有 {size},超过 {limit} 的上限',
    fix: '居民多用手机流量查看:扫描件用 150 dpi 黑白另存为 PDF,照片缩小到 2000 像素宽再上传;内容太多时拆成几个附件',
  },
  // ── privacy guard (src/lib/validate/privacy, rules/privacy.ts) ──────────────
  'correction-column': {
    title: '更正的列不存在',
    scope: '跨行规则',
    message: '“{column}”不是{table}可更正的列',
    fix: '填写{table}的列名之一:{allowed}',
  },
  'correction-stale': {
    title: '更正值与原表不一致',
    scope: '跨行规则',
    message: '更正值“{value}”与{table}中 {id} 的{column}现值“{now}”不一致',
    fix: '先在原表中改好这一格,再把更正值写成与原表完全相同的内容',
  },
  'privacy-mobile': {
    title: '个人手机号码',
    scope: '单元格',
    message: '疑似个人手机号码“{value}”',
    fix: '删除:公示个人只写姓名、职务和荣誉;若确是单位公开的办公电话或服务热线,在 data/privacy_allow.csv 登记文件、行编号、原值和理由',
  },
  'privacy-id': {
    title: '身份证号码',
    scope: '单元格',
    message: '居民身份证号码“{value}”(GB 11643 校验位有效)',
    fix: '删除身份证号码:任何情况下都不公示,也不能登记放行',
  },
  'privacy-id-old': {
    title: '旧版身份证号码',
    scope: '单元格',
    message: '疑似 15 位旧版身份证号码“{value}”(含有效的出生日期)',
    fix: '删除;若确实不是身份证号(如单据编号),在 data/privacy_allow.csv 登记并写明是什么',
  },
  'privacy-bank-card': {
    title: '银行卡号',
    scope: '单元格',
    message: '银行卡号“{value}”(Luhn 校验有效)',
    fix: '删除个人银行卡号;业委会或维修资金的对公账户如需公示,在 data/privacy_allow.csv 登记并写明理由',
  },
  'privacy-long-digits': {
    title: '长数字串',
    scope: '单元格',
    message: '16–19 位长数字串“{value}”,可能是银行卡号或账号',
    fix: '删除;若是公开的对公账号或单据编号,在 data/privacy_allow.csv 登记并写明是什么',
  },
  'privacy-email': {
    title: '个人电子邮箱',
    scope: '单元格',
    message: '电子邮箱“{value}”,可能属于个人',
    fix: '删除个人邮箱;单位的公开邮箱(如业委会办公室邮箱)在 data/privacy_allow.csv 登记并写明理由',
  },
  'privacy-room': {
    title: '房号',
    scope: '单元格',
    message: '出现具体到户的房号“{value}”',
    fix: '删去房号,只写小区或楼栋(如“3号楼”):公示个人只写姓名、职务和荣誉;确是公开的办公地址(如居委会办公室),在 data/privacy_allow.csv 登记文件、行编号、原值和理由',
  },
  'privacy-allow-unused': {
    title: '放行登记找不到原值',
    scope: '行',
    message: '放行登记的原值“{value}”在 {file}{where} 中找不到',
    fix: '删除这一行登记,或更正文件、行编号和原值(须与原文一字不差)',
  },
  'privacy-allow-id': {
    title: '身份证号码不能放行',
    scope: '行',
    message: '放行登记的原值是身份证号码,或是原文中某个身份证号码的一部分',
    fix: '删除这一行登记,并删除原文中的身份证号码:身份证号码任何情况下都不公示',
  },
  'privacy-allow-partial': {
    title: '放行登记不是一个完整号码',
    scope: '行',
    message: '放行登记的原值“{value}”不是一个完整的电话、邮箱、账号或房号',
    fix: '原值照原文一字不差地写完整的一个号码或地址(如 021-5555-0100),不要只写一段,也不要一行写两个',
  },
  // ── MDX content: documents, not programs (src/lib/mdx, rules/mdx-compile.ts, content-names.ts) ──
  'mdx-esm': {
    title: 'MDX 中的 import/export',
    scope: 'MDX',
    message: '“{code}”是程序语句:文章是内容,发布时不能运行代码',
    fix: '删去这一行;数字和名单请写进 data/ 的表,排版用 Markdown(# 标题、- 列表、| 表格 |)',
  },
  'mdx-expression': {
    title: 'MDX 中的花括号代码',
    scope: 'MDX',
    message: '花括号里的“{code}”会被当成代码在发布时运行',
    fix: '直接写出文字和数字;要显示花括号本身,在前面加反斜杠写成 \\{',
  },
  'mdx-component': {
    title: 'MDX 中的组件',
    scope: 'MDX',
    message: '<{name}> 是组件,文章里不能使用组件',
    fix: '删去该组件,改用 Markdown 排版;若本意是文字,把 < 写成 \\<',
  },
  'mdx-html-tag': {
    title: '不允许的 HTML 标签',
    scope: 'MDX',
    message: 'HTML 标签 <{tag}> {what}',
    fix: '删去这个标签:文章里不能有脚本、样式、内嵌网页;排版用 Markdown 或常见标签(p、br、strong、em、table、ul、ol、details 等)',
  },
  'mdx-html-attribute': {
    title: '不允许的 HTML 属性',
    scope: 'MDX',
    message: '<{tag}> 的属性 {attribute}“{value}”会被删去',
    fix: '{how}',
  },
  'mdx-image-foreign': {
    title: '图片不在本网站',
    scope: 'MDX',
    message: '图片“{url}”不是本网站的文件:公示页面只显示本站的图片,不向其他网站发出请求',
    fix: '把图片文件下载后放到 public/images/ 下,写成 ![说明](/images/文件名)',
  },
  'mdx-image-relative': {
    title: '图片写成了相对路径',
    scope: 'MDX',
    message: '图片“{url}”写的是相对于文章的路径:网站不发布文章旁边的文件,公示页面上这张图会显示不出来',
    fix: '把图片文件放到 public{dir} 下(或 public/images/ 下),路径写成以 / 开头的网站路径,如 {site}',
  },
  'mdx-link-unsafe': {
    title: '链接地址不安全',
    scope: 'MDX',
    message: '链接“{url}”不是网页、邮箱或电话地址',
    fix: '链接只能以 https://、http://、mailto:、tel: 开头,或是本站路径(以 / 开头)',
  },
  'mdx-file-missing': {
    title: '引用的文件不存在',
    scope: 'MDX',
    message: '引用的{what}“{url}”不存在(应在 {path})',
    fix: '把文件放到 public/ 下(图片放 public/images/,附件放 public/files/),链接写成以 / 开头的路径,如 /files/文件名.pdf;核对文件名的大小写',
  },
  'mdx-lt': {
    title: 'MDX 中的小于号',
    scope: 'MDX',
    message: '“<”后面不是 HTML 标签:MDX 把 < 当作标签的开头',
    fix: '要写小于号,在前面加反斜杠写成 \\<(如 收缴率 \\<90%),或改写成“低于”',
  },
  'mdx-brace': {
    title: 'MDX 中未配对的花括号',
    scope: 'MDX',
    message: '“{”没有配对的“}”:MDX 把花括号当作代码',
    fix: '要写花括号本身,在前面加反斜杠写成 \\{',
  },
  'mdx-unclosed': {
    title: 'HTML 标签没有结束',
    scope: 'MDX',
    message: '标签 <{tag}> 没有结束标签',
    fix: '写成自闭合的 <{tag} />(br、img、hr 都要这样写),或补上结束标签 </{tag}>;若本意是文字,写成 \\<{tag}>',
  },
  'mdx-closing': {
    title: 'HTML 结束标签不对应',
    scope: 'MDX',
    message: '结束标签 </{tag}> 没有对应的开始标签',
    fix: '检查标签是否成对,开始和结束标签的名字要相同',
  },
  'mdx-comment': {
    title: 'MDX 中的 HTML 注释',
    scope: 'MDX',
    message: 'HTML 注释 <!-- … --> 在 MDX 中不能使用',
    fix: '删去注释,或写成 {/* 注释 */}',
  },
  'mdx-syntax': {
    title: 'MDX 语法错误',
    scope: 'MDX',
    message: '这一处的 MDX 写法有误,文章无法排版(排版程序的英文原话:{reason})',
    fix: '检查这一处的 < > { } 等符号是否成对;要写这些符号本身,在前面加反斜杠 \\',
  },
  'content-file-name': {
    title: '文章文件名不能作网址',
    scope: 'MDX',
    message: '文件名“{name}”不能作网址:只能用小写字母、数字和连字符“-”,扩展名为 .mdx,直接放在 {collection} 文件夹里',
    fix: '改名为 {suggestion}(文件名就是文章的网址;中文写成拼音)',
  },
  'content-duplicate': {
    title: '文章网址重复',
    scope: 'MDX',
    message: '与 {other} 的网址相同(/{collection}/{slug}/),发布时只会留下一篇',
    fix: '改名其中一篇(文件名就是网址),或删去重复的一篇',
  },
  // ── ledger integrity (src/lib/validate/ledger, rules/ledger-*.ts) ──────────
  'ledger-edited': {
    title: '已发布的流水被修改',
    scope: '跨行规则',
    message: '流水 {id} 的{column}在上次发布({base})后被修改:原为“{before}”,现为“{after}”',
    fix: '维修资金流水只能追加:恢复原值,另加一行“冲正”冲销原记录(写明冲正对象和原因),再追加正确的记录',
  },
  'ledger-deleted': {
    title: '已发布的流水被删除',
    scope: '跨行规则',
    message: '流水 {id}(上次发布 {base} 时在第 {line} 行)被删除',
    fix: '恢复这一行;要更正请追加一行“冲正”,不要删除或改编号',
  },
  'ledger-reversal-mismatch': {
    title: '冲正与原记录不对应',
    scope: '跨行规则',
    message: '冲正行与被冲正的流水 {target} 不对应:{what}',
    fix: '冲正行应指向它之前的一笔普通流水(不能是另一条冲正行),与原记录同属一个小区、金额相同、收支方向相反;每笔记录只能冲正一次',
  },
  'ledger-backdated': {
    title: '新流水早于已发布流水',
    scope: '跨行规则',
    message: '新流水 {id} 的日期 {date} 排在该小区上次发布({base})的最后一笔 {lastId}({lastDate})之前',
    fix: '新的流水只能接在已发布的流水之后:核对日期;若确是漏记的旧账,在「补记原因」(late_reason)列写明为什么补记,页面会把它标为“补记”',
  },
  'ledger-chain': {
    title: '已发布流水的哈希链对不上',
    scope: '跨行规则',
    message: '{compound} 上次发布({base})时的 {count} 笔流水,现在重新计算的哈希链末端 {now} 与当时的 {then} 不同',
    fix: '已发布的流水被改动、删除或改了日期顺序:恢复原样(同时报告的修改或删除就是原因);更正只能追加“冲正”行',
  },
  'ledger-base-missing': {
    title: '找不到发布基准',
    scope: '文件',
    message: '指定的上次发布版本“{rev}”找不到({reason}),无法确认维修资金流水只追加',
    fix: '写上次发布的标签或提交,如 npm run check -- --base published;CI 中检出时要带上标签(fetch-depth: 0)',
  },
  'ledger-amount': {
    title: '流水金额不是正数',
    scope: '单元格',
    message: '金额 {value} 元不是正数',
    fix: '金额一律写正数,收入或支出由“收支”列区分;冲销一笔错账请追加“冲正”行',
  },
  'allocation-basis': {
    title: '分摊缺少依据',
    scope: '行',
    message: '{building} 的分摊既没写户数也没写面积',
    fix: '在“分摊户数”或“分摊面积”填写这一份按什么分摊(至少填一项)',
  },
  'allocation-compound': {
    title: '分摊与流水不属同一小区',
    scope: '跨行规则',
    message: '流水 {ledger} 属于小区 {expected},这一行却写的是 {value}',
    fix: '把“小区”改为 {expected},或改正“维修资金支出流水”编号',
  },
  'allocation-target': {
    title: '分摊对象不是支出',
    scope: '跨行规则',
    message: '流水 {ledger} 不是一笔维修支出(是收入或冲正行),不能分摊',
    fix: '“维修资金支出流水”填写被分摊的那一笔“支出”流水的编号',
  },
  'allocation-duplicate': {
    title: '同一楼栋重复分摊',
    scope: '跨行规则',
    message: '{building} 在流水 {ledger} 的分摊中出现了两次(第 {first} 行已有)',
    fix: '同一笔支出中每个楼栋只写一行,把两行合并',
  },
  'allocation-sum': {
    title: '分摊合计与支出不符',
    scope: '跨行规则',
    message: '流水 {ledger} 的分摊合计 {total} 元,与支出金额 {amount} 元相差 {difference} 元',
    fix: '逐行核对分摊金额(精确到分),使合计等于该笔支出;漏了楼栋就补一行',
  },
  'ledger-reconcile': {
    title: '年度收支不平',
    scope: '跨行规则',
    message:
      '{compound} {year} 年:年初 {opening} + 收入 {inflows} − 支出 {outflows} 不等于年末 {closing}(金额超出可精确计算的范围)',
    fix: '核对这一年各行金额的位数(金额以元为单位,最多两位小数)',
  },
  // ── npm run import: a staff sheet merged into a table (scripts/staff/import/) ─
  'import-columns-missing': {
    title: '表格缺少必填列',
    scope: '导入',
    message: '表格缺少 {count} 个必填列:{columns}',
    fix: '在表头加上这些列:{titles},并在每一行填写(列的顺序不限)',
  },
  'import-ref-unknown': {
    title: '找不到引用的记录',
    scope: '导入',
    message: '{target}表里没有编号、名称是“{value}”的记录{guess}',
    fix: '改成{target}表里已有的编号或名称;如果是新的记录,先把它加进{target}表({file})',
  },
  'import-ref-zeros': {
    title: '编号的前导 0 被 Excel 吃掉',
    scope: '导入',
    message: '{target}表里没有编号“{value}”,但有“{id}”:像是 Excel 把编号里数字前面的 0 吃掉了',
    fix: '改成“{id}”,并把这一列的单元格格式设为“文本”,免得 Excel 再去掉前导 0',
  },
  'import-ref-ambiguous': {
    title: '名称对应多条记录',
    scope: '导入',
    message: '“{value}”在{target}表里对应 {count} 条记录:{candidates},不知道是哪一条',
    fix: '不要写名称,写其中一条的编号:{ids}',
  },
  'import-delete-marker': {
    title: '删除标记写法不对',
    scope: '导入',
    message: '“{column}”列写的是“{value}”,这一列只认“删除”或留空',
    fix: '要删除这一行写“删除”;不删除就清空这个单元格',
  },
  'import-delete-unknown': {
    title: '要删除的行不存在',
    scope: '导入',
    message: '标了删除的编号“{id}”在{target}表里没有{guess}',
    fix: '核对编号;这一行本来就不在表里的话,把整行删掉',
  },
  'import-delete-no-id': {
    title: '要删除的行没写编号',
    scope: '导入',
    message: '这一行标了删除,却没有填写“{title}”,不知道要删除哪一行',
    fix: '在“{title}”列填写要删除的那一行的编号',
  },
  'import-row-twice': {
    title: '同一编号在表格里出现两次',
    scope: '导入',
    message: '编号“{id}”在表格第 {first} 行已经出现过',
    fix: '同一条记录只写一行:把两行合并成一行,或给其中一行换一个新编号',
  },
  'import-ledger-edited': {
    title: '表格改动了已发布的流水',
    scope: '导入',
    message: '流水 {id} 已发布,“{title}”是“{before}”,表格里却是“{after}”',
    fix: '维修资金流水只追加、不修改:把这一格改回“{before}”;要更正请追加一行“冲正”',
  },
  'import-ledger-delete': {
    title: '表格要删除已发布的流水',
    scope: '导入',
    message: '{what}',
    fix: '维修资金流水只追加、不删除:去掉删除标记(或 --replace),要更正请追加一行“冲正”',
  },
  'import-existing-unreadable': {
    title: '现有数据文件读不出来',
    scope: '导入',
    message: '要合并进去的 {file} 第 {line} 行读不出来:{what}',
    fix: '先运行 npm run check 把 {file} 改好,再导入',
  },
} as const satisfies Record<string, CatalogueEntry>;

export type IssueKind = keyof typeof entries;
export const CATALOGUE: Readonly<Record<IssueKind, CatalogueEntry>> = entries;
export const ISSUE_KINDS = Object.keys(entries) as IssueKind[];

export type Vars = Readonly<Record<string, string | number>>;

function fill(template: string, vars: Vars): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = vars[name];
    return v === undefined ? whole : String(v);
  });
}

/** The message and fix of a kind, with its placeholders filled. */
export function describe(kind: IssueKind, vars: Vars = {}): Pick<DataIssue, 'kind' | 'message' | 'fix'> {
  const e = CATALOGUE[kind];
  return { kind, message: fill(e.message, vars), fix: fill(e.fix, vars) };
}

/** A located issue of a catalogue kind. */
export function issue(
  kind: IssueKind,
  at: Pick<DataIssue, 'file' | 'line' | 'column' | 'columnName'>,
  vars: Vars = {},
): DataIssue {
  return { ...at, ...describe(kind, vars) };
}

/** Sort issues by file, line, column, then message, so output is stable. */
export function sortIssues(issues: readonly DataIssue[]): DataIssue[] {
  return [...issues].sort(
    (a, b) => cmp(a.file, b.file) || a.line - b.line || a.column - b.column || cmp(a.message, b.message),
  );
}
