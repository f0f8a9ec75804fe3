/**
 * The bundled fund ledger saved from Excel as "CSV UTF-8" (BOM, CRLF, 2010/6/18, 1650000):
 * checked against the committed ledger it edits nothing (no append-only problem, no
 * 冲正 advice), `npm run check` names the one command, and `npm run tidy` puts the
 * file back byte for byte.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { checkDataset } from '../../../src/lib/validate/index.ts';
import { formatIssue } from '../../../src/lib/schema/labels.ts';
import { tidyTable } from '../../../scripts/staff/tidy.ts';
import { excelResave } from './excel.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const NODE = `${ROOT}node_modules/.bin/node`;
const LEDGER = path.join(ROOT, 'data/fund_ledger.csv');
const dirs: string[] = [];
const env = { GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' };
const git = (dir: string, ...args: string[]) =>
  execFileSync('git', ['-C', dir, ...args], { env: { ...process.env, ...env }, encoding: 'utf8' });

/** The bundled data/ committed in a repository of its own, then the ledger re-saved by Excel. */
async function resavedRepo(): Promise<{ dir: string; original: string; excel: Uint8Array }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'gongshi-excel-'));
  dirs.push(dir);
  await cp(path.join(ROOT, 'data'), path.join(dir, 'data'), { recursive: true });
  await mkdir(path.join(dir, 'src/content'), { recursive: true });
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'published');
  const original = await readFile(LEDGER, 'utf8');
  const excel = excelResave('fund_ledger', original);
  await writeFile(path.join(dir, 'data/fund_ledger.csv'), excel);
  return { dir, original, excel };
}

afterEach(() => {
  delete process.env.GONGSHI_LEDGER_BASE;
});
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('Excel round trip of the fund ledger', () => {
  it('is what Excel writes: BOM, CRLF, slash dates, money without trailing zeros', async () => {
    const { excel } = await resavedRepo();
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(excel);
    expect(text.startsWith('\uFEFFid,')).toBe(true);
    expect(text).toContain('\r\n');
    expect(text).toContain(',2010/6/18,收入,首期归集,1650000,');
  });

  it('has no ledger problem against the committed ledger: only the BOM and the display form, both naming npm run tidy', async () => {
    const { dir } = await resavedRepo();
    process.env.GONGSHI_LEDGER_BASE = 'HEAD';
    const d = await checkDataset({ root: dir });
    expect(d.issues.filter((i) => i.kind.startsWith('ledger-'))).toEqual([]);
    expect(d.issues.map(formatIssue)).toEqual([
      '专项维修资金收支(data/fund_ledger.csv:1:1):文件开头有 BOM 标记(Excel 的“CSV UTF-8”会加上)。改法:运行 npm run tidy -- data/fund_ledger.csv,它去掉 BOM、统一换行并把 Excel 改过的日期和金额写回标准写法(数值不变)',
      '专项维修资金收支(data/fund_ledger.csv:2:3)第 2 行「日期」(date)列:这一列有 145 格不是数据标准的写法(Excel 的显示格式或习惯写法),数值可以确定:如这一格“2010/6/18”,标准写法是“2010-06-18”。改法:运行 npm run tidy -- data/fund_ledger.csv 一次改好整张表(只改写法,数值不变),再运行 npm run check',
    ]);
  });

  it('still reports a real edit hidden in the re-save', async () => {
    const { dir, excel } = await resavedRepo();
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(excel).replace(',1650000,', ',1650001,');
    await writeFile(path.join(dir, 'data/fund_ledger.csv'), text);
    process.env.GONGSHI_LEDGER_BASE = 'HEAD';
    const d = await checkDataset({ root: dir });
    const edited = d.issues.filter((i) => i.kind === 'ledger-edited');
    expect(edited.map((i) => `${i.line}:${i.columnName}:${i.message}`)).toEqual([
      expect.stringMatching(
        /^2:amount:流水 demo-lanting-0001 的「金额」\(amount\)在上次发布\(HEAD = \w+\)后被修改:原为“1650000.00”,现为“1650001.00”$/,
      ),
    ]);
  });

  it('tidies back to the committed bytes, with and without the committed copy to lean on', async () => {
    const { original, excel } = await resavedRepo();
    const committed = new TextEncoder().encode(original);
    for (const base of [committed, undefined]) {
      const r = tidyTable('fund_ledger', excel, base);
      expect(r.ok && r.text === original).toBe(true);
    }
    const r = tidyTable('fund_ledger', excel, committed);
    if (!r.ok) throw new Error(r.reason);
    expect(r.notes).toEqual(['去掉了文件开头的 BOM 标记', '换行符 CRLF 改为 LF']);
    expect(r.columns.map((c) => `${c.column} ${c.count} ${c.line} ${c.before}→${c.after}`)).toEqual([
      'date 145 2 2010/6/18→2010-06-18',
      'amount 74 2 1650000→1650000.00',
      'balance 1 86 2654629.9→2654629.90',
    ]);
  });

  it('keeps the committed text of a value Excel re-displayed, where the standard allows both forms', async () => {
    const original = await readFile(path.join(ROOT, 'data/compounds.csv'), 'utf8');
    expect(original).toContain('41250.50');
    const r = tidyTable('compounds', excelResave('compounds', original), new TextEncoder().encode(original));
    expect(r.ok && r.text === original).toBe(true);
  });

  it('npm run tidy rewrites the file in place, reports per column, and check then passes', async () => {
    const { dir, original } = await resavedRepo();
    const run = (script: string, ...args: string[]) =>
      spawnSync(NODE, [path.join(ROOT, script), ...args], { cwd: dir, encoding: 'utf8' });
    const dry = run('scripts/tidy.ts', 'data/fund_ledger.csv', '--dry-run');
    expect(dry.status).toBe(0);
    expect(dry.stdout).toContain('将会改动(试运行,未写入)');
    expect(await readFile(path.join(dir, 'data/fund_ledger.csv'), 'utf8')).not.toBe(original);
    const r = run('scripts/tidy.ts');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      [
        '专项维修资金收支(data/fund_ledger.csv):已改写为标准写法',
        '  · 去掉了文件开头的 BOM 标记',
        '  · 换行符 CRLF 改为 LF',
        '  · 「日期」(date)列:145 格,如第 2 行“2010/6/18”→“2010-06-18”',
        '  · 「金额」(amount)列:74 格,如第 2 行“1650000”→“1650000.00”',
        '  · 「余额」(balance)列:1 格,如第 86 行“2654629.9”→“2654629.90”',
        '  数值都没有变,只是写法统一;网站的变更记录不会把它们算作修改。',
        '整理了 1 个文件,18 个已是标准写法。接着运行 npm run check。',
        '',
      ].join('\n'),
    );
    expect(await readFile(path.join(dir, 'data/fund_ledger.csv'), 'utf8')).toBe(original);
    expect(git(dir, 'status', '--porcelain')).toBe('');
    const check = run('scripts/check.ts', '--base', 'HEAD');
    expect(check.stdout).toMatch(/^数据检查通过/);
    expect(check.status).toBe(0);
    // Four processes over the whole data/ on a shared machine: a generous limit, never a timing claim.
  }, 240_000);

  it('cleans what the invisible-character message sends staff to it for, and leaves what it cannot read', () => {
    const text =
      'id,name,city,province,source_id\nhuangpu,黄\u200B浦区,上海市,,news-2023\nxuhui,徐汇区,上海市,,News_2023\n';
    const r = tidyTable('districts', new TextEncoder().encode(text));
    if (!r.ok) throw new Error(r.reason);
    expect(r.text).toBe(
      'id,name,city,province,source_id\nhuangpu,黄浦区,上海市,,news-2023\nxuhui,徐汇区,上海市,,News_2023\n',
    );
    expect(r.columns.map((c) => `${c.column} ${c.count}`)).toEqual(['name 1']);
    expect(r.unreadable).toBe(1);
  });

  it('refuses a file it cannot read safely and says why, in Chinese', () => {
    const broken = new TextEncoder().encode('id,name\n"a,b\n');
    const r = tidyTable('districts', broken);
    expect(r.ok).toBe(false);
    const gbk = new Uint8Array([0x69, 0x64, 0x0a, 0xc7, 0xf8, 0x0a]);
    expect(tidyTable('districts', gbk)).toMatchObject({ ok: false, fix: expect.stringContaining('npm run import') });
  });
});
