/**
 * The browser way in, end to end: Decap CMS at /admin/ (npm run staff:cms) against a real
 * local git repository, with decap-server's git mode started here on loopback. Each entry
 * staff save becomes its own cms/* branch; the CI step (`npm run staff:apply`) checks it in
 * its own clone and writes the result into the entry; only then is it published to main.
 *
 * Covered: a notice with a PDF attachment; a new compound; this quarter's fund-ledger rows
 * from an .xlsx, refused in Chinese for a bad row, fixed and published. Every user action
 * is counted (the staff guide states the counts); screenshots go to test-results/screenshots,
 * and to docs/img/ when GONGSHI_DOC_SCREENSHOTS=1 (how the guide's pictures are made).
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startCms, type Cms } from '../../scripts/staff/cms.ts';
import { tableColumns } from '../../src/lib/schema/column-info.ts';
import { launchChromium, siteContext, watchErrors } from './helpers/browser.ts';
import { createStaffRepo, git, runCi } from './helpers/staff-repo.ts';

const SHOTS = [path.resolve('test-results/screenshots')];
if (process.env.GONGSHI_DOC_SCREENSHOTS === '1') SHOTS.push(path.resolve('docs/img'));
const FILES = path.join(tmpdir(), `gongshi-staff-files-${process.pid}`);
// decap-server and the 5 MB editor bundle are slow on a loaded 2-core machine.
const STEP = 120_000;

let repo: string;
let cms: Cms;
let browser: Browser;
let page: Page;
let errors: string[];
let foreign: () => string[];
/** User actions (clicks, fields filled, files chosen) per task, as the guide reports them. */
const actions: Record<string, number> = {};
let task = '';
const serverLog: string[] = [];

async function act<T>(fn: () => Promise<T>): Promise<T> {
  actions[task] = (actions[task] ?? 0) + 1;
  return fn();
}

async function shot(name: string): Promise<void> {
  for (const dir of SHOTS) {
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: path.join(dir, `staff-${name}.png`) });
  }
}

/** A field by its Chinese label; Decap adds “(可选)” to optional ones. */
const field = (label: string) => page.getByLabel(new RegExp(`^${label}(\\s*\\(可选\\))?$`));
const fill = (label: string, value: string) => act(() => field(label).fill(value));
/** A select: type part of the choice to filter the list, then click the choice. */
async function choose(label: string, text: string): Promise<void> {
  await act(() => field(label).fill(text));
  await act(() =>
    page
      .getByRole('option', { name: new RegExp(text) })
      .first()
      .click(),
  );
}

async function uploadInto(fileLabelButton: RegExp, file: string): Promise<void> {
  await act(() => page.getByRole('button', { name: fileLabelButton }).last().click());
  await act(() => page.locator('input[type=file]').setInputFiles(file));
  await page.getByText(path.basename(file)).first().waitFor();
  await act(() => page.getByRole('button', { name: '选用已选中项目' }).click());
}

async function save(): Promise<void> {
  await act(() => page.getByRole('button', { name: '保存', exact: true }).click());
  await page.getByText('修改已保存').waitFor();
}

/** Set the entry to 就绪 and publish it (the reviewer's clicks); done when its branch is merged and gone. */
async function publish(branch: string): Promise<void> {
  await act(() => page.getByRole('button', { name: /状态/ }).click());
  await act(() => page.getByRole('menuitem', { name: '就绪' }).click());
  // decap-server records the status on the branch; 发布 acts only once it has.
  const status = () => git(repo, 'config', '--get', `branch.${branch}.description`);
  await expect.poll(status, { timeout: STEP, interval: 500 }).toBe('decap-cms/pending_publish');
  await act(() => page.getByRole('button', { name: '发布', exact: true }).click());
  await act(() => page.getByRole('menuitem', { name: '立即发布' }).click());
  await expect.poll(() => cmsBranches().includes(branch), { timeout: STEP, interval: 500 }).toBe(false);
}

/**
 * Open an editor page afresh, as a person coming back later would: a full reload, so nothing
 * Decap still holds from the last task (a publish finishing, a cached entry) leaks into this one.
 */
async function openEditor(hash: string): Promise<void> {
  await page.goto(`${cms.origin}/admin/#${hash}`);
  await page.reload();
  await page.getByRole('button', { name: '保存', exact: true }).waitFor();
}

const openEntry = (collection: string, slug: string) => openEditor(`/collections/${collection}/entries/${slug}`);

function cmsBranches(): string[] {
  return git(repo, 'branch', '--list', 'cms/*', '--format=%(refname:short)').split('\n').filter(Boolean);
}

/** The fixture's fund ledger as staff keep it in Excel (Chinese headers), plus this quarter's rows. */
/** This quarter's rows only, under the Chinese headers: the importer merges them into the table. */
async function ledgerWorkbook(file: string, quarter: string[][]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('维修资金流水');
  ws.addRow(tableColumns('fund_ledger').map((c) => c.title));
  for (const row of quarter) ws.addRow(row);
  await wb.xlsx.writeFile(file);
}

beforeAll(async () => {
  mkdirSync(FILES, { recursive: true });
  repo = createStaffRepo();
  cms = await startCms({ repo, log: (text) => serverLog.push(text) });
  browser = await launchChromium();
  const site = await siteContext(browser, cms.origin, { viewport: { width: 1280, height: 900 } });
  foreign = site.requests.foreign;
  page = await site.context.newPage();
  page.setDefaultTimeout(STEP);
  page.on('dialog', (d) => void d.accept());
  errors = watchErrors(page);
  page.on('pageerror', (e) => console.log(`pageerror: ${String(e)} ${JSON.stringify(e)}`));
  await page.goto(`${cms.origin}/admin/`, { waitUntil: 'commit' });
  await page.getByRole('button', { name: '登录' }).waitFor();
  await shot('login');
  await page.getByRole('button', { name: '登录' }).click();
}, 300_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') {
    console.log(`decap-server log:\n${serverLog.join('')}`);
    await page.screenshot({ path: path.join(SHOTS[0]!, `staff-failed-${ctx.task.name.slice(0, 40)}.png`) });
  }
});

afterAll(async () => {
  await browser?.close();
  await cms?.close();
  if (repo) rmSync(repo, { recursive: true, force: true });
  rmSync(FILES, { recursive: true, force: true });
  console.log(`staff actions per task: ${JSON.stringify(actions)}`);
});

describe('the admin page', () => {
  it('is Decap in Chinese, from the site itself, with its own policy', async () => {
    const csp = await page.locator('meta[http-equiv="content-security-policy"]').getAttribute('content');
    expect(csp).toContain("script-src 'self' 'unsafe-eval'");
    expect(csp).toContain("connect-src 'self' blob:");
    await page.getByText('新增小区').first().waitFor();
    await shot('home');
  });
});

describe('publish a notice with a PDF attachment', () => {
  const slugRe = /^cms\/notices\/(demo-lanting-\d{8}-\d{4})$/;
  it('saves the notice and its PDF on a branch of their own', async () => {
    task = 'notice';
    const pdf = path.join(FILES, 'lanting-2026q3-shouzhi.pdf');
    const printer = await page.context().newPage();
    await printer.setContent('<h1>兰亭苑(演示)2026 年第三季度维修资金收支明细</h1><p>演示数据。</p>');
    await printer.pdf({ path: pdf, format: 'A4' });
    await printer.close();

    await act(() => openEditor('/collections/notices/new'));
    await fill('标题', '兰亭苑 2026 年第三季度维修资金使用公示(演示)');
    await choose('小区', '兰亭苑');
    await choose('类别', '维修资金使用');
    await fill('日期', '2026-10-20');
    await fill('一句话摘要', '1 号楼电梯维修支出 18.6 万元,附收支明细。');
    await choose('来源', 'demo');
    await act(() => page.getByRole('button', { name: /新增附件/ }).click());
    await fill('附件标题', '收支明细');
    await uploadInto(/选择文件/, pdf);
    await act(() => page.locator('[data-slate-editor]').click());
    await act(() => page.keyboard.type('经业主大会表决同意,使用维修资金更换 1 号楼电梯曳引机。收支明细见附件。'));
    await shot('notice-form');
    await save();
    await shot('notice-saved');

    const branch = cmsBranches().find((b) => slugRe.test(b));
    expect(branch).toBeDefined();
    const files = git(repo, 'diff', '--name-only', `main...${branch}`).split('\n');
    expect(files).toContain('public/files/notices/lanting-2026q3-shouzhi.pdf');
    expect(files.some((f) => /^src\/content\/notices\/demo-lanting-\d{8}-\d{4}\.mdx$/.test(f))).toBe(true);
    expect(git(repo, 'log', '-1', '--format=%an', branch!)).toBe('街道工作人员');
  }, 600_000);

  it('passes the CI check on its branch, is published, and main checks clean', async () => {
    const branch = cmsBranches().find((b) => slugRe.test(b))!;
    const review = runCi(repo, branch);
    expect(review.output).toContain('检查通过');
    expect(review.status).toBe(0);
    const slug = slugRe.exec(branch)![1]!;
    await openEntry('notices', slug);
    await publish(branch);
    expect(cmsBranches()).not.toContain(branch);
    expect(existsSync(path.join(repo, 'public/files/notices/lanting-2026q3-shouzhi.pdf'))).toBe(true);
    const mdx = readFileSync(path.join(repo, `src/content/notices/${slug}.mdx`), 'utf8');
    expect(mdx).toContain('file: /files/notices/lanting-2026q3-shouzhi.pdf');
    const onMain = runCi(repo, 'main');
    expect(onMain.output).toContain('检查通过');
    expect(onMain.status).toBe(0);
  }, 600_000);
});

describe('add a new compound', () => {
  it('is a request the CI appends to the compounds table after publishing', async () => {
    task = 'compound';
    await act(() => openEditor('/collections/compounds/new'));
    await fill('小区编号', 'demo-xinyuan');
    await fill('小区名称', '新苑(演示)');
    await choose('所属区', '黄浦');
    await choose('所属街道', '打浦桥');
    await choose('管理模式', '专业物业');
    await choose('演示数据', '是');
    await choose('来源', 'demo');
    await shot('compound-form');
    await save();
    const branch = 'cms/compounds/demo-xinyuan';
    expect(cmsBranches()).toContain(branch);

    const review = runCi(repo, branch);
    expect(review.status).toBe(0);
    await openEntry('compounds', 'demo-xinyuan');
    await expect.poll(() => field('检查结果').inputValue()).toContain('结果:通过');
    await field('检查结果').scrollIntoViewIfNeeded();
    await shot('compound-checked');
    await publish(branch);
    const onMain = runCi(repo, 'main');
    expect(onMain.status).toBe(0);
    const csv = readFileSync(path.join(repo, 'data/compounds.csv'), 'utf8');
    expect(csv).toContain('\ndemo-xinyuan,新苑(演示),huangpu,dapuqiao,,,,,,专业物业,是,demo,\n');
    expect(existsSync(path.join(repo, 'staff/applied/requests/compounds/demo-xinyuan.yml'))).toBe(true);
    expect(git(repo, 'status', '--porcelain')).toBe('');
  }, 600_000);
});

describe("this quarter's fund-ledger rows from an .xlsx", () => {
  const bad = path.join(FILES, '兰亭苑维修资金2026三季度.xlsx');
  const good = path.join(FILES, '兰亭苑维修资金2026三季度-改.xlsx');
  const spend = [
    'demo-lanting-0007',
    'demo-lanting',
    '2026-08-12',
    '支出',
    '电梯',
    '186000.00',
    '',
    '1号楼电梯曳引机更换',
  ];
  it('is refused in Chinese for a row without its vote, then fixed and published', async () => {
    task = 'ledger';
    const interest = [
      'demo-lanting-0008',
      'demo-lanting',
      '2026-09-21',
      '收入',
      '利息',
      '1500.00',
      '439700.50',
      '三季度利息',
      '',
      '',
      '',
      'demo',
    ];
    await ledgerWorkbook(bad, [[...spend, '', '', '', 'demo'], interest]);
    await ledgerWorkbook(good, [[...spend, '2026年第二次业主大会表决通过', '', '', 'demo'], interest]);

    await act(() => openEditor('/collections/workbooks/new'));
    await choose('导入到哪张表', '专项维修资金');
    await uploadInto(/选择文件/, bad);
    await fill('说明', '2026 年第三季度维修资金收支');
    await save();
    const branch = cmsBranches().find((b) => b.startsWith('cms/workbooks/fund_ledger-'))!;
    expect(branch).toBeDefined();
    const slug = branch.replace('cms/workbooks/', '');

    const refused = runCi(repo, branch);
    expect(refused.status).toBe(1);
    await openEntry('workbooks', slug);
    const report = () => field('检查结果').inputValue();
    await expect.poll(report).toContain('结果:未通过');
    expect(await report()).toMatch(
      /专项维修资金收支\(data\/fund_ledger\.csv:9:\d+\)第 9 行「表决依据」\(approval\)列:支出缺少表决依据/,
    );
    await field('检查结果').scrollIntoViewIfNeeded();
    await shot('ledger-refused');

    task = 'ledger-fix';
    await uploadInto(/选择其他文件/, good);
    await save();
    task = 'ledger';
    const passed = runCi(repo, branch);
    expect(passed.output).toContain('检查通过');
    expect(passed.status).toBe(0);
    await openEntry('workbooks', slug);
    await expect.poll(report).toContain('结果:通过');
    await field('检查结果').scrollIntoViewIfNeeded();
    await shot('ledger-passed');
    await publish(branch);
    const onMain = runCi(repo, 'main');
    expect(onMain.status).toBe(0);
    const ledger = readFileSync(path.join(repo, 'data/fund_ledger.csv'), 'utf8');
    expect(ledger).toContain(
      'demo-lanting-0007,demo-lanting,2026-08-12,支出,电梯,186000.00,,1号楼电梯曳引机更换,2026年第二次业主大会表决通过',
    );
    expect(ledger).toContain('demo-lanting-0008,');
  }, 900_000);
});

describe('the staff guide', () => {
  it('states the action counts this test measured', () => {
    const guide = readFileSync('docs/staff-guide.zh-CN.md', 'utf8');
    const escaped = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const stated = (task: string) => Number(new RegExp(`\\| ${escaped(task)}\\s*\\| (\\d+)`).exec(guide)?.[1]);
    expect(stated('新增一个小区')).toBe(actions.compound);
    expect(stated('发布本季度维修资金流水(一次通过)')).toBe(actions.ledger);
    expect(stated('表格被退回后改正重传')).toBe(actions['ledger-fix']);
    expect(stated('发一条带 PDF 附件的公告')).toBe(actions.notice);
  });
});

describe('throughout', () => {
  it('made no request off its own origin and hit no page error or policy violation', () => {
    expect(foreign()).toEqual([]);
    expect(errors.filter((e) => !/404 \(Not Found\)/.test(e))).toEqual([]);
  });
});
