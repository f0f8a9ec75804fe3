import { afterEach, describe, expect, it, vi } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkDataset } from '../../../src/lib/validate/index.ts';
import { appendOnlyNote } from '../../../src/lib/validate/rules/ledger-append-only.ts';
import { PUBLISHED_TAG } from '../../../src/lib/validate/ledger/git-base.ts';
import { caseNames, loadCase, located, VALID_DIR } from '../privacy/corpus.ts';

const LEDGER: Record<string, string[]> = {
  'reversal-wrong-amount.fund_ledger.csv': ['data/fund_ledger.csv:7:10 ledger-reversal-mismatch'],
  'reversal-same-direction.fund_ledger.csv': ['data/fund_ledger.csv:7:10 ledger-reversal-mismatch'],
  'reversal-twice.fund_ledger.csv': ['data/fund_ledger.csv:9:10 ledger-reversal-mismatch'],
  'reversal-other-compound.fund_ledger.csv': ['data/fund_ledger.csv:9:10 ledger-reversal-mismatch'],
  'reconcile-beyond-exact-range.fund_ledger.csv': ['data/fund_ledger.csv:2:6 ledger-reconcile'],
};

describe('ledger corpus (reversals, yearly reconciliation)', () => {
  it('has an expectation for every case file', async () => {
    expect(await caseNames('ledger')).toEqual(Object.keys(LEDGER).sort());
  });

  it.each(Object.entries(LEDGER))('%s', async (name, want) => {
    expect(located(await loadCase('ledger', name))).toEqual(want);
  });

  it('explains what does not match', async () => {
    const [wrongAmount] = await loadCase('ledger', 'reversal-wrong-amount.fund_ledger.csv');
    expect(wrongAmount?.message).toContain('金额 900.00 与原记录 9000.00 不同');
    const [twice] = await loadCase('ledger', 'reversal-twice.fund_ledger.csv');
    expect(twice?.message).toContain('已被 demo-lanting-0006 冲正过');
  });
});

describe('append-only against the previous published commit', () => {
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: 't',
    GIT_AUTHOR_EMAIL: 't@t',
    GIT_COMMITTER_NAME: 't',
    GIT_COMMITTER_EMAIL: 't@t',
  };
  const git = (dir: string, ...args: string[]) => execFileSync('git', ['-C', dir, ...args], { env, encoding: 'utf8' });
  const dirs: string[] = [];
  afterEach(async () => {
    vi.restoreAllMocks();
    delete process.env.GONGSHI_LEDGER_BASE;
    for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
  });

  /** The valid fixture committed on main, then a branch "edit" checked out. */
  async function repo(branch = 'main'): Promise<string> {
    const dir = await mkdtemp(path.join(tmpdir(), 'gongshi-append-only-'));
    dirs.push(dir);
    await cp(VALID_DIR, dir, { recursive: true });
    git(dir, 'init', '-q', '-b', branch);
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'published');
    git(dir, 'checkout', '-q', '-b', 'edit');
    return dir;
  }

  async function edit(dir: string, change: (lines: string[]) => string[]) {
    const file = path.join(dir, 'data/fund_ledger.csv');
    const lines = (await readFile(file, 'utf8')).trimEnd().split('\n');
    await writeFile(file, `${change(lines).join('\n')}\n`);
  }

  const ledgerIssues = async (dir: string) =>
    (await checkDataset({ root: dir })).issues.filter((i) => i.kind === 'ledger-edited' || i.kind === 'ledger-deleted');

  it('accepts appended rows', async () => {
    const dir = await repo();
    await edit(dir, (l) => [...l, 'demo-meiyuan-0002,demo-meiyuan,2024-06-01,收入,利息,100.00,,利息,,,,demo']);
    expect(await ledgerIssues(dir)).toEqual([]);
  });

  it('rejects an edited amount at the cell, and a deleted row at its published line, with the fix', async () => {
    const dir = await repo();
    await edit(dir, (l) =>
      l.filter((x) => !x.startsWith('demo-lanting-0003')).map((x) => x.replace(',386000.00,', ',368000.00,')),
    );
    const issues = await ledgerIssues(dir);
    expect(located(issues)).toEqual([
      'data/fund_ledger.csv:3:6 ledger-edited',
      'data/fund_ledger.csv:4:1 ledger-deleted',
    ]);
    expect(issues[0]?.message).toMatch(/demo-lanting-0002 的「金额」\(amount\)在.*原为“386000\.00”,现为“368000\.00”/);
    expect(issues[0]?.fix).toContain('冲正');
    expect(issues[1]?.message).toContain('demo-lanting-0003');
  });

  it('uses --base / GONGSHI_LEDGER_BASE when given', async () => {
    const dir = await repo();
    await edit(dir, (l) => l.map((x) => x.replace('年度利息', '年度利息(更正)')));
    git(dir, 'commit', '-q', '-am', 'edit committed on the branch');
    expect(located(await ledgerIssues(dir))).toEqual(['data/fund_ledger.csv:4:8 ledger-edited']);
    process.env.GONGSHI_LEDGER_BASE = 'HEAD';
    expect(await ledgerIssues(dir)).toEqual([]);
  });

  it('says it could not run (not silently) when there is no base', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const dir = await repo('trunk');
    await edit(dir, (l) => l.slice(0, -1));
    expect(await ledgerIssues(dir)).toEqual([]);
    const notes = warn.mock.calls.map((c) => String(c[0]));
    expect(notes.some((n) => n.startsWith('注意:未能检查维修资金流水是否只追加') && n.includes('--base'))).toBe(true);
    expect(appendOnlyNote('x')).toContain('npm run check -- --base');
  });

  const kinds = async (dir: string) =>
    located((await checkDataset({ root: dir })).issues.filter((i) => i.kind.startsWith('ledger-')));

  /** The valid fixture released on main: committed and tagged `published`, as the publishing workflow does. */
  async function released(): Promise<string> {
    const dir = await mkdtemp(path.join(tmpdir(), 'gongshi-release-'));
    dirs.push(dir);
    await cp(VALID_DIR, dir, { recursive: true });
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'release');
    git(dir, 'tag', PUBLISHED_TAG);
    return dir;
  }

  it('refuses an edit committed to main after a release (the default base is the published tag)', async () => {
    const dir = await released();
    await edit(dir, (l) => l.map((x) => x.replace('年度利息', '年度利息(更正)')));
    git(dir, 'commit', '-q', '-am', 'edit on main');
    expect(await kinds(dir)).toEqual(
      ['data/fund_ledger.csv:4:8 ledger-edited', 'data/fund_ledger.csv:2:1 ledger-chain'].sort(),
    );
  });

  it('refuses new rows dated before the last published row, unless marked as late entries with a reason', async () => {
    const dir = await released();
    // An income and an equal expense back-dated to 2012: every balance still holds; the history does not.
    const pair = (why = '') => [
      `demo-lanting-0007,demo-lanting,2012-03-01,收入,利息,100.00,,2012年利息,,,,demo,${why}`,
      `demo-lanting-0008,demo-lanting,2012-03-02,支出,其他维修,100.00,,维修,2012年业主大会表决通过,,,demo,${why}`,
    ];
    await edit(dir, (l) => [...l, ...pair()]);
    expect(await kinds(dir)).toEqual([
      'data/fund_ledger.csv:9:3 ledger-backdated',
      'data/fund_ledger.csv:10:3 ledger-backdated',
    ]);
    await edit(dir, (l) => [...l.slice(0, -2), ...pair('银行对账时发现漏记')]);
    expect(await kinds(dir)).toEqual([]);
    // Same date as the last published row but an id that sorts before it: still not after it.
    await edit(dir, (l) => [
      ...l.slice(0, -2),
      'demo-meiyuan-0000,demo-meiyuan,2024-02-01,收入,利息,1.00,,利息,,,,demo,',
    ]);
    expect(await kinds(dir)).toContain('data/fund_ledger.csv:9:3 ledger-backdated');
  });

  it('fails, never falls back, when the base asked for does not resolve', async () => {
    const dir = await released();
    process.env.GONGSHI_LEDGER_BASE = 'nonexistent-tag';
    const issues = (await checkDataset({ root: dir })).issues;
    expect(located(issues)).toEqual(['data/fund_ledger.csv:1:1 ledger-base-missing']);
    expect(issues[0]?.message).toContain('nonexistent-tag');
    delete process.env.GONGSHI_LEDGER_BASE;
    const r = spawnSync(
      path.resolve('node_modules/.bin/node'),
      ['scripts/check.ts', '--root', dir, '--base', 'nonexistent-tag'],
      {
        encoding: 'utf8',
      },
    );
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('找不到');
    expect(r.stdout).toContain('nonexistent-tag');
  });

  it('says so, and compares nothing, on main before the first release', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const dir = await repo();
    git(dir, 'checkout', '-q', 'main');
    await edit(dir, (l) => l.slice(0, -1));
    expect(await kinds(dir)).toEqual([]);
    expect(warn.mock.calls.map((c) => String(c[0])).some((n) => n.includes(`还没有发布标签 ${PUBLISHED_TAG}`))).toBe(
      true,
    );
  });
});
