import { describe, expect, it } from 'vitest';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import DataTable from '../../../src/components/common/DataTable.astro';
import { CSS_LABELLED, CSS_LABELLED_PICKED, tableLabelCss } from '../../../src/lib/views/table-columns.ts';

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

  it('names a table of chosen columns by one class per column, and refuses titles off its list or out of order', async () => {
    const container = await AstroContainer.create();
    const list = CSS_LABELLED_PICKED['fund-flows'];
    const chosen = ['年度', '收入·利息', '支出·电梯', '支出·冲正', '年末余额'];
    const html = await container.renderToString(DataTable, {
      props: { caption: '收支', columns: 'fund-flows' },
      slots: { default: head(chosen) },
    });
    const classes = chosen.map((t, i) => `c${i + 1}-${list.indexOf(t as (typeof list)[number])}`);
    expect(html).toContain(`class="css-labels cols-fund-flows ${classes.join(' ')}"`);
    expect(html).not.toContain('data-label');
    // Each class the table carries has the rule naming that column with that title.
    const css = tableLabelCss();
    chosen.forEach((title, i) => {
      expect(css).toContain(`.cols-fund-flows.${classes[i]} tbody tr > :nth-child(${i + 1}) { --col: '${title}：'; }`);
    });
    for (const bad of [
      ['年度', '收入·奖金', '年末余额'],
      ['年度', '支出·电梯', '收入·利息', '年末余额'],
      ['年度', '收入·利息', '收入·利息'],
    ]) {
      await expect(
        container.renderToString(DataTable, {
          props: { caption: '收支', columns: 'fund-flows' },
          slots: { default: head(bad) },
        }),
      ).rejects.toThrow(/fund-flows/);
    }
  });

  it('has a rule for every title at every column it can reach in order, and only those', () => {
    const css = tableLabelCss();
    const list = CSS_LABELLED_PICKED['fund-flows'];
    const rules = [
      ...css.matchAll(/^\.cols-fund-flows\.c(\d+)-(\d+) tbody tr > :nth-child\((\d+)\) \{ --col: '([^']*)：'; \}$/gm),
    ];
    expect(rules).toHaveLength((list.length * (list.length + 1)) / 2);
    for (const [, n, k, child, title] of rules) {
      expect(child).toBe(n);
      expect(title).toBe(list[Number(k)]);
      expect(Number(n)).toBeLessThanOrEqual(Number(k) + 1);
    }
  });
});
