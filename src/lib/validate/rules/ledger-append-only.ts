/**
 * The maintenance-fund ledger is append-only: compared with the ledger at the
 * previous published commit (src/lib/ledger/git-base.ts: merge base with main,
 * or `npm run check -- --base <rev>` / GONGSHI_LEDGER_BASE), no existing row may
 * be edited or deleted. Outside git or without a base the check cannot run; it
 * says so on stderr (once per process and reason) instead of passing silently.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseCsv } from '../../dataset/read-csv.ts';
import { compareLedgers } from '../ledger/append-only.ts';
import { BASE_ENV, readBaseFile } from '../ledger/git-base.ts';
import { columnsOf } from '../../schema/tables.ts';
import { issue } from '../../messages/catalogue.ts';
import type { DataIssue } from '../../messages/issue.ts';
import type { Rule } from '../types.ts';

const noted = new Set<string>();

/** The explicit "could not run" note; exported so tests can see it was given. */
export function appendOnlyNote(reason: string): string {
  return `注意:未能检查维修资金流水是否只追加(${reason})。发布前请在 git 仓库中运行 npm run check -- --base <上次发布的提交>,或设置 ${BASE_ENV}。`;
}

function note(reason: string): void {
  const text = appendOnlyNote(reason);
  if (noted.has(text)) return;
  noted.add(text);
  console.warn(text);
}

export const ledgerAppendOnly: Rule = (ctx) => {
  const table = ctx.tables.fund_ledger;
  const abs = path.resolve(ctx.root, table.file);
  const gitPath = path.relative(ctx.root, abs).split(path.sep).join('/');
  if (gitPath.startsWith('..')) {
    note(`${table.file} 不在项目目录内`);
    return [];
  }
  const base = readBaseFile(ctx.root, gitPath);
  if (!base.ok) {
    note(base.reason);
    return [];
  }
  // A ledger that did not exist at the base has nothing published to protect.
  if (base.bytes === undefined) return [];
  let current: Uint8Array;
  try {
    current = readFileSync(abs);
  } catch {
    return []; // the loader reports the missing file
  }
  const columns = columnsOf('fund_ledger').map((c) => ({ name: c.name, title: c.meta.title }));
  const before = parseCsv(base.bytes, table.file, columns).rows;
  const now = parseCsv(current, table.file, columns).rows;
  const label = base.rev === base.commit ? base.commit.slice(0, 10) : `${base.rev} = ${base.commit.slice(0, 10)}`;
  const issues: DataIssue[] = [];
  for (const c of compareLedgers(before, now)) {
    if (c.kind === 'deleted') {
      issues.push(
        issue(
          'ledger-deleted',
          { file: table.file, line: c.line, column: 1, columnName: 'id' },
          {
            id: c.id,
            base: label,
            line: c.line,
          },
        ),
      );
    } else {
      issues.push(
        issue('ledger-edited', ctx.at('fund_ledger', c.line, c.column), {
          id: c.id,
          column: c.column,
          base: label,
          before: c.before,
          after: c.after,
        }),
      );
    }
  }
  return issues;
};
