import { describe, expect, it } from 'vitest';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import ChartTable from '../../../src/components/charts/ChartTable.astro';
import { specFromTable, type ChartKind, type ChartTableText } from '../../../src/components/charts/chart-spec.ts';

const cellTexts = (html: string, tag: string) =>
  [...html.matchAll(new RegExp(`<${tag}[^>]*>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => m[1]!.trim());

/** The table as the browser script reads it (mount.ts), from the server's HTML. */
function tableText(html: string): ChartTableText {
  const head = /<thead>([\s\S]*?)<\/thead>/.exec(html)![1]!;
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(html)![1]!;
  return {
    headers: cellTexts(head, 'th').slice(1),
    rows: cellTexts(body, 'tr').map((tr) => ({ label: cellTexts(tr, 'th')[0]!, cells: cellTexts(tr, 'td') })),
  };
}

/** The chart the browser draws from this HTML. */
function drawnSpec(html: string) {
  const attr = (name: string) => new RegExp(`data-chart-${name}="([^"]*)"`).exec(html)?.[1];
  return specFromTable(attr('kind') as ChartKind, attr('unit')!, tableText(html), Number(attr('series')));
}

describe('ChartTable', () => {
  it('renders a hidden canvas above a real table of the same numbers, which the chart is drawn from', async () => {
    const container = await AstroContainer.create();
    const html = await container.renderToString(ChartTable, {
      props: {
        id: 'flows',
        caption: '维修资金收支',
        kind: 'stacked-bar',
        valueKind: 'fen',
        unit: '元',
        labelHeader: '年度',
        labels: ['2019年', '2020年'],
        series: [
          { label: '收入·首期归集', values: [100000000, null] },
          { label: '支出·电梯', values: [null, -38600000] },
        ],
        extraColumns: [{ label: '年末余额', values: ['¥1,000,000.00', '¥614,000.00'] }],
      },
    });
    // Canvas comes first and stays hidden until the script draws it (no-JS readers get the table).
    expect(html.indexOf('<canvas')).toBeGreaterThan(-1);
    expect(html.indexOf('<canvas')).toBeLessThan(html.indexOf('<table'));
    expect(html).toMatch(/class="chart__canvas"[^>]*hidden/);
    expect(html).toContain('aria-label="图表:维修资金收支。数据见下表。"');
    // The table holds exact money text from integer fen.
    expect(html).toContain('¥1,000,000.00');
    expect(html).toContain('-¥386,000.00');
    expect(html).toContain('<th data-label="年度" scope="row">2020年</th>');
    expect(html).toContain('¥614,000.00');
    // No second copy of the numbers: the chart is read from the table, in display units (yuan);
    // the extra column (年末余额) is for reading only.
    expect(html).not.toContain('application/json');
    expect(drawnSpec(html)).toEqual({
      kind: 'stacked-bar',
      unit: '元',
      labels: ['2019年', '2020年'],
      datasets: [
        { label: '收入·首期归集', data: [1000000, null] },
        { label: '支出·电梯', data: [null, -386000] },
      ],
    });
  });

  it('escapes labels like any other text, and reads percentages back as percent', async () => {
    const container = await AstroContainer.create();
    const html = await container.renderToString(ChartTable, {
      props: {
        id: 'x',
        caption: 'c',
        kind: 'bar',
        valueKind: 'bp',
        unit: '%',
        labelHeader: '年度',
        labels: ['</script><b>'],
        series: [{ label: 'r', values: [9200] }],
      },
    });
    expect(html).not.toContain('</script><b>');
    expect(html).toContain('92.0%');
    expect(drawnSpec(html).datasets).toEqual([{ label: 'r', data: [92] }]);
  });
});
