/**
 * The fixture as a git repository with the history a street office's repository
 * would have after ten years: a first commit with every table and the
 * maintenance-fund ledger to the end of 2015, one commit per quarter appending
 * that quarter's ledger rows (2016Q1 up to the data's as-of date: 44 commits),
 * a correction to two compounds' household counts every eighth quarter, and two
 * whole-table re-saves of the ledger: once with CRLF line ends (Excel on
 * Windows, kept from then on) and once with its amounts re-typed in Excel's
 * general number format (`1650000` for `1650000.00`, also kept). The last
 * commit's ledger has every row of the fixture's. Commit dates are fixed, so the
 * same fixture gives the same hashes.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, cpSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { forEachLine } from '../../src/lib/history/lines.ts';
import { csvCell } from './fixture/csv-writer.ts';

export interface HistoryRepo {
  dir: string;
  commits: number;
  rewrites: string[];
}

const FIRST_YEAR = 2016;
/** The tag on the last commit of the built history: the benchmark's later commits go on top of it. */
const BASE = 'bench-base';
const LEDGER = 'data/fund_ledger.csv';
const COMPOUNDS = 'data/compounds.csv';

function git(dir: string, args: string[], date?: string): string {
  return execFileSync(
    'git',
    ['-c', 'user.name=街道办', '-c', 'user.email=staff@example.invalid', '-c', 'commit.gpgsign=false', ...args],
    {
      cwd: dir,
      encoding: 'utf8',
      maxBuffer: 1 << 26,
      env: { ...process.env, ...(date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {}) },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
}

function commit(dir: string, message: string, date: string, add = false) {
  // After the first commit only tracked files change: `commit -a` saves a git process per commit.
  if (add) git(dir, ['add', '-A']);
  git(dir, ['commit', ...(add ? [] : ['-a']), '-q', '--no-verify', '--allow-empty', '-m', message], `${date}T18:00:00+08:00`);
}

interface LedgerFormat {
  crlf: boolean;
  /** Amounts in Excel's general number format: no trailing zeros after the point. */
  general: boolean;
}

const generalNumber = (s: string) => (s.includes('.') ? s.replace(/\.?0+$/, '') : s);

/** Write the fixture's ledger rows dated up to `until` (ISO date), streamed: a city's ledger is 100 MB. */
function writeLedger(fixtureLedger: string, out: string, until: string, f: LedgerFormat) {
  const fd = openSync(out, 'w');
  const nl = f.crlf ? '\r\n' : '\n';
  let buf = '';
  let first = true;
  forEachLine(fixtureLedger, (line) => {
    if (line === '') return;
    if (first) {
      first = false;
      buf += line + nl;
      return;
    }
    // The first seven cells (id … balance) are never quoted in the fixture.
    const cells = line.split(',', 7);
    if ((cells[2] ?? '') > until) return;
    if (f.general) {
      const rest = line.slice(cells.join(',').length);
      cells[5] = generalNumber(cells[5] ?? '');
      cells[6] = generalNumber(cells[6] ?? '');
      line = cells.join(',') + rest;
    }
    buf += line + nl;
    if (buf.length > 1 << 20) {
      writeSync(fd, buf);
      buf = '';
    }
  });
  writeSync(fd, buf);
  closeSync(fd);
}

/** Add one to two compounds' household counts: the corrections staff make after a recount. */
function correctHouseholds(dir: string, round: number, count = 2) {
  const file = join(dir, COMPOUNDS);
  const lines = readFileSync(file, 'utf8').split('\n');
  const col = (lines[0] ?? '').split(',').indexOf('households');
  const rows = lines.length - 2;
  for (let k = 0; k < count; k++) {
    const i = 1 + ((round * 7919 + k * 104729) % rows);
    const cells = (lines[i] ?? '').split(',');
    // A quoted cell before the column would shift it: pick the next plain row instead.
    if ((lines[i] ?? '').includes('"') || !/^\d+$/.test(cells[col] ?? '')) continue;
    cells[col] = String(Number(cells[col]) + 1);
    lines[i] = cells.join(',');
  }
  writeFileSync(file, lines.join('\n'));
}

const quarterEnd = (y: number, q: number) => `${y}-${['03-31', '06-30', '09-30', '12-31'][q - 1]}`;
const nextMonth10 = (iso: string) => {
  const [y, m] = iso.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-10` : `${y}-${String(m + 1).padStart(2, '0')}-10`;
};

/** Build the repository at `dir` from the fixture at `fixtureDir`; `asOf` ends the quarterly appends. */
export function buildHistoryRepo(fixtureDir: string, dir: string, asOf: string): HistoryRepo {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  git(dir, ['init', '-q', '-b', 'main']);
  git(dir, ['config', 'core.autocrlf', 'false']);
  git(dir, ['config', 'gc.auto', '0']);
  // A throwaway repository: waiting for the disk after every object only slows the benchmark down.
  git(dir, ['config', 'core.fsync', 'none']);
  cpSync(join(fixtureDir, 'data'), join(dir, 'data'), { recursive: true });
  cpSync(join(fixtureDir, 'content'), join(dir, 'content'), { recursive: true });
  const fixtureLedger = join(fixtureDir, LEDGER);
  const format: LedgerFormat = { crlf: false, general: false };
  writeLedger(fixtureLedger, join(dir, LEDGER), `${FIRST_YEAR - 1}-12-31`, format);
  commit(dir, '首次发布全市小区数据(维修资金账目截至2015年底)', `${FIRST_YEAR}-01-10`, true);
  let commits = 1;
  const rewrites: string[] = [];
  let round = 0;
  let lastEnd = `${FIRST_YEAR - 1}-12-31`;
  for (let y = FIRST_YEAR; ; y++) {
    for (let q = 1; q <= 4; q++) {
      // The quarter the as-of date falls in is appended up to that date, and is the last.
      const end = quarterEnd(y, q) < asOf ? quarterEnd(y, q) : asOf;
      if (lastEnd >= asOf) {
        git(dir, ['tag', BASE]);
        return { dir, commits, rewrites };
      }
      const day = nextMonth10(end);
      round++;
      if (round === 18) {
        format.crlf = true;
        writeLedger(fixtureLedger, join(dir, LEDGER), lastEnd, format);
        commit(dir, '维修资金账目用 Excel 另存(换行符变为 CRLF)', `${day.slice(0, 8)}05`);
        rewrites.push('crlf');
        commits++;
      }
      if (round === 30) {
        format.general = true;
        writeLedger(fixtureLedger, join(dir, LEDGER), lastEnd, format);
        commit(dir, '维修资金账目金额改为常规数字格式(重新录入)', `${day.slice(0, 8)}05`);
        rewrites.push('general-number');
        commits++;
      }
      writeLedger(fixtureLedger, join(dir, LEDGER), end, format);
      commit(dir, `${y}年第${q}季度维修资金收支`, day);
      lastEnd = end;
      commits++;
      if (round % 8 === 0) {
        correctHouseholds(dir, round);
        commit(dir, `更正两个小区的户数(${y}年第${q}季度复核)`, `${day.slice(0, 8)}20`);
        commits++;
      }
    }
  }
}

/** One more commit, as the next working day would bring: a recount and a ledger description fixed. */
export function addOneCommit(dir: string, date: string): void {
  correctHouseholds(dir, 999, 1);
  const file = join(dir, LEDGER);
  // The ledger's last line is the newest entry of the last compound: its description gets a correction note.
  const text = readFileSync(file, 'utf8');
  const nl = text.includes('\r\n') ? '\r\n' : '\n';
  const body = text.endsWith(nl) ? text.slice(0, -nl.length) : text;
  const at = body.lastIndexOf(nl) + nl.length;
  const cells = Papa.parse<string[]>(body.slice(at), { delimiter: ',' }).data[0] ?? [];
  cells[7] = `${cells[7] ?? ''}(摘要更正)`;
  writeFileSync(file, body.slice(0, at) + cells.map(csvCell).join(',') + nl);
  commit(dir, '更正一个小区户数和一笔维修资金摘要', date);
}

/** Back to the built history (drop the commit a previous run added); false when the repository is not usable. */
export function resetHistoryRepo(dir: string): boolean {
  try {
    git(dir, ['reset', '-q', '--hard', BASE]);
    return git(dir, ['status', '--porcelain']).trim() === '';
  } catch {
    return false;
  }
}
