import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import FundLedgerTable from '../../../src/components/compound/FundLedgerTable.astro';
import { runningLedger } from '../../../src/lib/views/compound/fund.ts';
import type { Row } from '../../../src/lib/schema/tables.ts';
import { CSS_LABELLED, tableLabelCss } from '../../../src/lib/views/table-columns.ts';

const e = (
  p: Partial<Row<'fund_ledger'>> & Pick<Row<'fund_ledger'>, 'id' | 'date' | 'direction' | 'category' | 'amount'>,
) =>
  ({
    compound_id: 'demo-x',
    balance: undefined,
    description: '摘要',
    approval: undefined,
    reverses: undefined,
    reason: undefined,
    source_id: 'demo',
    late_reason: undefined,
    ...p,
  }) satisfies Row<'fund_ledger'>;

describe('FundLedgerTable', () => {
  const lines = runningLedger([
    e({ id: 'l1', date: '2019-01-10', direction: '收入', category: '首期归集', amount: 100000000 }),
    e({
      id: 'l2',
      date: '2020-03-15',
      direction: '支出',
      category: '电梯',
      amount: 38600000,
      approval: '2020年第一次业主大会表决通过',
    }),
    e({ id: 'l3', date: '2020-04-01', direction: '支出', category: '屋面', amount: 5, balance: 1 }),
    e({ id: 'l4', date: '2020-05-01', direction: '支出', category: '冲正', amount: 1, reverses: 'l1', reason: '错账' }),
  ]);

  it('prints every entry with signed amount, running balance and approval', async () => {
    const container = await AstroContainer.create();
    const html = await container.renderToString(FundLedgerTable, {
      props: { lines, sourceNumbers: new Map([['demo', 3]]) },
    });
    expect(html).toContain('共4条');
    expect(html).toContain('-¥386,000.00');
    expect(html).toContain('¥614,000.00');
    expect(html).toContain('2020年第一次业主大会表决通过');
    // The 屋面 outflow has no approval; the 冲正 row does not need one.
    expect(html.match(/未注明表决依据/g)).toHaveLength(1);
    // A stated balance that disagrees with the running total is shown, not hidden.
    expect(html).toContain('账面记为 ¥0.01,与累计不符');
    expect(html).toContain('href="#ledger-l1"');
    expect(html).toContain('href="#source-3"');
    // Spending and reversal rows are marked: search indexes only those (integrations/search.ts).
    expect(html.match(/<tr[^>]*class="[^"]*\bout\b/g)).toHaveLength(3);
    expect(html.match(/<tr[^>]*class="[^"]*\breversal\b/g)).toHaveLength(1);
    expect(html).not.toContain('较早的流水未打印');
  });

  it('prints the newest twelve entries, chosen by the stylesheet, and counts the rest', async () => {
    const container = await AstroContainer.create();
    const many = runningLedger(
      Array.from({ length: 14 }, (_, i) =>
        e({
          id: `m${i}`,
          date: `2020-01-${String(i + 1).padStart(2, '0')}`,
          direction: '收入',
          category: '利息',
          amount: 100,
        }),
      ),
    );
    const html = await container.renderToString(FundLedgerTable, { props: { lines: many, sourceNumbers: new Map() } });
    expect(html).toContain('另有 2 条较早的流水未打印');
    // Oldest first, so the newest twelve are the last twelve rows: the print stylesheet hides the others.
    expect(html.indexOf('ledger-m0')).toBeLessThan(html.indexOf('ledger-m13'));
    const print = readFileSync('src/styles/global.css', 'utf8');
    expect(print).toMatch(/\.ledger tbody tr:nth-last-child\(n \+ 13\),[\s\S]*?\{\s*display: none/);
  });

  it('shows a late entry as 补记 with its reason, and no other row so', async () => {
    const container = await AstroContainer.create();
    const late = runningLedger([
      e({ id: 'l1', date: '2019-01-10', direction: '收入', category: '首期归集', amount: 100 }),
      e({
        id: 'l0',
        date: '2018-12-31',
        direction: '收入',
        category: '利息',
        amount: 5,
        late_reason: '银行对账时发现漏记',
      }),
    ]);
    const html = await container.renderToString(FundLedgerTable, { props: { lines: late, sourceNumbers: new Map() } });
    expect(html).toContain('补记:银行对账时发现漏记');
    expect(html.match(/补记/g)).toHaveLength(1);
  });

  it('names its columns on a phone from the generated stylesheet, by position, exactly as its header does', async () => {
    const container = await AstroContainer.create();
    const html = await container.renderToString(FundLedgerTable, { props: { lines, sourceNumbers: new Map() } });
    const header = [...html.matchAll(/<th scope="col"[^>]*>\s*([^<]*?)\s*<\/th>/g)].map((m) => m[1]);
    expect(header).toEqual([...CSS_LABELLED.ledger]);
    expect(html).toMatch(/<table class="ledger css-labels cols-ledger">/);
    const css = tableLabelCss();
    const named = [...css.matchAll(/\.cols-ledger tbody tr > :nth-child\((\d+)\) \{ --col: '([^']*)：'; \}/g)];
    expect(named.map((m) => Number(m[1]))).toEqual(header.map((_, i) => i + 1));
    expect(named.map((m) => m[2])).toEqual(header);
    // The cells themselves carry neither a label nor a class: hundreds of rows would repeat them.
    const body = html.slice(html.indexOf('<tbody'));
    expect(body).not.toMatch(/<td[^>]*(data-label|class)=/);
    expect(html).toContain('table-wrap--stack');
  });

  it('cites a source shared by every entry once, above the table, and keeps the column when sources differ', async () => {
    const container = await AstroContainer.create();
    const header = (html: string) => [...html.matchAll(/<th scope="col"[^>]*>\s*([^<]*?)\s*<\/th>/g)].map((m) => m[1]);
    const one = await container.renderToString(FundLedgerTable, {
      props: { lines, sourceNumbers: new Map([['demo', 3]]) },
    });
    expect(header(one)).toEqual([...CSS_LABELLED['ledger-one-source']]);
    expect(one).toMatch(/<table class="ledger css-labels cols-ledger-one-source">/);
    expect(one.match(/href="#source-3"/g)).toHaveLength(1);
    expect(one.indexOf('全部流水的')).toBeLessThan(one.indexOf('<table'));
    expect(
      one
        .slice(one.indexOf('<tbody'))
        .match(/<tr\b[^>]*>(?:(?!<\/tr>)[\s\S])*<\/tr>/g)!
        .map((r) => r.match(/<td/g)!.length),
    ).toEqual(lines.map(() => 7));
    const mixed = runningLedger([
      ...lines.map((l) => l.entry),
      e({ id: 'l5', date: '2021-01-01', direction: '收入', category: '利息', amount: 1, source_id: 'bank' }),
    ]);
    const two = await container.renderToString(FundLedgerTable, {
      props: {
        lines: mixed,
        sourceNumbers: new Map([
          ['demo', 3],
          ['bank', 4],
        ]),
      },
    });
    expect(header(two)).toEqual([...CSS_LABELLED.ledger]);
    expect(two).not.toContain('全部流水的');
    expect(two.match(/href="#source-3"/g)).toHaveLength(4);
    expect(two.match(/href="#source-4"/g)).toHaveLength(1);
  });
});
