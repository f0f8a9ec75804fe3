/**
 * docs/data-standard.md, rendered from the schemas (tables, columns, MDX front
 * matter) and the issue catalogue. Pure and deterministic: same schemas, same bytes.
 */
import type { z } from 'astro/zod';
import { CONTENT_COLLECTIONS, referencedCollection, type ContentCollectionName } from '../../src/lib/schema/content.ts';
import { columnsOf, TABLE_NAMES, TABLES } from '../../src/lib/schema/tables.ts';
import { CATALOGUE, ISSUE_KINDS, type CatalogueEntry } from '../../src/lib/messages/catalogue.ts';
import { datasetMetaSchema } from '../../src/lib/schema/dataset-meta.ts';

const STANDARD_VERSION = 1;

/** A markdown table cell: no pipes or line breaks may escape it. */
function cell(text: string | undefined): string {
  return (text ?? '').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function row(cells: (string | undefined)[]): string {
  return `| ${cells.map(cell).join(' | ')} |`;
}

function code(s: string): string {
  return `\`${s}\``;
}

const INTRO = `# 公示 gongshi 数据标准 · 第 ${STANDARD_VERSION} 版

> 本文件由 \`npm run docs\` 根据 \`src/lib/schema/\` 中的 zod 模式和 \`src/lib/messages/catalogue.ts\`
> 中的问题目录自动生成,请勿手工修改。测试会比对它与重新生成的结果,保证文档与校验程序一致。
> (Generated from the schemas by \`npm run docs\`; do not edit by hand.)

## 总则

- **文件**:每张表一个 CSV 文件,放在 \`data/\` 下,文件名就是表名(如 \`data/compounds.csv\`)。
  另有 \`data/dataset.json\` 记录全站信息(见下文)。
- **编码**:UTF-8,不带 BOM。Excel 默认另存的 GBK 文件会被拒绝;在 Excel 中“另存为 → CSV UTF-8(逗号分隔)”,
  或运行 \`npm run import -- <文件>\` 转换(也可直接导入 .xlsx)。
- **表头**:第一行是列名,必须与本标准的列名完全一致;列的顺序不限,但不能缺列、多列或重复。
  每行的单元格数必须与表头相同;不要留空行。
- **分隔与引号**:英文逗号分隔;单元格内容含英文逗号、双引号或换行时,整个单元格用英文双引号括起来,
  内容中的双引号写成两个 \`""\`。换行符 LF 或 CRLF 均可。
- **空单元格**表示“没有这项信息”;必填列不能为空。单元格首尾不能有空格。
- **取值**:取值列只能填写本标准列出的中文词(如“专业物业”“业委会”),与工作人员日常用语一致。
  多个取值的列用英文分号 \`;\` 分隔,如 \`保安;保洁\`。“是/否”列填写“是”或“否”。
- **金额**:以“元”为单位填写,不带逗号和货币符号,最多两位小数(如 \`1234.50\`);
  程序把它精确换算为整数“分”保存和计算,从不使用浮点数。
- **日期**:\`YYYY-MM-DD\`(如 \`2023-08-29\`),必须是真实存在的日期。
  个别列(见其“类型/格式”)在来源只给到年或月时照写 \`YYYY\` 或 \`YYYY-MM\`,不编造日子。
  除注明“可晚于数据日期”的列(期限、任期结束、合同结束)外,日期不能晚于 \`data/dataset.json\` 的 \`as_of\`。
- **百分数**:0–100 的数字,不带 % 号。**统一社会信用代码**:18 位,按 GB 32100 校验最后一位。
- **编号(id)**:小写拼音字母、数字和连字符,如 \`dapuqiao-haili-huayuan\`;每表内唯一,发布后不再更改或复用,
  网址(如 \`/compound/<id>/\`)由它生成。指向其他表的列(如 \`compound_id\`)必须填写该表中已有的编号。
- **演示数据**:虚构的小区和企业 \`demo\` 填“是”,并引用类型为“演示数据”的来源;网站在每个含演示数据的页面上注明。
  真实小区绝不附加虚构数字。
- **来源**:每一行都通过 \`source_id\` 指向 \`data/sources.csv\` 中的一条来源(报道、文件或决议)。
- **个人信息**:人员只公布姓名、职务和荣誉;不得出现电话、身份证号、银行账号、门牌号。
- **维修资金流水只追加**:已发布的流水不修改、不删除;错账追加一行“冲正”更正。

发布前运行 \`npm run check\`:它一次列出所有问题,每个问题一行,格式为
\`data/<文件>.csv:<行>:<列> <列名>: <问题> (<改法>)\`,最后一行是问题总数;有任何问题时构建失败,不发布任何内容。
`;

function datasetSection(): string {
  const lines = ['## data/dataset.json', '', row(['字段', '说明']), row(['---', '---'])];
  for (const [key, s] of Object.entries(datasetMetaSchema.shape)) {
    lines.push(row([code(key), (s.meta() as { description?: string } | undefined)?.description]));
  }
  return lines.join('\n');
}

function indexSection(): string {
  const lines = ['## 表一览', '', row(['表', '文件', '中文名', '一行是什么']), row(['---', '---', '---', '---'])];
  for (const name of TABLE_NAMES) {
    const t = TABLES[name];
    lines.push(row([`[${name}](#${name})`, code(`data/${name}.csv`), t.title, t.description]));
  }
  return lines.join('\n');
}

function tableSection(name: (typeof TABLE_NAMES)[number]): string {
  const t = TABLES[name];
  const lines = [
    `### ${name}`,
    '',
    `**${t.title}** · 文件 ${code(`data/${name}.csv`)} · 一行:${t.description}`,
    '',
    row(['列名', '中文', '类型/格式', '必填', '单位', '示例', '说明', '指向']),
    row(['---', '---', '---', '---', '---', '---', '---', '---']),
  ];
  for (const { name: col, meta } of columnsOf(name)) {
    lines.push(
      row([
        code(col),
        meta.title,
        meta.format,
        meta.required ? '是' : '否',
        meta.unit,
        meta.examples[0] === '' ? '' : code(meta.examples[0]),
        meta.description,
        meta.references ? `[${meta.references}](#${meta.references})` : '',
      ]),
    );
  }
  lines.push(
    '',
    `表头:${code(
      columnsOf(name)
        .map((c) => c.name)
        .join(','),
    )}`,
  );
  return lines.join('\n');
}

const ISO_DATE_SOURCE = /^\d{4}-\d{2}-\d{2}$/.source;

type Def = {
  type: string;
  innerType?: z.ZodType;
  element?: z.ZodType;
  out?: z.ZodType;
  entries?: Record<string, string>;
};

function fieldType(s: z.ZodType): string {
  const def = (s as unknown as { _zod: { def: Def } })._zod.def;
  if (def.type === 'optional' || def.type === 'default') return def.innerType ? fieldType(def.innerType) : '';
  // Dates are a preprocess (unquoted YAML timestamps) piped into the string that says the format.
  if (def.type === 'pipe' && def.out) return fieldType(def.out);
  if (def.type === 'array') return `列表:${def.element ? fieldType(def.element) : ''}`;
  if (def.type === 'object') {
    const shape = (s as unknown as { shape: Record<string, z.ZodType> }).shape;
    return `{ ${Object.entries(shape)
      .map(([k, v]) => `${k}: ${fieldType(v)}`)
      .join(',')} }`;
  }
  if (def.type === 'enum') return `取值之一:${Object.values(def.entries ?? {}).join('、')}`;
  if (referencedCollection(s)) return `编号,指向 ${referencedCollection(s)}.csv 的 id`;
  const checks = (s as unknown as { _zod: { def: { checks?: { _zod: { def: { pattern?: RegExp } } }[] } } })._zod.def
    .checks;
  const pattern = (checks ?? []).map((c) => c._zod.def.pattern?.source).find((p) => p?.startsWith('^\\d{4}'));
  if (pattern === ISO_DATE_SOURCE) return '日期 YYYY-MM-DD';
  if (pattern !== undefined) return '日期 YYYY-MM-DD;来源只给到年或月时写 "YYYY" 或 "YYYY-MM"(加引号)';
  return def.type === 'string' ? '文本' : def.type;
}

function contentSection(): string {
  const lines = [
    '## MDX 文章的 front matter',
    '',
    '文章放在 `src/content/<集合>/<编号>.mdx`,文件开头用 `---` 包围 YAML front matter。',
    '日期写成 `date: 2024-03-01` 或 `date: "2024-03-01"`;只有年或年月时必须加引号,如 `published_on: "2019-11"`。',
    '附件(`attachments`)放在 `public/files/<集合>/` 下,只收 PDF、PNG、JPEG,每个不超过 10 MB,`npm run check` 逐个核对。',
    '指向数据表的字段必须填写该表中已有的编号。',
  ];
  for (const collection of Object.keys(CONTENT_COLLECTIONS) as ContentCollectionName[]) {
    lines.push(
      '',
      `### ${collection}`,
      '',
      row(['字段', '必填', '类型/格式', '指向']),
      row(['---', '---', '---', '---']),
    );
    for (const [key, s] of Object.entries(CONTENT_COLLECTIONS[collection].shape as Record<string, z.ZodType>)) {
      const target = referencedCollection(s);
      lines.push(
        row([
          code(key),
          s.safeParse(undefined).success ? '否' : '是',
          fieldType(s),
          target ? `[${target}](#${target})` : '',
        ]),
      );
    }
  }
  return lines.join('\n');
}

function catalogueSection(): string {
  const lines = [
    '## 问题目录',
    '',
    '`npm run check`、构建和 `npm run import` 可能报告的全部问题。“问题”和“改法”中的 `{…}` 在报告中换成具体的值、列名或行号。',
    '跨行规则检查多行或多张表之间的关系。',
    '',
    row(['类别', '代号', '名称', '问题', '改法']),
    row(['---', '---', '---', '---', '---']),
  ];
  const scopes: CatalogueEntry['scope'][] = ['文件', '表头', '行', '单元格', '跨行规则', 'MDX', '导入'];
  for (const scope of scopes) {
    for (const kind of ISSUE_KINDS) {
      const e = CATALOGUE[kind];
      if (e.scope === scope) lines.push(row([scope, code(kind), e.title, e.message, e.fix]));
    }
  }
  return lines.join('\n');
}

export function renderDataStandard(): string {
  const parts = [
    INTRO,
    datasetSection(),
    indexSection(),
    '## 各表的列',
    ...TABLE_NAMES.map(tableSection),
    contentSection(),
    catalogueSection(),
  ];
  return `${parts.join('\n\n')}\n`;
}
