import { describe, expect, it } from 'vitest';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import CommitteeCard from '../../../src/components/compound/CommitteeCard.astro';
import type { Row } from '../../../src/lib/schema/tables.ts';

const term: Row<'committees'> = {
  id: 'demo-x-ywh-5',
  compound_id: 'demo-x',
  kind: '业委会',
  term_number: 5,
  term_start: '2021-06-01',
  term_end: '2026-05-31',
  elected_on: '2021-05-16',
  source_id: 'demo',
};
const m = (id: string, name: string, role: Row<'committee_members'>['role'], party?: boolean, cross?: boolean) =>
  ({
    id,
    committee_id: term.id,
    name,
    role,
    party_member: party,
    cross_appointed: cross,
    source_id: 'demo',
  }) satisfies Row<'committee_members'>;

describe('CommitteeCard', () => {
  const members = [
    m('a', '王一', '主任', true, true),
    m('b', '李二', '委员', false, false),
    m('c', '张三', '委员', true),
  ];

  it('shows the term, election, members with role and both shares', async () => {
    const container = await AstroContainer.create();
    const html = await container.renderToString(CommitteeCard, {
      props: { term, members, status: 'current', asOf: '2024-01-01', sourceNumbers: new Map([['demo', 1]]) },
    });
    expect(html).toContain('第5届');
    expect(html).toContain('现任');
    expect(html).toContain('2021年6月1日 — 2026年5月31日');
    expect(html).toContain('2021年5月16日');
    // Columns are named on a phone by the generated /table-labels.css, not on every cell.
    expect(html).toContain('class="css-labels cols-committee-members"');
    expect(html).toMatch(/<th scope="row">王一<\/th>\s*<td>主任<\/td>/);
    // 2 of 3 are party members (all known); cross-appointment known for 2, 1 yes.
    expect(html).toContain('66.7%(3 人中 2 人)');
    expect(html).toContain('50.0%(已公布情况的 2 人中 1 人,共 3 人)');
    expect(html).toContain('href="#source-1"');
    expect(html).not.toContain('任期已届满');
  });

  it('warns when the term has run out', async () => {
    const container = await AstroContainer.create();
    const html = await container.renderToString(CommitteeCard, {
      props: { term, members: [], status: 'expired', asOf: '2026-11-01', sourceNumbers: new Map() },
    });
    expect(html).toContain('任期已届满');
    expect(html).toContain('本届任期已于 2026年5月31日 届满');
    expect(html).toContain('本届成员名单未公开');
    expect(html).toContain('成员名单未公布');
  });
});
