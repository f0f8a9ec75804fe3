/**
 * Merges are left out (their changes are the merged commits'), and a renamed
 * file is a removal and an addition, as before the history was streamed.
 */
import { describe, expect, it } from 'vitest';
import { loadHistory } from '../../../src/lib/history/index.ts';
import { makeRepo } from './repo.ts';

const COMPOUNDS =
  'id,name,district_id,street_id,neighbourhood,address,year_built,households,floor_area_m2,management_mode,demo,source_id,note';

describe('merges and renames', () => {
  it('lists the merged commits, not the merge, and a rename as removed + added', () => {
    const r = makeRepo();
    r.write('data/compounds.csv', `${COMPOUNDS}\na-yuan,甲苑,d,,,,,100,,,是,demo,\n`);
    r.write('src/content/notices/a-old.mdx', '---\ntitle: 公告\n---\n正文\n');
    r.commit('首次发布', '2024-01-05T09:00:00+08:00');
    r.git(['checkout', '-q', '-b', 'side']);
    r.write('data/compounds.csv', `${COMPOUNDS}\na-yuan,甲苑,d,,,,,120,,,是,demo,\n`);
    r.commit('更正甲苑户数(分支)', '2024-02-05T09:00:00+08:00');
    r.git(['checkout', '-q', 'main']);
    r.git(['mv', 'src/content/notices/a-old.mdx', 'src/content/notices/a-new.mdx']);
    r.commit('公告改名', '2024-02-06T09:00:00+08:00');
    r.git(['merge', '-q', '--no-ff', '-m', '合并分支', 'side'], '2024-02-07T09:00:00+08:00');
    const h = loadHistory({ root: r.dir });
    expect(h.available).toBe(true);
    expect(h.commits.map((c) => c.commit.subject).sort()).toEqual(
      ['公告改名', '更正甲苑户数(分支)', '首次发布'].sort(),
    );
    const rename = h.commits.find((c) => c.commit.subject === '公告改名')!;
    expect(rename.content).toEqual([
      { collection: 'notices', id: 'a-new', change: 'added' },
      { collection: 'notices', id: 'a-old', change: 'removed' },
    ]);
    const fix = h.commits.find((c) => c.commit.subject.startsWith('更正'))!;
    expect(fix.rows.map((x) => x.diff)).toEqual([[{ column: 'households', before: '100', after: '120' }]]);
  });
});
