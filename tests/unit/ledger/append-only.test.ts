import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareLedgers } from '../../../src/lib/validate/ledger/append-only.ts';
import { readBaseFile } from '../../../src/lib/validate/ledger/git-base.ts';
import { parseCsv } from '../../../src/lib/dataset/read-csv.ts';
import { columnsOf } from '../../../src/lib/schema/tables.ts';

const COLUMNS = columnsOf('fund_ledger').map((c) => ({ name: c.name, title: c.meta.title }));
const HEADER = COLUMNS.map((c) => c.name).join(',');
const ROW1 = 'demo-lanting-0001,demo-lanting,2019-03-01,收入,首期归集,1200000.00,,首期归集,,,,demo,';
const ROW2 =
  'demo-lanting-0002,demo-lanting,2021-05-10,支出,电梯,386000.00,,1号楼电梯更新,2021年第一次业主大会表决通过,,,demo,';
const ROW3 =
  'demo-lanting-0003,demo-lanting,2021-06-02,收入,冲正,386000.00,,冲正 0002,,demo-lanting-0002,重复入账,demo,';

function rows(...lines: string[]) {
  const t = parseCsv(new TextEncoder().encode([HEADER, ...lines, ''].join('\n')), 'data/fund_ledger.csv', COLUMNS);
  expect(t.issues).toEqual([]);
  return t.rows;
}

describe('compareLedgers', () => {
  it('accepts appended rows and money written differently but equal', () => {
    expect(compareLedgers(rows(ROW1, ROW2), rows(ROW1.replace('1200000.00', '1200000'), ROW2, ROW3))).toEqual([]);
  });

  it('reports an edited cell at the row and column, with before and after', () => {
    const edited = ROW2.replace('386000.00', '368000.00');
    expect(compareLedgers(rows(ROW1, ROW2), rows(ROW1, edited, ROW3))).toEqual([
      { kind: 'edited', id: 'demo-lanting-0002', line: 3, column: 'amount', before: '386000.00', after: '368000.00' },
    ]);
  });

  it('reports a deleted row at its line in the base version', () => {
    expect(compareLedgers(rows(ROW1, ROW2), rows(ROW2, ROW3))).toEqual([
      { kind: 'deleted', id: 'demo-lanting-0001', line: 2, column: '-', before: '', after: '' },
    ]);
  });

  it('treats a renamed id as a deletion (the new id is a new row)', () => {
    const renamed = ROW1.replace('demo-lanting-0001', 'demo-lanting-0009');
    expect(compareLedgers(rows(ROW1), rows(renamed)).map((c) => c.kind)).toEqual(['deleted']);
  });
});

describe('readBaseFile', () => {
  const git = (dir: string, ...args: string[]) =>
    execFileSync('git', ['-C', dir, ...args], {
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 't',
        GIT_AUTHOR_EMAIL: 't@t',
        GIT_COMMITTER_NAME: 't',
        GIT_COMMITTER_EMAIL: 't@t',
      },
    });

  it('says it could not run outside a git repository', () => {
    const dir = mkdtempSync(join(tmpdir(), 'no-git-'));
    const r = readBaseFile(dir, 'data/fund_ledger.csv');
    expect(r.ok).toBe(false);
    expect(r.ok === false && r.reason).toMatch(/不在 git 仓库中/);
  });

  it('reads the file at the merge base with main, or at an explicit base', () => {
    const dir = mkdtempSync(join(tmpdir(), 'git-base-'));
    git(dir, 'init', '-q', '-b', 'main');
    mkdirSync(join(dir, 'data'));
    writeFileSync(join(dir, 'data/fund_ledger.csv'), `${HEADER}\n${ROW1}\n`);
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'one');
    const first = git(dir, 'rev-parse', 'HEAD').trim();
    git(dir, 'checkout', '-q', '-b', 'edit');
    writeFileSync(join(dir, 'data/fund_ledger.csv'), `${HEADER}\n${ROW1}\n${ROW2}\n`);
    git(dir, 'commit', '-q', '-am', 'two');

    const byDefault = readBaseFile(dir, 'data/fund_ledger.csv');
    expect(byDefault).toMatchObject({ ok: true, commit: first });
    expect(new TextDecoder().decode(byDefault.ok ? byDefault.bytes : undefined)).toBe(`${HEADER}\n${ROW1}\n`);

    const explicit = readBaseFile(dir, 'data/fund_ledger.csv', 'HEAD');
    expect(explicit).toMatchObject({ ok: true, rev: 'HEAD' });
    expect(readBaseFile(dir, 'data/absent.csv', 'HEAD')).toMatchObject({ ok: true, bytes: undefined });
    const bad = readBaseFile(dir, 'data/fund_ledger.csv', 'no-such-rev');
    expect(bad).toMatchObject({ ok: false, fatal: { rev: 'no-such-rev' } });
  });

  it('says why when there is no main branch', () => {
    const dir = mkdtempSync(join(tmpdir(), 'git-nomain-'));
    git(dir, 'init', '-q', '-b', 'trunk');
    writeFileSync(join(dir, 'a'), 'a');
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'a');
    const r = readBaseFile(dir, 'data/fund_ledger.csv');
    expect(r.ok === false && r.reason).toMatch(/--base/);
  });
});
