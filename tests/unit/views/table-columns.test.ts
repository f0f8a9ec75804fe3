import { describe, expect, it } from 'vitest';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import DataTable from '../../../src/components/common/DataTable.astro';
import { CSS_LABELLED, tableLabelCss } from '../../../src/lib/views/table-columns.ts';

const head = (titles: readonly string[]) =>
  `<thead><tr>${titles.map((t) => `<th scope="col">${t}</th>`).join('')}</tr></thead><tbody><tr><th scope="row">a</th><td>b</td><td></td><td>d</td></tr></tbody>`;

describe('generated table labels', () => {
  it('names every registered column of every table, in order, and nothing else', () => {
    const css = tableLabelCss();
    const rules = [...css.matchAll(/^\.cols-([\w-]+) tbody tr > :nth-child\((\d+)\) \{ --col: '([^']*)：'; \}$/gm)];
    expect(rules).toHaveLength(Object.values(CSS_LABELLED).flat().length);
    for (const [table, titles] of Object.entries(CSS_LABELLED)) {
      const own = rules.filter((r) => r[1] === table);
      expect(own.map((r) => Number(r[2]))).toEqual(titles.map((_, i) => i + 1));
      expect(own.map((r) => r[3])).toEqual([...titles]);
    }
  });

  it('lets DataTable draw a registered table without data-label, and refuses a header that differs', async () => {
    const container = await AstroContainer.create();
    const ok = await container.renderToString(DataTable, {
      props: { caption: '成员名单', columns: 'committee-members' },
      slots: { default: head(CSS_LABELLED['committee-members']) },
    });
    expect(ok).toContain('class="css-labels cols-committee-members"');
    expect(ok).toContain('table-wrap--stack');
    expect(ok).not.toContain('data-label');
    await expect(
      container.renderToString(DataTable, {
        props: { caption: '成员名单', columns: 'committee-members' },
        slots: { default: head(['姓名', '职务', '交叉任职', '党员']) },
      }),
    ).rejects.toThrow(/committee-members/);
  });
});
