/**
 * Property: the cached check (src/lib/validate/cached.ts) refuses exactly what the full check
 * refuses. A fixture is edited at random — a cell broken or changed to another row's value, a
 * referenced row removed, an id duplicated, a phone number or room address written into a cell
 * or an article, the as-of date moved, a table deleted, an error case's files laid over it,
 * everything put back — and after every edit the cached check, warm from the states before,
 * must give the full check's issues (every kind, message, fix, file:line:column) and row
 * counts; run again at once it must take every table and every keepable step from the cache
 * and still agree. A corrupt, truncated or foreign entry is never trusted.
 */
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { serialize } from 'node:v8';
import fc from 'fast-check';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDataset } from '../../../src/lib/validate/index.ts';
import { checkWithCache, type CachedCheck } from '../../../src/lib/validate/cached.ts';
import { CheckCache } from '../../../src/lib/validate/check-cache.ts';
import { readSnapshot, writeSnapshot } from '../../../src/lib/validate/snapshot.ts';
import { STEPS } from '../../../src/lib/validate/rules/index.ts';
import {
  chunkBody,
  chunkBytes,
  chunkHash,
  ledgerChunking,
  splitLedger,
  type LedgerSplit,
} from '../../../src/lib/validate/ledger-chunks.ts';
import { CONTEXT_TABLES } from '../../../src/lib/validate/chunk-context.ts';
import { stopIdleWorkers } from '../../../src/lib/validate/chunk-pool.ts';
import { unseal } from '../../../src/lib/validate/sealed.ts';
import { packTable } from '../../../src/lib/validate/snapshot-tables.ts';
import { TABLE_NAMES } from '../../../src/lib/schema/tables.ts';
import { errorCases, materialize, VALID_DIR } from './fixtures.ts';

const ERRORS_DIR = path.join(VALID_DIR, '..', 'errors');
const dirs: string[] = [];
// A chunk per compound (a city's chunks hold many): the fixture's small ledger then has several.
const chunking = { ...ledgerChunking };
beforeAll(() => Object.assign(ledgerChunking, { minBytes: 1, every: 1 }));
afterAll(async () => {
  Object.assign(ledgerChunking, chunking);
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function scratch(): Promise<{ root: string; cache: string; rows: string }> {
  const root = await materialize();
  const cache = await mkdtemp(path.join(tmpdir(), 'gongshi-check-cache-'));
  const rows = await mkdtemp(path.join(tmpdir(), 'gongshi-check-rows-'));
  dirs.push(root, cache, rows);
  return { root, cache, rows };
}

/** Steps whose result is never kept: the allowance register (reads every privacy step) and, without a published base, the append-only note. */
const NEVER_KEPT = 2;

async function same(root: string, cache: string, neverKept = NEVER_KEPT): Promise<CachedCheck> {
  const full = await checkDataset({ root });
  const cached = await checkWithCache({ root }, cache);
  expect(cached.issues).toEqual(full.issues);
  expect(cached.rows).toBe(Object.values(full.tables).reduce((n, t) => n + t.rows.length, 0));
  expect(cached.articles).toBe(full.content.length);
  // Nothing changed since: all from the cache, and still the same answer.
  const again = await checkWithCache({ root }, cache);
  expect(again.issues).toEqual(full.issues);
  expect(again.files.reused).toBe(again.files.all);
  expect(again.steps.reused).toBe(STEPS.length - neverKept);
  return cached;
}

/**
 * The incremental build's path (typed rows kept, `dataset()` from them and the changed files):
 * the full check's dataset, every table, row, line, entry and issue; again at once, with no
 * table typed from its file.
 */
async function sameDataset(root: string, cache: string): Promise<CachedCheck> {
  const full = await checkDataset({ root });
  const kept = await checkWithCache({ root }, cache, { keepRows: true });
  expect(await kept.dataset()).toStrictEqual(full);
  // Read back by column (kept-rows.ts): each row's keys, an undefined cell's key included.
  const again = await checkWithCache({ root }, cache, { keepRows: true });
  expect(await again.dataset()).toStrictEqual(full);
  expect(again.typed).toEqual([]);
  return kept;
}

const VALUES = [
  '',
  'x',
  '2031-01-01',
  '1999-02-30',
  '-5',
  '12.345',
  'demo-nope',
  '13812345678',
  '联系人 138 1234 5678',
  '3号楼2单元501室',
  'zhang@example.com',
  '"',
  '是',
  '支出',
  '0',
];

type Edit =
  | { kind: 'cell'; table: number; row: number; column: number; value: number; copy: boolean }
  | { kind: 'drop'; table: number; row: number }
  | { kind: 'duplicate'; table: number; row: number }
  | { kind: 'restore'; table: number }
  | { kind: 'delete'; table: number }
  | { kind: 'article'; file: number; value: number }
  | { kind: 'front-matter'; file: number; value: number }
  | { kind: 'as-of'; year: number }
  | { kind: 'ledger'; op: 'cell' | 'insert' | 'drop' | 'newline' | 'grow'; row: number; column: number; value: number }
  | { kind: 'resave'; bom: boolean; crlf: boolean }
  | { kind: 'overlay'; errorCase: number }
  | { kind: 'reset' };

const nat = fc.nat({ max: 1000 });
const edit: fc.Arbitrary<Edit> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('cell' as const),
      table: nat,
      row: nat,
      column: nat,
      value: nat,
      copy: fc.boolean(),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('drop' as const), table: nat, row: nat }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('duplicate' as const), table: nat, row: nat }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('restore' as const), table: nat }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), table: nat }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('article' as const), file: nat, value: nat }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('front-matter' as const), file: nat, value: nat }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('as-of' as const), year: fc.integer({ min: 2018, max: 2026 }) }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('overlay' as const), errorCase: nat }) },
  {
    weight: 10,
    arbitrary: fc.record({
      kind: fc.constant('ledger' as const),
      op: fc.constantFrom('cell' as const, 'insert' as const, 'drop' as const, 'newline' as const, 'grow' as const),
      row: nat,
      column: nat,
      value: nat,
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('resave' as const), bom: fc.boolean(), crlf: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reset' as const) }) },
);

const pick = <T>(list: readonly T[], n: number): T | undefined =>
  list.length === 0 ? undefined : list[n % list.length];

function files(dir: string, ext: RegExp): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => ext.test(f))
    .sort();
}

async function apply(root: string, e: Edit, cases: string[]): Promise<void> {
  const csv = (n: number) => path.join(root, 'data', `${pick(TABLE_NAMES, n)}.csv`);
  const rowsOf = (file: string) =>
    Papa.parse<string[]>(readFileSync(file, 'utf8'), { header: false, skipEmptyLines: true }).data;
  const write = (file: string, rows: string[][]) => writeFileSync(file, `${Papa.unparse(rows, { newline: '\n' })}\n`);
  switch (e.kind) {
    case 'cell':
    case 'drop':
    case 'duplicate': {
      const file = csv(e.table);
      if (!existsSync(file)) return;
      const rows = rowsOf(file);
      if (rows.length < 2) return;
      const at = 1 + (e.row % (rows.length - 1));
      const row = rows[at] as string[];
      if (e.kind === 'drop') rows.splice(at, 1);
      else if (e.kind === 'duplicate') rows.splice(at, 0, [...row]);
      else {
        const column = e.column % Math.max(1, row.length);
        // Another row's value of the same column: a plausible edit that may duplicate or fix.
        const other = rows[1 + ((e.value + 1) % (rows.length - 1))]?.[column];
        row[column] = e.copy && other !== undefined ? other : (pick(VALUES, e.value) as string);
      }
      write(file, rows);
      return;
    }
    case 'restore':
    case 'delete': {
      const name = `${pick(TABLE_NAMES, e.table)}.csv`;
      if (e.kind === 'delete') await rm(path.join(root, 'data', name), { force: true });
      else await cp(path.join(VALID_DIR, 'data', name), path.join(root, 'data', name));
      return;
    }
    case 'article': {
      const content = path.join(root, 'src/content');
      const file = pick(files(content, /\.mdx?$/), e.file);
      if (file === undefined) return;
      const abs = path.join(content, file);
      await writeFile(abs, `${await readFile(abs, 'utf8')}\n联系:${pick(VALUES, e.value)}\n`);
      return;
    }
    case 'front-matter': {
      // A reference to a row (compound, source, district…) pointed elsewhere, or a date or title changed.
      const content = path.join(root, 'src/content');
      const file = pick(files(content, /\.mdx?$/), e.file);
      if (file === undefined) return;
      const abs = path.join(content, file);
      const text = await readFile(abs, 'utf8');
      const keys = [...text.matchAll(/^(\w+): .+$/gm)];
      const key = pick(keys, e.value);
      if (key === undefined) return;
      const value = pick(
        ['demo-nope', 'demo-meiyuan', 'demo-lanting', 'huangpu', "'2031-01-01'", 'x'],
        e.value,
      ) as string;
      await writeFile(abs, text.replace(key[0], `${key[1]}: ${value}`));
      return;
    }
    case 'ledger': {
      // Edits inside the fund ledger, read in chunks by the cached check: a cell, a row inserted
      // or dropped (the lines after it shift), a quoted field over two lines, a compound's rows added.
      const file = path.join(root, 'data/fund_ledger.csv');
      if (!existsSync(file)) return;
      const rows = rowsOf(file);
      if (rows.length < 2) return;
      const at = 1 + (e.row % (rows.length - 1));
      const row = rows[at] as string[];
      const header = rows[0] as string[];
      const column = (name: string) => Math.max(0, header.indexOf(name));
      if (e.op === 'cell') {
        const c = e.column % Math.max(1, row.length);
        const other = rows[1 + ((e.value + 1) % (rows.length - 1))]?.[c];
        row[c] = e.value % 2 === 0 && other !== undefined ? other : (pick(VALUES, e.value) as string);
      } else if (e.op === 'insert') {
        const copy = [...row];
        copy[column('id')] = `${row[column('id')]}-i${e.value}`;
        rows.splice(at + (e.column % 2), 0, copy);
      } else if (e.op === 'drop') rows.splice(at, 1);
      else if (e.op === 'newline') {
        // The second line may look like a row of another compound: a cut there would split the field.
        const second = pick(
          ['第二行', `x,${pick(['demo-meiyuan', 'demo-lanting', 'demo-q'], e.value)},2020-01-01`],
          e.column,
        );
        row[column('description')] = `第一行\n${second}`;
      } else {
        const compound = row[column('compound_id')];
        const to = pick(['demo-meiyuan', 'demo-lanting', `demo-g${e.value}`], e.column) as string;
        const block = rows.filter((r) => r[column('compound_id')] === compound);
        rows.push(
          ...block.map((r) => {
            const copy = [...r];
            copy[column('id')] = `${to}-g${e.value}-${r[column('id')]}`;
            copy[column('compound_id')] = to;
            return copy;
          }),
        );
      }
      write(file, rows);
      return;
    }
    case 'resave': {
      // Excel or WPS saving the ledger again: a BOM, CRLF line ends, the same rows.
      const file = path.join(root, 'data/fund_ledger.csv');
      if (!existsSync(file)) return;
      let text = readFileSync(file, 'utf8')
        .replace(/^\uFEFF/, '')
        .replace(/\r\n/g, '\n');
      if (e.crlf) text = text.replace(/\n/g, '\r\n');
      writeFileSync(file, `${e.bom ? '\uFEFF' : ''}${text}`);
      return;
    }
    case 'as-of': {
      const file = path.join(root, 'data/dataset.json');
      if (!existsSync(file)) return;
      const text = readFileSync(file, 'utf8').replace(/"as_of":\s*"\d{4}/, `"as_of": "${e.year}`);
      writeFileSync(file, text);
      return;
    }
    case 'overlay': {
      const name = pick(cases, e.errorCase) as string;
      const overlay = path.join(ERRORS_DIR, name);
      await cp(overlay, root, { recursive: true, filter: (src) => !['DELETE', 'GROW'].includes(path.basename(src)) });
      const deletions = await readFile(path.join(overlay, 'DELETE'), 'utf8').catch(() => '');
      for (const p of deletions.split('\n').filter(Boolean)) await rm(path.join(root, p), { force: true });
      return;
    }
    case 'reset': {
      for (const entry of await readdir(root)) await rm(path.join(root, entry), { recursive: true, force: true });
      await cp(VALID_DIR, root, { recursive: true });
      return;
    }
  }
}

describe('check cache', () => {
  it('refuses exactly what the full check refuses, over random sequences of edits', async () => {
    const cases = (await errorCases()).filter((c) => !existsSync(path.join(ERRORS_DIR, c, 'GROW')));
    let reusedWhileChanging = 0;
    const typedWhileChanging = { all: 0, typed: 0 };
    const chunks = { used: 0, reused: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 2, maxLength: 8 }), async (edits) => {
        const { root, cache, rows } = await scratch();
        try {
          await same(root, cache);
          await sameDataset(root, rows);
          for (const e of edits) {
            await apply(root, e, cases);
            const cached = await same(root, cache);
            const kept = await sameDataset(root, rows);
            typedWhileChanging.all += TABLE_NAMES.length;
            typedWhileChanging.typed += kept.typed.length;
            reusedWhileChanging += cached.steps.reused;
            if (cached.chunks.used) chunks.used++;
            chunks.reused += cached.chunks.reused;
          }
        } finally {
          await rm(root, { recursive: true, force: true });
          await rm(cache, { recursive: true, force: true });
          await rm(rows, { recursive: true, force: true });
        }
      }),
      { numRuns: 10, seed: 15015, endOnFailure: true },
    );
    // The datasets were assembled mostly from kept rows, not typed again from every file.
    expect(typedWhileChanging.typed).toBeGreaterThan(0);
    expect(typedWhileChanging.typed).toBeLessThan(typedWhileChanging.all / 2);
    // The edits above were checked from a warm cache, not from nothing each time.
    expect(reusedWhileChanging).toBeGreaterThan(0);
    // The ledger was checked from its chunks, some of them kept from before the edit.
    expect(chunks.used).toBeGreaterThan(0);
    expect(chunks.reused).toBeGreaterThan(0);
  }, 600_000);

  it('refuses every error case as the full check does, warm from the valid fixture', async () => {
    const { root, cache, rows } = await scratch();
    await same(root, cache);
    await sameDataset(root, rows);
    // Some cases are the importer's (the data itself is fine): they must pass both ways alike.
    let refused = 0;
    for (const name of await errorCases()) {
      if (existsSync(path.join(ERRORS_DIR, name, 'GROW'))) continue; // 10 MB of zeros: attachments.test.ts
      await apply(root, { kind: 'overlay', errorCase: (await errorCases()).indexOf(name) }, await errorCases());
      const full = await checkDataset({ root });
      if (full.issues.length > 0) refused++;
      const cached = await checkWithCache({ root }, cache);
      expect(cached.issues, name).toEqual(full.issues);
      // The build's path: the same located issues, and the same rows beside them.
      const kept = await checkWithCache({ root }, rows, { keepRows: true });
      expect(await kept.dataset(), name).toEqual(full);
      await apply(root, { kind: 'reset' }, []);
    }
    expect(refused).toBeGreaterThan(50);
  }, 600_000);

  it('never trusts an entry that is corrupt, truncated or made for other folders', async () => {
    const a = await scratch();
    const b = await scratch();
    await apply(
      a.root,
      { kind: 'overlay', errorCase: (await errorCases()).indexOf('duplicate-id') },
      await errorCases(),
    );
    await same(a.root, a.cache);
    await same(b.root, b.cache);
    const names = await readdir(a.cache, { recursive: true });
    const entries = names.filter((n) => n.endsWith('.bin'));
    expect(entries.length).toBeGreaterThan(TABLE_NAMES.length);
    // b's entries copied over a's: another root, so another key; every one is refused.
    await cp(b.cache, a.cache, { recursive: true });
    const foreign = await checkWithCache({ root: a.root }, a.cache);
    expect(foreign.files.reused).toBe(0);
    expect(foreign.issues).toEqual((await checkDataset({ root: a.root })).issues);
    // One bit flipped, or cut short: refused too, then written again.
    for (const [i, n] of entries.entries()) {
      const file = path.join(a.cache, n);
      const bytes = readFileSync(file);
      if (i % 2 === 0) bytes.writeUInt8(bytes.readUInt8(bytes.length - 3) ^ 1, bytes.length - 3);
      writeFileSync(file, i % 2 === 0 ? bytes : bytes.subarray(0, bytes.length >> 1));
    }
    const corrupt = await checkWithCache({ root: a.root }, a.cache);
    expect(corrupt.files.reused).toBe(0);
    expect(corrupt.steps.reused).toBe(0);
    expect(corrupt.issues).toEqual((await checkDataset({ root: a.root })).issues);
    await same(a.root, a.cache);
  });

  it('keeps an entry only for the key it was written under', async () => {
    const { cache } = await scratch();
    new CheckCache(cache, 'one').put('x', [['table:a', 'h1']], 42);
    expect(new CheckCache(cache, 'one').get('x', () => 'h1')).toBe(42);
    expect(new CheckCache(cache, 'one').get('x', () => 'h2')).toBeUndefined();
    expect(new CheckCache(cache, 'two').get('x', () => 'h1')).toBeUndefined();
  });
});

describe('the fund ledger in chunks', () => {
  it('reads again only the chunks whose rows changed, and the lines after an inserted row stay exact', async () => {
    const { root, cache } = await scratch();
    const file = path.join(root, 'data/fund_ledger.csv');
    const [header, ...body] = readFileSync(file, 'utf8').trimEnd().split('\n');
    // Four more compounds with 兰亭's rows, the last one's first row dated after the as-of date.
    const blocks = ['a', 'b', 'c', 'd'].map((k) =>
      body.filter((l) => l.includes(',demo-lanting,')).map((l) => l.replaceAll('demo-lanting', `demo-lanting${k}`)),
    );
    const [, b0, c0, d] = blocks as [string[], string[], string[], string[]];
    d[0] = (d[0] as string).replace('2019-01-10', '2031-01-10');
    // A cell its column refuses, and dates in Excel's display form in two chunks (one issue, counted over both).
    c0[3] = (c0[3] as string).replace(',9000,', ',九千,');
    b0[1] = (b0[1] as string).replace('2020-03-15', '2020/3/15');
    d[4] = (d[4] as string).replace('2021-05-02', '2021/5/2');
    const write = (lines: string[][]) => writeFileSync(file, `${[header, ...body, ...lines.flat()].join('\n')}\n`);
    write(blocks);
    const first = await same(root, cache);
    expect(first.chunks).toEqual({ all: 6, reused: 0, used: true });
    expect(first.issues.find((i) => i.kind === 'future-date')?.line).toBe(27);
    expect(first.issues.find((i) => i.kind === 'excel-display')).toMatchObject({ line: 16 });
    expect(first.issues.find((i) => i.kind === 'excel-display')?.message).toContain('有 2 格');
    // A description edited in one compound, a row inserted into another: two chunks read again.
    const [a, b] = blocks as [string[], string[]];
    b[2] = (b[2] as string).replace('年度利息', '年度利息(已核对)');
    a.splice(1, 0, (a[0] as string).replace('demo-lantinga-0001', 'demo-lantinga-0000'));
    write(blocks);
    const edited = await same(root, cache);
    expect(edited.chunks).toEqual({ all: 6, reused: 4, used: true });
    expect(edited.issues.find((i) => i.kind === 'future-date')?.line).toBe(28);
  });

  it('gives the same issues and cache entries whichever thread checks the chunks', async () => {
    // The cases that change the ledger or what its chunks' rules read (chunk-context.ts), and the valid fixture.
    const read = new Set(
      [...CONTEXT_TABLES, 'fund_ledger', 'committee_members', 'honours'].map((t) => `data/${t}.csv`),
    ).add('data/dataset.json');
    const touches = (c: string) =>
      existsSync(path.join(ERRORS_DIR, c, 'DELETE')) || [...read].some((f) => existsSync(path.join(ERRORS_DIR, c, f)));
    const cases = [undefined, ...(await errorCases()).filter(touches)];
    expect(cases.length).toBeGreaterThan(20);
    // Each entry as it reads back (what it was computed from, and its value): V8 may write equal values in other bytes
    // (a string in one or two bytes a character, an array dense or not), depending on what the engine did before.
    const files = (dir: string) =>
      Object.fromEntries(readdirSync(dir).map((f) => [f, unseal(readFileSync(path.join(dir, f)))]));
    for (const errorCase of cases) {
      const root = await materialize(errorCase);
      const [alone, shared] = [await scratch(), await scratch()].map((s) => s.cache) as [string, string];
      dirs.push(root);
      const one = await checkWithCache({ root }, alone, { workerChunks: Number.POSITIVE_INFINITY });
      const two = await checkWithCache({ root }, shared, { workerChunks: 1 });
      expect(two.issues, errorCase).toEqual(one.issues);
      expect(one.chunks.onWorker).toBeUndefined();
      expect(one.tablesOnWorker).toEqual([]);
      expect(files(shared), errorCase).toEqual(files(alone));
      // Which thread takes a chunk is a race, but the first is the worker's alone.
      expect(two.chunks.onWorker, errorCase).toBeGreaterThan(0);
      expect(two.tablesOnWorker, errorCase).toEqual(['public_revenue']);
    }
  }, 600_000);

  it('gives the same issues and cache entries with the revenue table typed and checked on the worker', async () => {
    const files = (dir: string) =>
      Object.fromEntries(readdirSync(dir).map((f) => [f, unseal(readFileSync(path.join(dir, f)))]));
    const { root } = await scratch();
    const file = path.join(root, 'data/public_revenue.csv');
    const [row] = readFileSync(file, 'utf8').trimEnd().split('\n').slice(1) as [string];
    // Its own issue (a cell that does not type), and one for each of its steps: a repeated id, a compound
    // that does not exist, a future year, a mobile number; a correction names one of its rows (read here, after the worker).
    const lines = [
      row,
      row,
      row.replace('-2024q1-', '-2024q2-').replace(',18600.00,', ',一万,'),
      row.replace('-2024q1-', '-2024q3-').replace(',demo-lanting,', ',demo-nowhere,'),
      row.replace('-2024q1-', '-2030q1-').replace(',2024,', ',2030,'),
      row.replace('-2024q1-tingche,', '-2024q4-tingche,').replace(',停车,', ',停车 13812345678,'),
    ];
    writeFileSync(file, `${readFileSync(file, 'utf8').split('\n')[0]}\n${lines.join('\n')}\n`);
    const corrections = path.join(root, 'data/corrections.csv');
    writeFileSync(
      corrections,
      `${readFileSync(corrections, 'utf8').trimEnd()}\ndemo-lanting-2024-0009,public_revenue,demo-lanting-2024q1-tingche,income,18600.00,18800.00,2024-05-08,录入错误,demo\n`,
    );
    const [alone, shared] = [await scratch(), await scratch()].map((s) => s.cache) as [string, string];
    const one = await checkWithCache({ root }, alone, { workerChunks: Number.POSITIVE_INFINITY });
    const two = await checkWithCache({ root }, shared, { workerChunks: 1 });
    expect(two.tablesOnWorker).toEqual(['public_revenue']);
    expect(two.issues).toEqual(one.issues);
    expect(two.issues).toEqual((await checkDataset({ root })).issues);
    const kinds = new Set(two.issues.filter((i) => i.file === 'data/public_revenue.csv').map((i) => i.kind));
    for (const kind of ['money', 'duplicate-id', 'ref', 'future-year', 'privacy-mobile'])
      expect(kinds, [...kinds].join()).toContain(kind);
    expect(two.issues.some((i) => i.file === 'data/public_revenue.csv' && i.line === 4)).toBe(true);
    expect(files(shared)).toEqual(files(alone));
    // Warm: every table and keepable step from the cache, the worker not started.
    const again = await checkWithCache({ root }, shared, { workerChunks: 1 });
    expect(again.issues).toEqual(one.issues);
    expect(again.tablesOnWorker).toEqual([]);
    expect(again.files.reused).toBe(again.files.all);
  }, 120_000);

  it('cuts the file as bytes where the compound changes, each chunk a file of its own with the hash of its bytes', () => {
    const ledger = readFileSync(path.join(VALID_DIR, 'data/fund_ledger.csv'), 'utf8');
    const [header, ...body] = ledger.trimEnd().split('\n');
    const compoundOf = (line: string) => line.split(',')[1];
    for (const [form, text] of [
      ['plain', ledger],
      ['with a BOM', `\ufeff${ledger}`],
      ['without the last line break', ledger.trimEnd()],
      ['CRLF', ledger.replaceAll('\n', '\r\n')],
      ['lone CR', ledger.replaceAll('\n', '\r')],
    ] as const) {
      const shared = Buffer.from(new SharedArrayBuffer(Buffer.byteLength(text)));
      shared.write(text);
      const split = splitLedger(shared) as LedgerSplit;
      expect(split.bytes.buffer, form).toBeInstanceOf(SharedArrayBuffer);
      expect(split.head, form).toBe(`${form === 'with a BOM' ? '\ufeff' : ''}${header}\n`);
      // Several chunks with non-ASCII text, cut only where the compound changes, lines counted.
      expect(split.chunks.length, form).toBe(new Set(body.map(compoundOf)).size);
      let lines = 0;
      split.chunks.forEach((c, k) => {
        const own = chunkBody(split, k).replace(/\n$/, '').split('\n');
        expect(c.shift, form).toBe(lines);
        expect(own, form).toEqual(body.slice(lines, lines + own.length));
        expect(new Set(own.map(compoundOf)).size, form).toBe(1);
        expect(chunkBytes(split, k).toString('utf8'), form).toBe(`${header}\n${chunkBody(split, k)}`);
        expect(chunkHash(split, k), form).toBe(createHash('sha256').update(chunkBytes(split, k)).digest('hex'));
        lines += own.length;
      });
      expect(lines, form).toBe(body.length);
      expect(
        split.chunks.some((_, k) => /[^\x00-\x7f]/.test(chunkBody(split, k))),
        form,
      ).toBe(true);
    }
    // A quote in the compound's field may open a field over lines: no cut there, the next line cut instead.
    const lanting = body.filter((l) => compoundOf(l) === 'demo-lanting');
    const quoted = [...lanting, ...lanting.map((l) => l.replaceAll('demo-lanting', 'demo-lantingb'))];
    quoted[lanting.length] = (quoted[lanting.length] as string).replace(',demo-lantingb,', ',"demo-lantingb,');
    const cuts = (splitLedger(Buffer.from([header, ...quoted].join('\n'))) as LedgerSplit).chunks.map((c) => c.shift);
    expect(cuts).toEqual([0, lanting.length + 1]);
    expect(splitLedger(Buffer.from([0xff, 0xfe, 0x0a]))).toBeUndefined();
  });

  it("checks the whole file when a compound's rows are not together", async () => {
    const { root, cache } = await scratch();
    const file = path.join(root, 'data/fund_ledger.csv');
    const text = readFileSync(file, 'utf8');
    const last = text.trimEnd().split('\n').at(-1) as string;
    writeFileSync(
      file,
      `${text}${last.replace('demo-meiyuan-0001', 'demo-meiyuan-0000').replace('demo-meiyuan,', 'demo-lanting,')}\n`,
    );
    const cached = await same(root, cache);
    expect(cached.chunks.used).toBe(false);
  });
});

describe('the typed rows kept for the build', () => {
  it("types again only the tables a compound's edit changed, and keeps the ledger's chunks", async () => {
    const { root, rows } = await scratch();
    const first = await sameDataset(root, rows);
    expect(first.typed.length).toBe(TABLE_NAMES.length);
    // The benchmark's edit (scripts/bench/republish.ts): a fee row's collected amount, the compound's note.
    const edit = (name: string, id: string, column: string, value: (v: string) => string) => {
      const file = path.join(root, 'data', `${name}.csv`);
      const table = Papa.parse<string[]>(readFileSync(file, 'utf8'), { header: false, skipEmptyLines: true }).data;
      const at = (table[0] as string[]).indexOf(column);
      const row = table.find((r) => r[0] === id) as string[];
      row[at] = value(row[at] as string);
      writeFileSync(file, `${Papa.unparse(table, { newline: '\n' })}\n`);
    };
    edit('fee_collection', 'demo-lanting-2025', 'collected', () => '590001.5');
    edit('compounds', 'demo-lanting', 'note', (v) => `${v}2025年物业费实收更正`);
    const edited = await sameDataset(root, rows);
    expect([...edited.typed].sort()).toEqual(['compounds', 'fee_collection']);
    expect(edited.files.reused).toBe(edited.files.all - 2);
    // A compound's note is not a ledger row's reference: no chunk read again.
    expect(edited.chunks).toEqual({ all: 0, reused: 0, used: false });
    // One ledger row's description: that compound's chunk is typed and checked again, the others are kept.
    edit('fund_ledger', 'demo-lanting-0001', 'description', (v) => `${v}(已核对)`);
    const ledger = await sameDataset(root, rows);
    expect(ledger.typed).toEqual(['fund_ledger']);
    expect(ledger.chunks.used).toBe(true);
    expect(ledger.chunks.reused).toBe(ledger.chunks.all - 1);
    // Renaming a compound's id is: the ledger's references are checked again, and refused.
    edit('compounds', 'demo-lanting', 'id', () => 'demo-lanting-renamed');
    const renamed = await sameDataset(root, rows);
    expect(renamed.issues.some((i) => i.file === 'data/fund_ledger.csv' && i.kind === 'ref')).toBe(true);
  });

  it('is never trusted when a kept entry is corrupt or cut short', async () => {
    const { root, rows } = await scratch();
    await sameDataset(root, rows);
    const entries = readdirSync(rows).filter((n) => n.startsWith('rows-') || n === 'content-entries.bin');
    // Every table's rows but the ledger's, kept per chunk (the fixture's ledger cut at each compound).
    for (const name of TABLE_NAMES.filter((n) => n !== 'fund_ledger')) expect(entries).toContain(`rows-${name}.bin`);
    expect(entries.filter((n) => n.startsWith('rows-chunk-')).length).toBeGreaterThan(1);
    for (const [i, n] of entries.entries()) {
      const file = path.join(rows, n);
      const bytes = readFileSync(file);
      if (i % 2 === 0) bytes.writeUInt8(bytes.readUInt8(bytes.length - 3) ^ 1, bytes.length - 3);
      writeFileSync(file, i % 2 === 0 ? bytes : bytes.subarray(0, bytes.length >> 1));
    }
    const corrupt = await checkWithCache({ root }, rows, { keepRows: true });
    expect(await corrupt.dataset()).toEqual(await checkDataset({ root }));
    expect(corrupt.typed.length).toBe(TABLE_NAMES.length);
  });
});

describe('validated snapshot from the cached check', () => {
  it('holds the dataset the full check gives, warm or cold', async () => {
    const { root, cache } = await scratch();
    const full = await checkDataset({ root });
    const cold = await checkWithCache({ root }, cache);
    expect(await cold.dataset()).toEqual(full);
    const warm = await checkWithCache({ root }, cache);
    expect(warm.files.reused).toBe(warm.files.all);
    const file = path.join(cache, 'snapshot.bin');
    // Keyed by the hashes the check took (cached.ts `inputs`): the shard, hashing the files itself, agrees.
    writeSnapshot(file, { root }, await warm.snapshotDataset(), warm.inputs);
    expect(readSnapshot(file, { root })).toEqual(full);
  });

  it('takes the ledger from the rows its chunks were typed into, on either thread, not from the file again', async () => {
    const ledgerBytes: Buffer[] = [];
    for (const workerChunks of [1, Number.POSITIVE_INFINITY]) {
      const { root, cache } = await scratch();
      const full = await checkDataset({ root });
      const cold = await checkWithCache({ root }, cache, { wholeDataset: true, workerChunks });
      expect(cold.chunks.used).toBe(true);
      if (workerChunks === 1) expect(cold.chunks.onWorker).toBeGreaterThan(0);
      // Read again, the file would be refused as changed during the check (bytesAsHashed).
      const ledger = path.join(root, 'data/fund_ledger.csv');
      const before = readFileSync(ledger);
      writeFileSync(ledger, `${before.toString('utf8')}\n`);
      expect(await cold.dataset()).toStrictEqual(full);
      // For the snapshot, by column as each chunk was packed when typed: what packing the whole ledger gives,
      // in the same bytes whichever thread packed each chunk.
      const snap = await cold.snapshotDataset();
      expect(snap.tables.fund_ledger).toStrictEqual(packTable(full.tables.fund_ledger));
      ledgerBytes.push(serialize(snap.tables.fund_ledger));
      const file = path.join(cache, 'snapshot.bin');
      writeSnapshot(file, { root }, snap, cold.inputs);
      // Keyed by the ledger the check read: the file changed since, the snapshot is refused; restored, it stands.
      expect(readSnapshot(file, { root })).toMatch(/不是由当前的数据/);
      writeFileSync(ledger, before);
      expect(readSnapshot(file, { root })).toStrictEqual(full);
    }
    expect(ledgerBytes[0]).toEqual(ledgerBytes[1]);
  });

  it('gives a build the full check’s dataset on two threads with no cache read or written', async () => {
    const { root } = await scratch();
    const full = await checkDataset({ root });
    const cold = await checkWithCache({ root }, undefined, { wholeDataset: true, workerChunks: 1, ownStrings: true });
    expect(cold.chunks.onWorker).toBeGreaterThan(0);
    expect(await cold.dataset()).toStrictEqual(full);
    // Nothing kept: the same check again types and checks everything again.
    const again = await checkWithCache({ root }, undefined, { workerChunks: 1 });
    expect(again.files.reused).toBe(0);
    expect(again.steps.reused).toBe(0);
  });
});

describe("the check's worker thread", () => {
  it('is started once for the checks of a process, not once a check', async () => {
    const threads: (number | undefined)[] = [];
    for (let i = 0; i < 3; i++) {
      const { root, cache } = await scratch();
      const cold = await checkWithCache({ root }, cache, { workerChunks: 1 });
      expect(cold.chunks.onWorker).toBeGreaterThan(0);
      expect(cold.issues).toEqual((await checkDataset({ root })).issues);
      threads.push(cold.chunks.thread);
    }
    expect(threads[0]).toBeGreaterThan(0);
    expect(new Set(threads).size).toBe(1);
  });

  it('is let go when a process that checks once asks (a build’s gate), and started again for a next check', async () => {
    const { root, cache } = await scratch();
    const first = await checkWithCache({ root }, cache, { workerChunks: 1 });
    stopIdleWorkers();
    const next = await checkWithCache({ root }, undefined, { workerChunks: 1 });
    expect(next.chunks.onWorker).toBeGreaterThan(0);
    expect(next.chunks.thread).not.toBe(first.chunks.thread);
    expect(next.issues).toEqual(first.issues);
  });
});

describe('the ledger compared with the last published commit, from the cache', () => {
  it('checks again when the base moves, though the ledger bytes did not change', async () => {
    const { root, cache } = await scratch();
    const git = (...args: string[]) =>
      execFileSync('git', ['-C', root, '-c', 'user.name=t', '-c', 'user.email=t@t.invalid', ...args], {
        stdio: 'pipe',
      });
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    git('commit', '-qm', 'published');
    git('tag', 'published');
    await same(root, cache, 1);
    // A published row edited: refused against the tag.
    const ledger = path.join(root, 'data/fund_ledger.csv');
    writeFileSync(ledger, readFileSync(ledger, 'utf8').replace('1号楼电梯更新', '1号楼电梯更换'));
    const edited = await same(root, cache, 1);
    expect(edited.issues.map((i) => i.kind)).toContain('ledger-edited');
    // Published as it is now: the same bytes, another base, no issue.
    git('commit', '-qam', 'republished');
    git('tag', '-f', 'published');
    const moved = await same(root, cache, 1);
    expect(moved.issues).toEqual([]);
  });
});

describe('the append-only rule from the ledger chunks that differ from the published base', () => {
  const git = (root: string, ...args: string[]) =>
    execFileSync('git', ['-C', root, '-c', 'user.name=t', '-c', 'user.email=t@t.invalid', ...args], { stdio: 'pipe' });
  const publish = (root: string) => {
    git(root, 'add', '-A');
    git(root, 'commit', '-qm', 'published', '--allow-empty');
    git(root, 'tag', '-f', 'published');
  };
  type Step = { kind: 'edit'; edit: Edit } | { kind: 'publish' };
  const ledgerEdit = fc.record({
    kind: fc.constant('ledger' as const),
    op: fc.constantFrom('cell' as const, 'insert' as const, 'drop' as const, 'newline' as const, 'grow' as const),
    row: nat,
    column: nat,
    value: nat,
  });
  const step: fc.Arbitrary<Step> = fc.oneof(
    { weight: 8, arbitrary: fc.record({ kind: fc.constant('edit' as const), edit: ledgerEdit }) },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('edit' as const),
        edit: fc.record({ kind: fc.constant('resave' as const), bom: fc.boolean(), crlf: fc.boolean() }),
      }),
    },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('publish' as const) }) },
  );

  /** The fixture's ledger with three more compounds (兰亭's rows): chunks after the first to edit. */
  const grow = (root: string) => {
    const file = path.join(root, 'data/fund_ledger.csv');
    const [header, ...body] = readFileSync(file, 'utf8').trimEnd().split('\n');
    const blocks = ['a', 'b', 'c'].map((k) =>
      body.filter((l) => l.includes(',demo-lanting,')).map((l) => l.replaceAll('demo-lanting', `demo-lanting${k}`)),
    );
    const write = (lines: string[][]) => writeFileSync(file, `${[header, ...body, ...lines.flat()].join('\n')}\n`);
    write(blocks);
    return { file, blocks, write };
  };

  it('refuses exactly what the whole-file rule refuses, over random ledger edits and releases', async () => {
    const seen = { compared: 0, found: new Set<string>() };
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 3, maxLength: 10 }), async (steps) => {
        const { root, cache } = await scratch();
        git(root, 'init', '-q', '-b', 'main');
        grow(root);
        publish(root);
        for (const s of steps) {
          if (s.kind === 'publish') publish(root);
          else await apply(root, s.edit, []);
          // With a base, the append-only result is kept too: only the allowance register is never kept.
          const cached = await same(root, cache, 1);
          if (cached.chunks.compared !== undefined) {
            seen.compared++;
            for (const i of cached.issues) if (i.kind.startsWith('ledger-')) seen.found.add(i.kind);
          }
        }
      }),
      { numRuns: 8, seed: 15016, endOnFailure: true },
    );
    // The rule ran from the chunks and found published rows deleted and chains broken there (an
    // edited cell at its line: the test below).
    expect(seen.compared).toBeGreaterThan(0);
    expect([...seen.found]).toEqual(expect.arrayContaining(['ledger-deleted', 'ledger-chain']));
  }, 600_000);

  it('reads the whole files when an id of the published ledger stands in two chunks', async () => {
    const { root, cache } = await scratch();
    git(root, 'init', '-q', '-b', 'main');
    const { blocks, write } = grow(root);
    // Published with one id twice (in two compounds); the second is then given an id of its own.
    const [a, b] = blocks as [string[], string[]];
    const id = (a[0] as string).split(',')[0] as string;
    const own = (b[0] as string).split(',')[0] as string;
    b[0] = (b[0] as string).replace(own, id);
    write(blocks);
    publish(root);
    await same(root, cache, 1);
    b[0] = (b[0] as string).replace(id, own);
    write(blocks);
    const cached = await same(root, cache, 1);
    expect(cached.chunks.used).toBe(true);
    expect(cached.chunks.compared).toBeUndefined();
  });

  it('compares only the chunks that changed, with every line where it stands in its file', async () => {
    const { root, cache } = await scratch();
    git(root, 'init', '-q', '-b', 'main');
    const { file, blocks, write } = grow(root);
    publish(root);
    await same(root, cache, 1);
    // In the second added compound: its third row's description edited, its first row dropped.
    const b = blocks[1] as string[];
    const edited = (b[2] as string).replace('年度利息', '年度利息(改)');
    const dropped = b[0] as string;
    blocks[1] = [b[1] as string, edited, ...b.slice(3)];
    write(blocks);
    const cached = await same(root, cache, 1);
    expect(cached.chunks.compared).toBe(1);
    const lineOf = (text: string, row: string) => text.split('\n').indexOf(row) + 1;
    const now = readFileSync(file, 'utf8');
    const published = execFileSync('git', ['-C', root, 'show', 'published:data/fund_ledger.csv'], { encoding: 'utf8' });
    expect(cached.issues.find((i) => i.kind === 'ledger-edited')?.line).toBe(lineOf(now, edited));
    expect(cached.issues.find((i) => i.kind === 'ledger-deleted')?.line).toBe(lineOf(published, dropped));
  });
});
