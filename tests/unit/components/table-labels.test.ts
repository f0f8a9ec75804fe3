import { describe, expect, it } from 'vitest';
import { labelCells } from '../../../src/components/common/table-labels.ts';

const table = `<thead><tr><th scope="col">年度</th><th scope="col" class="num">
  得分
</th><th scope="col">结果与<abbr>说明</abbr></th></tr></thead>
<tbody><tr><th scope="row">2024年</th><td class="num">86.5</td><td>末位淘汰</td></tr>
<tr><th scope="row">2025年</th><td colspan="2">未测评</td></tr></tbody>`;

describe('cells named by their column for stacked rows', () => {
  it('labels every body cell with its header text, row headers included', () => {
    const { html, labelled } = labelCells(table);
    expect(labelled).toBe(true);
    expect(html).toContain('<th data-label="年度" scope="row">2024年</th>');
    expect(html).toContain('<td data-label="得分" class="num">86.5</td>');
    expect(html).toContain('<td data-label="结果与说明">末位淘汰</td>');
  });

  it('leaves a cell spanning several columns unnamed, and the header row as it was', () => {
    const { html } = labelCells(table);
    expect(html).toContain('<td colspan="2">未测评</td>');
    expect(html).toContain('<th scope="col">年度</th>');
  });

  it('escapes a header name for the attribute', () => {
    const { html } = labelCells('<thead><tr><th>"甲" & 乙</th></tr></thead><tbody><tr><td>1</td></tr></tbody>');
    expect(html).toContain('<td data-label="&quot;甲&quot; &amp; 乙">1</td>');
  });

  it('does not stack a table without a header row', () => {
    const body = '<tbody><tr><td>1</td></tr></tbody>';
    expect(labelCells(body)).toEqual({ html: body, labelled: false });
  });
});
