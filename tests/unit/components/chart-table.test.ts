import { describe, expect, it } from 'vitest';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import ChartTable from '../../../src/components/charts/ChartTable.astro';

describe('ChartTable', () => {
  it('renders a hidden canvas above a real table of the same numbers, with the spec as JSON', async () => {
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
    expect(html).toContain('<th scope="row">2020年</th>');
    expect(html).toContain('¥614,000.00');
    // The chart data is a non-executable JSON block with display units (yuan).
    const m = /<script type="application\/json" data-chart-spec>([\s\S]*?)<\/script>/.exec(html);
    expect(m).not.toBeNull();
    const spec = JSON.parse(m![1]!);
    expect(spec).toEqual({
      kind: 'stacked-bar',
      unit: '元',
      labels: ['2019年', '2020年'],
      datasets: [
        { label: '收入·首期归集', data: [1000000, null] },
        { label: '支出·电梯', data: [null, -386000] },
      ],
    });
  });

  it('escapes "<" in the JSON so a label cannot close the script element', async () => {
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
    const json = /data-chart-spec>([\s\S]*?)<\/script>/.exec(html)![1]!;
    expect(json).not.toContain('<');
    expect(JSON.parse(json).labels).toEqual(['</script><b>']);
    expect(html).toContain('92.0%');
  });
});
