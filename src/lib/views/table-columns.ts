/**
 * Column titles of the fixed-column tables whose phone labels come from a stylesheet, not from
 * a data-label on every cell (hundreds of cells per compound page repeated them: a tenth of
 * its bytes). Each table's component draws its header from this list, DataTable refuses a
 * header that differs, and /table-labels.css is generated from it: the titles are written once.
 */
export const CSS_LABELLED = {
  ledger: ['日期', '收支', '类别', '摘要', '金额', '余额', '表决依据', '来源'],
  'revenue-quarters': ['季度', '收入', '支出', '转入维修资金', '转入占净收益'],
  'collection-rate': ['年度', '收缴率', '应收', '实收'],
  'committee-members': ['姓名', '职务', '党员', '交叉任职'],
  evaluations: ['年度', '测评单位', '得分', '排名', '满意度', '结果', '说明', '来源'],
  cadence: ['事项', '状态', '规定', '情况'],
} as const satisfies Record<string, readonly string[]>;

export type CssLabelledTable = keyof typeof CSS_LABELLED;

/** The class DataTable gives such a table; the generated rules select by it. */
export const cssLabelClass = (table: CssLabelledTable) => `cols-${table}`;

const cssString = (s: string) => `'${s.replace(/[\\']/g, '\\$&').replace(/\n/g, '\\a ')}：'`;

/**
 * One custom property per column; global.css shows it before each cell only in the stacked
 * (phone) layout, so the media query and the look are kept in one place.
 */
export function tableLabelCss(): string {
  const rules: string[] = [];
  for (const [table, titles] of Object.entries(CSS_LABELLED)) {
    titles.forEach((title, i) => {
      rules.push(
        `.${cssLabelClass(table as CssLabelledTable)} tbody tr > :nth-child(${i + 1}) { --col: ${cssString(title)}; }`,
      );
    });
  }
  return `/* Generated from src/lib/views/table-columns.ts at build time. */\n${rules.join('\n')}\n`;
}
