/**
 * npm run staff:apply -- [--review] [--commit] [--root <dir>] [--report <file.md>]
 *
 * The repository's CI step for what staff save in the browser editor (/admin/). Each entry
 * is its own branch; CI runs this on it, and again on main after it is published.
 *
 * - New-compound requests (staff/requests/compounds/*.yml) are appended to
 *   data/compounds.csv with the scaffolder (`npm run new`'s appendRow).
 * - Uploaded workbooks (staff/requests/workbooks/*.yml → staff/uploads/…) are merged into
 *   their table with `npm run import -- <file> --table <table>` (this quarter's rows are
 *   enough: rows the workbook does not hold are kept, rows it marks 删除 go), whose
 *   Chinese report, with its preview, is kept verbatim.
 * - Then the whole dataset is checked as `npm run check` does.
 *
 * --review (CI on an entry's branch): the result is written into each request's
 * 检查结果 field, where the staff member reads it on reopening the entry; the tables are
 * put back, so the branch holds only what staff wrote. --commit commits the requests.
 * Without --review (CI on main, after publishing): the rows stay, the requests and
 * workbooks move to staff/applied/, and --commit commits the result.
 * Either way: exit 1 when anything is refused, and nothing refused is kept in data/.
 * --report writes the same report as Markdown, for the pull request's comment.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { dump, load } from 'js-yaml';
import { checkDataset } from '../../src/lib/validate/index.ts';
import type { DataIssue } from '../../src/lib/messages/issue.ts';
import { formatIssue } from '../../src/lib/schema/labels.ts';
import { TABLES, TABLE_NAMES, type TableName } from '../../src/lib/schema/tables.ts';
import { tableColumns } from '../../src/lib/schema/column-info.ts';
import { REPORT_FIELD, REQUEST_DIRS } from '../../src/integrations/admin/config.ts';
import { appendRow, ScaffoldError } from './scaffold.ts';

const IMPORT_SCRIPT = fileURLToPath(new URL('../import.ts', import.meta.url));
const APPLIED_DIR = 'staff/applied';

interface Request {
  kind: 'compounds' | 'workbooks';
  /** Repository-relative path of the request file. */
  file: string;
  data: Record<string, unknown>;
  /** What this request did, in Chinese (the importer's own report among it). */
  lines: string[];
  /** What the check found: first in the report, since it is what staff must act on. */
  problems: string[];
  refused: boolean;
  /** Table and id of the row it adds (compounds), to attribute check issues to it. */
  table?: TableName;
  rowId?: string;
  upload?: string;
}

function readRequests(root: string): Request[] {
  const out: Request[] = [];
  for (const kind of ['compounds', 'workbooks'] as const) {
    const dir = path.join(root, REQUEST_DIRS[kind]);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)
      .filter((n) => /\.ya?ml$/.test(n))
      .sort()) {
      const file = `${REQUEST_DIRS[kind]}/${name}`;
      let data: Record<string, unknown> = {};
      const lines: string[] = [];
      try {
        const parsed = load(readFileSync(path.join(root, file), 'utf8'));
        if (parsed && typeof parsed === 'object') data = parsed as Record<string, unknown>;
      } catch (e) {
        lines.push(`这条记录的文件 ${file} 读不出来:${(e as Error).message.split('\n')[0]}。请在编辑后台重新保存。`);
      }
      out.push({ kind, file, data, lines, problems: [], refused: lines.length > 0 });
    }
  }
  return out;
}

/** A cell as the CSV holds it: lists (multiple choice) joined with the standard's semicolon. */
function cell(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (Array.isArray(v)) return v.map(String).join(';');
  return String(v).trim();
}

function applyCompound(root: string, r: Request): void {
  const values: Record<string, string> = {};
  for (const c of tableColumns('compounds')) {
    const v = cell(r.data[c.name]);
    if (v !== '') values[c.name] = v;
  }
  const id = values.id ?? '';
  r.table = 'compounds';
  r.rowId = id;
  const file = path.join(root, 'data/compounds.csv');
  try {
    const { text } = appendRow('compounds', readFileSync(file, 'utf8'), id, values);
    writeFileSync(file, text);
    r.lines.push(`新增小区“${values.name ?? id}”(编号 ${id}),写入小区表(data/compounds.csv)。`);
  } catch (e) {
    if (!(e instanceof ScaffoldError)) throw e;
    r.refused = true;
    r.lines.push(e.message);
  }
}

function applyWorkbook(root: string, r: Request): void {
  const table = cell(r.data.table) as TableName;
  const upload = cell(r.data.file).replace(/^\/+/, '');
  r.upload = upload;
  if (!(TABLE_NAMES as string[]).includes(table)) {
    r.refused = true;
    r.lines.push(`没有选择要导入的表(“导入到哪张表”为“${table}”)。请选一张表再保存。`);
    return;
  }
  r.table = table;
  if (!upload || !existsSync(path.join(root, upload))) {
    r.refused = true;
    r.lines.push('没有找到上传的表格文件。请在“表格文件”里重新上传,再保存。');
    return;
  }
  // The importer writes the table only when every cell is right; its report is the staff's to read.
  // It merges: a row goes only when the workbook marks it 删除, and its preview names it for review.
  const run = spawnSync(process.execPath, [IMPORT_SCRIPT, upload, '--table', table, '--out', `data/${table}.csv`], {
    cwd: root,
    encoding: 'utf8',
  });
  r.lines.push(
    `导入“${TABLES[table].title}”(data/${table}.csv),导入程序的报告:`,
    '',
    (run.stdout + run.stderr).trim(),
    '',
  );
  if (run.status !== 0) r.refused = true;
}

function belongsTo(r: Request, i: DataIssue, lineOf: Map<string, number>): boolean {
  if (!r.table || i.file !== `data/${r.table}.csv`) return false;
  if (r.kind === 'workbooks') return true;
  return r.rowId !== undefined && lineOf.get(r.rowId) === i.line;
}

function git(root: string, args: string[]): string {
  return execFileSync('git', ['-C', root, ...args], { encoding: 'utf8' }).trim();
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      review: { type: 'boolean', default: false },
      commit: { type: 'boolean', default: false },
      root: { type: 'string' },
      report: { type: 'string' },
    },
  });
  const root = path.resolve(values.root ?? process.cwd());
  const requests = readRequests(root);
  // Every table file a request may write, as it was: a refusal or a review puts it back.
  const saved = new Map<string, string>();
  for (const t of TABLE_NAMES) {
    const f = path.join(root, `data/${t}.csv`);
    if (existsSync(f)) saved.set(f, readFileSync(f, 'utf8'));
  }
  for (const r of requests) {
    if (r.refused) continue;
    if (r.kind === 'compounds') applyCompound(root, r);
    else applyWorkbook(root, r);
  }
  const dataset = await checkDataset({ root });
  const lineOf = new Map(dataset.tables.compounds.rows.map((row) => [String(row.data.id), row.line]));
  const unattributed = dataset.issues.filter((i) => !requests.some((r) => belongsTo(r, i, lineOf)));
  for (const r of requests) {
    const mine = dataset.issues.filter((i) => belongsTo(r, i, lineOf));
    if (mine.length + unattributed.length > 0) r.refused = true;
    if (mine.length) r.problems.push(`数据检查发现 ${mine.length} 个问题:`, ...mine.map((i) => `- ${formatIssue(i)}`));
    if (unattributed.length) {
      r.problems.push(`其他文件还有 ${unattributed.length} 个问题(不是这条记录造成的,请告诉管理员):`);
      r.problems.push(...unattributed.map((i) => `- ${formatIssue(i)}`));
    }
  }
  const ok = dataset.issues.length === 0 && requests.every((r) => !r.refused);
  const keep = ok && !values.review;
  if (!keep) for (const [f, text] of saved) writeFileSync(f, text);

  for (const r of requests) {
    const verdict = r.refused
      ? '结果:未通过。请按下面的提示改正(改上面的内容,或重新上传改好的表格),再点“保存”,自动检查会重新运行。'
      : values.review
        ? '结果:通过。发布后写入数据表,网站随之更新。'
        : '结果:已写入数据表并发布。';
    const report = [verdict, '', ...r.problems, ...(r.problems.length ? [''] : []), ...r.lines].join('\n').trim();
    const data = { ...r.data, [REPORT_FIELD]: report };
    writeFileSync(path.join(root, r.file), dump(data, { lineWidth: -1 }));
    if (keep) {
      for (const f of [r.file, r.upload].filter((x): x is string => !!x && existsSync(path.join(root, x)))) {
        const to = path.join(root, APPLIED_DIR, f.replace(/^staff\/(requests|uploads)\//, '$1/'));
        mkdirSync(path.dirname(to), { recursive: true });
        renameSync(path.join(root, f), to);
      }
    }
  }

  const summary = ok
    ? `检查通过:${requests.length} 条记录${values.review ? '可以发布' : '已写入数据表'};数据检查没有发现问题。`
    : `检查未通过:${dataset.issues.length} 个数据问题,${requests.filter((r) => r.refused).length} 条记录被退回。`;
  const body = [
    summary,
    ...requests.map(
      (r) => `\n## ${r.file}\n\n${[r.refused ? '未通过' : '通过', ...r.problems, ...r.lines].join('\n')}`,
    ),
    ...(requests.length === 0 ? dataset.issues.map((i) => `- ${formatIssue(i)}`) : []),
  ].join('\n');
  console.log(body);
  if (values.report) writeFileSync(path.resolve(values.report), `${body}\n`);

  if (values.commit) {
    const paths = ['staff', 'data'].filter((p) => existsSync(path.join(root, p)));
    if (paths.length) git(root, ['add', '-A', '--', ...paths]);
    const staged = git(root, ['diff', '--cached', '--name-only']);
    if (staged) {
      const subject = values.review
        ? `自动检查:${ok ? '通过' : '未通过'}(${requests.map((r) => path.basename(r.file, '.yml')).join('、') || '无待处理记录'})`
        : `导入工作人员提交的记录:${requests.map((r) => path.basename(r.file, '.yml')).join('、')}`;
      execFileSync(
        'git',
        [
          '-C',
          root,
          '-c',
          'user.name=公示自动检查',
          '-c',
          'user.email=ci@gongshi.invalid',
          'commit',
          '-q',
          '-m',
          subject,
        ],
        { stdio: 'inherit' },
      );
    }
  }
  return ok ? 0 : 1;
}

process.exitCode = await main();
