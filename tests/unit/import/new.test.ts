/** npm run new in a copy of the bundled data: the scaffold is flagged by the check until filled. */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkDataset } from '../../../src/lib/validate/index.ts';
import { appendRow, nextSequenceId } from '../../../scripts/staff/scaffold.ts';

const root = new URL('../../../', import.meta.url).pathname;
let dir: string;

function run(...args: string[]) {
  return spawnSync(path.join(root, 'node_modules/.bin/node'), [path.join(root, 'scripts/new.ts'), ...args], {
    cwd: dir,
    encoding: 'utf8',
  });
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'gongshi-new-'));
  cpSync(path.join(root, 'data'), path.join(dir, 'data'), { recursive: true });
  cpSync(path.join(root, 'src/content'), path.join(dir, 'src/content'), { recursive: true });
});

describe('npm run new', () => {
  it('appends a compound row whose blank required cells the check names, and passes once filled', async () => {
    const r = run('compound', 'demo-xinjian-yuan');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('「小区名称」(name)');
    let ds = await checkDataset({ root: dir });
    const flagged = ds.issues.filter((i) => i.file === 'data/compounds.csv').map((i) => `${i.columnName}:${i.kind}`);
    expect(flagged.sort()).toEqual(['demo:required', 'district_id:required', 'name:required', 'source_id:required']);

    const file = path.join(dir, 'data/compounds.csv');
    const text = readFileSync(file, 'utf8');
    writeFileSync(
      file,
      text.replace(/\ndemo-xinjian-yuan,.*\n$/, '\ndemo-xinjian-yuan,新建苑(演示),demo-yanshi,,,,,,,,是,demo,\n'),
    );
    ds = await checkDataset({ root: dir });
    expect(ds.issues.filter((i) => i.file === 'data/compounds.csv')).toEqual([]);
  });

  it('numbers a ledger entry after the compound’s last one', () => {
    const r = run('ledger', 'demo-lanting');
    expect(r.status).toBe(0);
    const ids = readFileSync(path.join(dir, 'data/fund_ledger.csv'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => l.split(',')[0]!)
      .filter((i) => i.startsWith('demo-lanting-'));
    const last = ids.at(-1)!;
    expect(ids.slice(0, -1)).not.toContain(last);
    expect(Number(last.slice(-4))).toBe(Math.max(...ids.slice(0, -1).map((i) => Number(i.slice(-4)))) + 1);
  });

  it('scaffolds a notice MDX whose empty front matter the check rejects', async () => {
    const r = run('notice', 'demo-lanting-2026-test', '--compound', 'demo-lanting');
    expect(r.status).toBe(0);
    const ds = await checkDataset({ root: dir });
    const flagged = ds.issues
      .filter((i) => i.file === 'src/content/notices/demo-lanting-2026-test.mdx')
      .map((i) => i.columnName);
    expect(flagged).toEqual(expect.arrayContaining(['title', 'kind', 'date', 'summary', 'source']));
    expect(flagged).not.toContain('compound');
  });

  it('refuses duplicate and malformed ids with a plain message', () => {
    const dup = run('compound', 'demo-lanting');
    expect(dup.status).toBe(2);
    expect(dup.stderr).toContain('已经有编号 demo-lanting');
    const bad = run('firm', 'Bad_Id');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('格式不对');
    expect(bad.stderr).not.toContain('    at ');
  });
});

describe('scaffold helpers', () => {
  it('next sequence id and header order of the existing file', () => {
    expect(nextSequenceId('a-b', ['a-b-0001', 'a-b-0009', 'a-bc-0100'])).toBe('a-b-0010');
    const r = appendRow('fee_collection', 'id,compound_id,year,billed,collected,source_id\n', 'x-2025', {
      compound_id: 'x',
    });
    expect(r.text).toBe('id,compound_id,year,billed,collected,source_id\nx-2025,x,,,,\n');
    expect(r.toFill.map((f) => f.name)).toEqual(['year', 'billed', 'collected', 'source_id']);
  });
});
