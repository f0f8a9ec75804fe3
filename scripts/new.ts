/**
 * npm run new -- <kind> <id> [--compound <id>] [--committee <id>]
 *   kinds: compound firm source committee member contract fee collection ledger revenue honour evaluation correction notice
 *   ledger: npm run new -- ledger <compound_id>   (the entry id is the next number)
 *
 * Appends a row with the id (and the compound or committee it belongs to) to
 * data/<table>.csv, or creates src/content/notices/<id>.mdx, and lists the
 * required fields still to fill; `npm run check` flags each until filled.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { TABLES } from '../src/lib/schema/tables.ts';
import { ID_RE } from '../src/lib/schema/patterns.ts';
import { appendRow, KINDS, noticeSkeleton, ScaffoldError, type RowKind } from './staff/scaffold.ts';

const USAGE = `用法:npm run new -- <类型> <编号> [--compound 小区编号] [--committee 届次编号]
类型:${[...Object.keys(KINDS), 'notice'].join('、')}
维修资金流水:npm run new -- ledger <小区编号>(流水编号自动顺延)`;

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const NEEDS_COMPOUND = new Set<string>(['committee', 'contract', 'fee', 'collection', 'ledger', 'revenue', 'notice']);

function main() {
  let args;
  try {
    args = parseArgs({
      allowPositionals: true,
      options: { compound: { type: 'string' }, committee: { type: 'string' } },
    });
  } catch (e) {
    fail(`${(e as Error).message}\n${USAGE}`);
  }
  const [kind, idArg] = args.positionals;
  if (!kind || args.positionals.length > 2) fail(USAGE);
  if (kind !== 'notice' && !(kind in KINDS)) fail(`不认识的类型“${kind}”。\n${USAGE}`);

  // For a ledger entry the positional is the compound; the entry id is generated.
  const compound = kind === 'ledger' ? idArg : args.values.compound;
  const id = kind === 'ledger' ? undefined : idArg;
  if (kind !== 'ledger' && !id) fail(`请写出编号。\n${USAGE}`);
  if (NEEDS_COMPOUND.has(kind) && !compound)
    fail(
      `新建${kind === 'notice' ? '公告' : TABLES[KINDS[kind as RowKind]].title}需要小区编号:${kind === 'ledger' ? 'npm run new -- ledger <小区编号>' : '--compound <小区编号>'}`,
    );
  if (kind === 'member' && !args.values.committee) fail('新建业委会成员需要届次编号:--committee <届次编号>');
  if (compound && !ID_RE.test(compound)) fail(`小区编号“${compound}”格式不对`);

  if (kind === 'notice') {
    const file = `src/content/notices/${id}.mdx`;
    if (!ID_RE.test(id!)) fail(`公告编号“${id}”格式不对:只用小写拼音字母、数字和连字符`);
    if (existsSync(file)) fail(`${file} 已经存在,请换一个编号`);
    writeFileSync(file, noticeSkeleton(compound!));
    console.log(
      `已新建公告 ${file}。请填写标题(title)、类型(kind)、日期(date)、摘要(summary)、来源(source),写好正文后运行 npm run check。`,
    );
    return;
  }

  const table = KINDS[kind as RowKind];
  const file = `data/${table}.csv`;
  const preset: Record<string, string> = {};
  if (compound) preset.compound_id = compound;
  if (args.values.committee) preset.committee_id = args.values.committee;
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const result = appendRow(table, text, id, preset);
  writeFileSync(file, result.text);
  console.log(`已在${TABLES[table].title}(${file})末尾新增一行,编号 ${result.id}。`);
  if (result.toFill.length > 0) {
    console.log('还需要填写这些必填项(填好之前 npm run check 会报“必填项为空”):');
    for (const f of result.toFill) console.log(`  「${f.title}」(${f.name}),例如 ${f.example}`);
  }
  console.log('选填项可以留空。填好后运行 npm run check。');
}

try {
  main();
} catch (e) {
  if (e instanceof ScaffoldError) fail(e.message);
  fail(`新建失败:${e instanceof Error ? e.message : String(e)}`);
}
