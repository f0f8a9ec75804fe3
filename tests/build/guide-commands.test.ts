/**
 * Every shell command in the staff guide runs verbatim (`bash -c`, as written, in the
 * guide's order) in a scratch copy of the project, as a staff member would run it: the
 * files it names exist, the blanks `npm run new` leaves are filled the way the guide says,
 * and each command has to have the effect the guide promises. A command added to the guide
 * without a step here fails the first test.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsvText } from '../../scripts/staff/import/csv-text.ts';
import { tableColumns } from '../../src/lib/schema/column-info.ts';
import type { TableName } from '../../src/lib/schema/tables.ts';
import { writeCsv, writeUnicodeText } from '../unit/import/merge-helpers.ts';
import { excelResave, quote } from '../unit/tidy/excel.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const GUIDE = readFileSync(path.join(ROOT, 'docs/staff-guide.zh-CN.md'), 'utf8');
const STACK = /\bat .*\.(ts|js):\d+/;

const SHELL = /^ *```(?:sh|bash|shell|console|zsh)\n([\s\S]*?)^ *```$/gm;

/** The command lines of the guide's shell blocks, in order, exactly as written. */
function guideCommands(): string[] {
  return [...GUIDE.matchAll(SHELL)].flatMap((b) =>
    b[1]!.split('\n').filter((l) => l.trim() && !l.trim().startsWith('#')),
  );
}

let work = '';
let bare = '';
const rel = (f: string) => path.join(work, f);
const bytes = (f: string) => readFileSync(rel(f));
const text = (f: string) => readFileSync(rel(f), 'utf8');
const git = (...args: string[]) => execFileSync('git', ['-C', work, ...args], { encoding: 'utf8' }).trim();
/** The data and content as they stand, to show a command wrote nothing (or something). */
const snapshot = () =>
  git('diff', 'HEAD', '--', 'data', 'src') + git('ls-files', '-o', '--exclude-standard', '--', 'data', 'src');

interface Run {
  status: number;
  out: string;
}
function run(cmd: string): Run {
  const r = spawnSync('bash', ['-c', cmd], { cwd: work, encoding: 'utf8', timeout: 170_000 });
  return { status: r.status ?? -1, out: `${r.stdout}${r.stderr}` };
}

/** The rows of a bundled table (header first), as parsed cells. */
const rows = (table: TableName) => parseCsvText(text(`data/${table}.csv`)).rows.map((r) => r.cells);
const titles = (table: TableName) => tableColumns(table).map((c) => c.title);
const ids = (table: TableName) => rows(table).map((r) => r[0]!);

async function xlsx(name: string, sheet: string, table: TableName, body: string[][]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  ws.addRow(titles(table));
  for (const r of body) ws.addRow(r);
  await wb.xlsx.writeFile(rel(name));
}

/** A bundled row with some cells replaced by column name. */
function derive(table: TableName, id: string, change: Record<string, string>): string[] {
  const [head, ...body] = rows(table);
  const row = [...body.find((r) => r[0] === id)!];
  for (const [col, v] of Object.entries(change)) row[head!.indexOf(col)] = v;
  return row;
}

/** Set cells of one row of a data file by column name; the rest of the file byte for byte. */
function setCells(table: TableName, id: string, values: Record<string, string>, blank = false): void {
  const file = `data/${table}.csv`;
  const lines = text(file).split('\n');
  const head = parseCsvText(lines[0]!).rows[0]!.cells;
  const at = lines.findIndex((l) => l.startsWith(`${id},`));
  const cells = parseCsvText(lines[at]!).rows[0]!.cells;
  for (const [col, v] of Object.entries(values)) {
    expect(head, `${table} has no column ${col}`).toContain(col);
    if (blank) expect(cells[head.indexOf(col)], `${table}.${col} should be blank`).toBe('');
    cells[head.indexOf(col)] = v;
  }
  lines[at] = cells.map(quote).join(',');
  writeFileSync(rel(file), lines.join('\n'));
}
const cell = (table: TableName, id: string, col: string) => derive(table, id, {})[rows(table)[0]!.indexOf(col)]!;

/**
 * Fill a scaffolded row the way the guide tells staff to: every 必填项 `npm run new` listed
 * gets a value (ours where the listed example would clash with the bundled data, else the
 * example it printed).
 */
function fillRow(table: TableName, id: string, printed: string, ours: Record<string, string>): void {
  const asked = [...printed.matchAll(/^ {2}「.+?」\((\w+)\),例如 (.+)$/gm)].map((m) => [m[1]!, m[2]!] as const);
  expect(asked.length, printed).toBeGreaterThan(0);
  setCells(table, id, Object.fromEntries(asked.map(([col, example]) => [col, ours[col] ?? example])), true);
}

const ORIGINAL: Record<string, Buffer> = {};
const resave = (table: TableName) =>
  writeFileSync(rel(`data/${table}.csv`), excelResave(table, ORIGINAL[table]!.toString('utf8')));

/** Inputs each command needs, prepared just before it runs. */
const before: Record<string, () => void | Promise<void>> = {
  'npm run tidy': () => {
    resave('fund_ledger');
    resave('public_revenue');
  },
  'npm run tidy -- data/fund_ledger.csv': () => {
    resave('fund_ledger');
    resave('public_revenue');
  },
  'npm run tidy -- data/fund_ledger.csv --dry-run': () => resave('fund_ledger'),
};

const LEDGER = ['demo-chenguang-gongyu-0020', 'demo-chenguang-gongyu-0021'];
const NEW_COMPOUNDS = ['dapuqiao-jianguo-xincun', 'dapuqiao-ruijin-huayuan'];
const REVENUE = 'demo-guihuayuan-2026q3-changdi';

let dropped = '';
let snap = '';

/** What each command must have done; `r` is its exit status and output. */
const after: Record<string, (r: Run, cmd: string) => void> = {
  // Served, then stopped with Ctrl+C: it leaves the working copy as it found it.
  'npm run staff:cms -- --repo .': () => {
    expect(snapshot()).toBe(snap);
    expect(git('branch', '--list', 'cms/*')).toBe('');
  },
  'npm run staff:apply -- --review': (r) => {
    expect(r.out).toContain(/没有待检查的记录时,它报告“(.+?)”/.exec(GUIDE)![1]);
    expect(snapshot()).toBe(snap);
  },
  'npm run tidy': (r) => {
    expect(bytes('data/fund_ledger.csv').equals(ORIGINAL.fund_ledger!)).toBe(true);
    expect(bytes('data/public_revenue.csv').equals(ORIGINAL.public_revenue!)).toBe(true);
    expect(r.out).toContain('data/fund_ledger.csv');
  },
  'npm run tidy -- data/fund_ledger.csv': () => {
    expect(bytes('data/fund_ledger.csv').equals(ORIGINAL.fund_ledger!)).toBe(true);
    // Only the file named: the other re-saved table keeps Excel's writing.
    expect(text('data/public_revenue.csv').startsWith('\uFEFF')).toBe(true);
    writeFileSync(rel('data/public_revenue.csv'), ORIGINAL.public_revenue!);
  },
  'npm run tidy -- data/fund_ledger.csv --dry-run': (r) => {
    expect(r.out).toContain('--dry-run');
    expect(bytes('data/fund_ledger.csv').equals(excelResave('fund_ledger', ORIGINAL.fund_ledger!.toString()))).toBe(
      true,
    );
    writeFileSync(rel('data/fund_ledger.csv'), ORIGINAL.fund_ledger!);
  },
  'npm run import -- 维修资金2024.xlsx --table fund_ledger --dry-run': (r) => {
    expect(r.out).toContain('试运行(--dry-run):没有写任何文件');
    expect(snapshot()).toBe(snap);
  },
  'npm run import -- 维修资金2024.xlsx --table fund_ledger': () => {
    expect(ids('fund_ledger').slice(-2)).toEqual(LEDGER);
    expect(text('data/fund_ledger.csv').startsWith(ORIGINAL.fund_ledger!.toString())).toBe(true);
  },
  'npm run import -- 小区名单.csv': (r) => {
    expect(r.out).toContain('data/compounds.csv');
    expect(ids('compounds').at(-1)).toBe(NEW_COMPOUNDS[0]);
    // The row it repeats unchanged stays as it was written.
    expect(text('data/compounds.csv').startsWith(ORIGINAL.compounds!.toString())).toBe(true);
  },
  'npm run import -- 收益.xlsx --table public_revenue --out data/public_revenue.csv --sheet 第三季度': () => {
    expect(ids('public_revenue').at(-1)).toBe(REVENUE);
    expect(text('data/public_revenue.csv').startsWith(ORIGINAL.public_revenue!.toString())).toBe(true);
  },
  'npm run import -- 小区名单.txt --table compounds': () => {
    expect(ids('compounds').slice(-2)).toEqual(NEW_COMPOUNDS);
  },
  'npm run import -- 合同全表.xlsx --table contracts --replace --dry-run': (r) => {
    expect(r.out).toContain(dropped);
    expect(r.out).toContain('试运行(--dry-run):没有写任何文件');
    expect(git('status', '--porcelain', 'data/contracts.csv')).toBe('');
  },
  'npm run check': (r) => expect(r.out).toContain('数据检查通过'),
  'git status': (r) => {
    for (const f of ['data/compounds.csv', 'data/fund_ledger.csv', 'src/content/notices/']) expect(r.out).toContain(f);
  },
  'git diff': (r) => expect(r.out).toMatch(/^\+dapuqiao-xinyuan,新苑,/m),
  'git switch -c 2026-11-xinyuan-huanjie': (_r, cmd) => expect(git('branch', '--show-current')).toBe(cmd.split(' ')[3]),
  'git add data/committees.csv data/committee_members.csv': () =>
    expect(git('diff', '--cached', '--name-only').split('\n')).toEqual([
      'data/committee_members.csv',
      'data/committees.csv',
    ]),
  'git commit -m "新苑小区第二届业委会名单(2026年11月5日选举)"': (_r, cmd) => {
    expect(git('log', '-1', '--format=%s')).toBe(/"(.+)"/.exec(cmd)![1]);
    expect(git('show', '--name-only', '--format=', 'HEAD').split('\n')).toEqual([
      'data/committee_members.csv',
      'data/committees.csv',
    ]);
  },
  'git push -u origin 2026-11-xinyuan-huanjie': () => {
    expect(execFileSync('git', ['-C', bare, 'rev-parse', '2026-11-xinyuan-huanjie'], { encoding: 'utf8' }).trim()).toBe(
      git('rev-parse', 'HEAD'),
    );
    expect(git('rev-parse', '--abbrev-ref', '@{upstream}')).toBe('origin/2026-11-xinyuan-huanjie');
  },
};

/** `npm run new` lines: the row it scaffolds, and our values where the printed example would clash. */
const scaffolds: Record<string, { table: TableName; id: string; ours?: Record<string, string> }> = {
  'npm run new -- compound dapuqiao-xinyuan': { table: 'compounds', id: 'dapuqiao-xinyuan', ours: { name: '新苑' } },
  'npm run new -- firm hengxin-wuye': {
    table: 'firms',
    id: 'hengxin-wuye',
    ours: { name: '上海恒信物业管理有限公司' },
  },
  'npm run new -- committee xinyuan-ywh-2 --compound dapuqiao-xinyuan': { table: 'committees', id: 'xinyuan-ywh-2' },
  'npm run new -- member xinyuan-ywh-2-01 --committee xinyuan-ywh-2': {
    table: 'committee_members',
    id: 'xinyuan-ywh-2-01',
  },
  'npm run new -- ledger dapuqiao-xinyuan': {
    table: 'fund_ledger',
    id: 'dapuqiao-xinyuan-0001',
    ours: { direction: '收入', category: '首期归集', amount: '386000.00', description: '首期归集' },
  },
  'npm run new -- fee xinyuan-zhuzhai-2026 --compound dapuqiao-xinyuan': {
    table: 'fee_standards',
    id: 'xinyuan-zhuzhai-2026',
  },
};

const NOTICE = 'src/content/notices/xinyuan-2026-huanjie.mdx';
const noticeCmd = 'npm run new -- notice xinyuan-2026-huanjie --compound dapuqiao-xinyuan';

for (const [cmd, s] of Object.entries(scaffolds)) {
  after[cmd] = (r) => {
    expect(ids(s.table)).toContain(s.id);
    fillRow(s.table, s.id, r.out, s.ours ?? {});
  };
}
/**
 * A correction is made in two places, as the guide says: the cell in its table, and the
 * record of old and new value (the scaffold's example names which cell).
 */
after['npm run new -- correction xinyuan-2026-0001'] = (r) => {
  expect(ids('corrections')).toContain('xinyuan-2026-0001');
  fillRow('corrections', 'xinyuan-2026-0001', r.out, {});
  const [table, row, column] = ['table', 'row_id', 'column'].map((c) => cell('corrections', 'xinyuan-2026-0001', c));
  const old = cell(table as TableName, row!, column!);
  const fixed = (Number(old) + 0.05).toFixed(2);
  setCells(table as TableName, row!, { [column!]: fixed });
  setCells('corrections', 'xinyuan-2026-0001', { old_value: old, new_value: fixed });
};

/** The notice's blanks, filled as its comments ask. */
after[noticeCmd] = () => {
  const scaffolded = text(NOTICE);
  for (const k of ['title', 'kind', 'date', 'summary', 'source'])
    expect(scaffolded).toMatch(new RegExp(`^${k}: ""`, 'm'));
  writeFileSync(
    rel(NOTICE),
    scaffolded
      .replace(/^title: ""/m, 'title: 新苑小区第二届业主委员会选举结果公告')
      .replace(/^kind: ""/m, 'kind: 换届选举')
      .replace(/^date: ""/m, 'date: 2026-10-20')
      .replace(/^summary: ""/m, 'summary: 第二届业委会经业主大会选举产生')
      .replace(/^source: ""/m, 'source: huangpu-dapuqiao-2023-08-29')
      .replace('在这里写公告正文。', '经业主大会表决,第二届业主委员会选举产生,任期五年。'),
  );
};

/** The long-running editor: started, its ready line and page awaited, then stopped. */
/** Stopped the way its ready line says, Ctrl+C (SIGINT to its process group): a shell reports 130. */
async function runServer(cmd: string): Promise<Run> {
  const url = /然后用浏览器打开 <(http:[^>]+)>/.exec(GUIDE)![1]!;
  const child = spawn('bash', ['-c', cmd], { cwd: work, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? (signal === 'SIGINT' ? 130 : -1))),
  );
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ready line:\n${out}`)), 120_000);
      const look = () => {
        if (!/编辑后台已启动/.test(out)) return;
        clearTimeout(timer);
        resolve();
      };
      child.stdout.on('data', look);
      void exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`exited early:\n${out}`));
      });
    });
    // The address the guide tells staff to open.
    expect((await fetch(url)).status).toBe(200);
  } finally {
    process.kill(-child.pid!, 'SIGINT');
  }
  const status = await exited;
  await expect(fetch(url), 'still serving after Ctrl+C').rejects.toThrow();
  return { status, out };
}

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'gongshi-guide-'));
  bare = mkdtempSync(path.join(tmpdir(), 'gongshi-guide-origin-'));
  const tracked = execFileSync('git', ['-C', ROOT, 'ls-files', '-z'], { encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const f of tracked) {
    if (!existsSync(path.join(ROOT, f))) continue;
    mkdirSync(path.dirname(rel(f)), { recursive: true });
    cpSync(path.join(ROOT, f), rel(f));
  }
  symlinkSync(path.join(ROOT, 'node_modules'), rel('node_modules'));
  git('init', '-q', '-b', 'main');
  git('config', 'user.name', '街道工作人员');
  git('config', 'user.email', 'staff@jiedao.invalid');
  git('add', '-A');
  git('commit', '-q', '-m', '初始数据');
  git('tag', 'published');
  execFileSync('git', ['init', '-q', '--bare', bare]);
  git('remote', 'add', 'origin', bare);
  for (const t of ['fund_ledger', 'public_revenue', 'compounds'] as const) ORIGINAL[t] = bytes(`data/${t}.csv`);

  // This quarter's fund ledger for a compound already published, as staff key it into Excel.
  const last = ids('fund_ledger')
    .filter((id) => id.startsWith('demo-chenguang-gongyu-'))
    .at(-1)!;
  await xlsx('维修资金2024.xlsx', '维修资金流水', 'fund_ledger', [
    derive('fund_ledger', last, {
      id: LEDGER[0]!,
      date: '2026-06-21',
      amount: '742.10',
      description: '2026年上半年结息',
    }),
    derive('fund_ledger', last, {
      id: LEDGER[1]!,
      date: '2026-09-21',
      amount: '738.55',
      description: '2026年三季度结息',
    }),
  ]);
  // Two compounds of the same street, each in one of the files Excel writes.
  const street = derive('compounds', 'dapuqiao-kaicheng-xinyuan', {});
  writeCsv(work, '小区名单.csv', [
    titles('compounds'),
    derive('compounds', 'dapuqiao-kaicheng-xinyuan', {}),
    [NEW_COMPOUNDS[0]!, '建国新村', ...street.slice(2)],
  ]);
  writeUnicodeText(work, '小区名单.txt', [
    titles('compounds'),
    [NEW_COMPOUNDS[0]!, '建国新村', ...street.slice(2)],
    [NEW_COMPOUNDS[1]!, '瑞金花园', ...street.slice(2)],
  ]);
  const q3 = rows('public_revenue').filter((r) => r[1] === 'demo-guihuayuan' && r[2] === '2026' && r[3] === '3');
  await xlsx('收益.xlsx', '第三季度', 'public_revenue', [
    ...q3,
    derive('public_revenue', q3[0]![0]!, {
      id: REVENUE,
      revenue_source: '场地租赁',
      income: '1800.00',
      spending: '90.00',
      to_fund: '720.00',
    }),
  ]);
  const contracts = rows('contracts').slice(1);
  dropped = contracts.at(-1)![0]!;
  await xlsx('合同全表.xlsx', '合同', 'contracts', contracts.slice(0, -1));
}, 180_000);

afterAll(() => {
  for (const d of [work, bare]) if (d) rmSync(d, { recursive: true, force: true });
});

describe('the staff guide’s commands, verbatim', () => {
  const commands = guideCommands();

  it('has a step here for every command in the guide, and none the guide dropped', () => {
    const covered = new Set(Object.keys(after));
    expect(commands.filter((c) => !covered.has(c.replace(/\s+#.*$/, '').trimEnd()))).toEqual([]);
    expect([...covered].filter((c) => !commands.some((g) => g.replace(/\s+#.*$/, '').trimEnd() === c))).toEqual([]);
    // A command in an unmarked block would escape the list above: blocks without a language are output.
    const unmarked = [...GUIDE.replace(SHELL, '').matchAll(/^ *```\n([\s\S]*?)^ *```$/gm)].map((b) => b[1]!);
    expect(unmarked.filter((b) => /^\s*(npm|npx|git|node) /m.test(b))).toEqual([]);
  });

  it('each runs as written, in order, and does what the guide says', async () => {
    for (const cmd of commands) {
      const key = cmd.replace(/\s+#.*$/, '').trimEnd();
      await before[key]?.();
      snap = snapshot();
      const r = key.startsWith('npm run staff:cms') ? await runServer(cmd) : run(cmd);
      expect(r.status, `${cmd}\n${r.out}`).toBe(key.startsWith('npm run staff:cms') ? 130 : 0);
      expect(r.out, cmd).not.toMatch(STACK);
      if (key.startsWith('npm run new') || (key.startsWith('npm run import') && !key.includes('--dry-run')))
        expect(snapshot(), `${cmd} changed nothing`).not.toBe(snap);
      after[key]?.(r, cmd);
    }
  }, 900_000);
});
