import { LEDGER_CATEGORIES, LEDGER_INFLOW_CATEGORIES } from '../schema/enums.ts';

/**
 * Column titles of the fixed-column tables whose phone labels come from a stylesheet, not from
 * a data-label on every cell (hundreds of cells per compound page repeated them: a tenth of
 * its bytes). Each table's component draws its header from this list, DataTable refuses a
 * header that differs, and /table-labels.css is generated from it: the titles are written once.
 */
const LEDGER = ['日期', '收支', '类别', '摘要', '金额', '余额', '表决依据', '来源'] as const;

export const CSS_LABELLED = {
  ledger: LEDGER,
  // Every entry from one source: it is cited once above the table instead of on every row.
  'ledger-one-source': LEDGER.slice(0, -1),
  'revenue-quarters': ['季度', '收入', '支出', '转入维修资金', '转入占净收益'],
  'collection-rate': ['年度', '收缴率', '应收', '实收'],
  'committee-members': ['姓名', '职务', '党员', '交叉任职'],
  evaluations: ['年度', '测评单位', '得分', '排名', '满意度', '结果', '说明', '来源'],
  cadence: ['事项', '状态', '规定', '情况'],
} as const satisfies Record<string, readonly string[]>;

const INFLOW = new Set<string>(LEDGER_INFLOW_CATEGORIES);
// 冲正 may go either way (validate/rules/fund-ledger.ts): it is on both sides of the list.
const OUTFLOW = LEDGER_CATEGORIES.filter((c) => !INFLOW.has(c) || c === '冲正');

/**
 * Tables whose columns are picked, in order, from a closed list: the fund's flows per year show
 * only the categories a compound's ledger has, an assessment table only the columns its rows fill. DataTable reads the drawn header and gives the
 * table one class per column, `cN-K` (column N is title K of the list, counted from 0): a few
 * bytes per column instead of a data-label on every cell, and the titles are still written once.
 */
export const CSS_LABELLED_PICKED = {
  'fund-flows': [
    '年度',
    ...LEDGER_INFLOW_CATEGORIES.map((c) => `收入·${c}`),
    ...OUTFLOW.map((c) => `支出·${c}`),
    '年末余额',
  ],
  // Rankings, firm and compound assessments: a list leads with the subject, a history with the year.
  'evaluation-rows': ['对象', '年度', '范围', '测评单位', '得分', '排名', '满意度', '结果与说明'],
} as const satisfies Record<string, readonly string[]>;

type PickedTable = keyof typeof CSS_LABELLED_PICKED;
export type CssLabelledTable = keyof typeof CSS_LABELLED | PickedTable;

/** The class DataTable gives such a table; the generated rules select by it. */
export const cssLabelClass = (table: CssLabelledTable) => `cols-${table}`;

const isPicked = (table: CssLabelledTable): table is PickedTable => Object.hasOwn(CSS_LABELLED_PICKED, table);

/**
 * The classes naming a drawn header's columns, or an error when the header is not what the
 * stylesheet names: a fixed table must draw exactly its titles, a picked one titles of its list
 * in the list's order (only those have rules, so a phone would show a wrong or no name).
 */
export function columnClasses(table: CssLabelledTable, header: readonly string[]): string[] {
  const fail = (expected: string) =>
    new Error(`DataTable "${table}": header [${header.join(', ')}] is not ${expected}`);
  if (!isPicked(table)) {
    const titles: readonly string[] = CSS_LABELLED[table];
    if (header.join('\t') !== titles.join('\t')) throw fail(`[${titles.join(', ')}]`);
    return [];
  }
  const list: readonly string[] = CSS_LABELLED_PICKED[table];
  let last = -1;
  return header.map((title, i) => {
    const k = list.indexOf(title);
    if (k <= last) throw fail(`an ordered choice from [${list.join(', ')}]`);
    last = k;
    return `c${i + 1}-${k}`;
  });
}

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
  for (const [table, list] of Object.entries(CSS_LABELLED_PICKED)) {
    // Column N can only show title K when K >= N - 1: the columns keep the list's order.
    list.forEach((title, k) => {
      for (let n = 1; n <= k + 1; n++) {
        rules.push(
          `.${cssLabelClass(table as PickedTable)}.c${n}-${k} tbody tr > :nth-child(${n}) { --col: ${cssString(title)}; }`,
        );
      }
    });
  }
  return `/* Generated from src/lib/views/table-columns.ts at build time. */\n${rules.join('\n')}\n`;
}
