/**
 * Incremental re-publishing (GONGSHI_INCREMENTAL=1, docs/sharding.md) publishes what a full build
 * publishes. One incremental site is built, then each case edits the fixture (on top of the cases
 * before it) and re-publishes it incrementally into the same output folder, which keeps the last
 * build's pages (src/integrations/out-dir.ts); a full build of the same data into fresh folders
 * must give the same files, byte for byte. A cache key that leaves out an input the page shows
 * (src/lib/routes/page-keys.ts) lets the incremental build keep the stale page and fails its case;
 * so does a page of a deleted compound or notice left in the folder, or a page a build that was
 * stopped halfway left behind.
 */
import { spawn } from 'node:child_process';
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILD_SCRIPT, buildSite, ROOT, siteEnv } from '../../scripts/bench/build-site.ts';
import { editOneCompound } from '../../scripts/bench/republish.ts';
import { generateFixture } from '../../scripts/bench/fixture/generate.ts';
import { filesUnder } from '../../src/lib/util/files.ts';

mkdirSync(join(ROOT, 'bench/work'), { recursive: true });
const work = mkdtempSync(join(ROOT, 'bench/work', 'incremental-'));
const fixtureDir = join(work, 'fixture');
const dataDir = join(fixtureDir, 'data');
const COMPOUNDS = 24;
const incremental = siteEnv({ fixtureDir, siteDir: join(work, 'inc') }, { GONGSHI_INCREMENTAL: '1' });
// Search is indexed from the written pages in a step of its own (tests/build/search-parts.test.ts);
// the last cases index too, to show the search files left in the kept folder are brought up to date.
const ARGS = ['--no-search'];
/** The city archive's deflated tables kept for the next build (src/lib/routes/kept-deflated.ts). */
const keptDir = join(incremental.GONGSHI_CACHE_DIR as string, 'gongshi-deflated');
/** The tables' digests per compound kept for the next build's keys (src/lib/routes/key-hash.ts `compoundShares`). */
const sharesDir = join(incremental.GONGSHI_CACHE_DIR as string, 'gongshi-keys');

/** The kept files by name, with their bytes. */
function keptFiles(dir = keptDir): Map<string, Buffer> {
  if (!existsSync(dir)) return new Map();
  return new Map(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f))]));
}

/** Each kept file's last byte flipped. */
function damage(dir: string): void {
  for (const [f, bytes] of keptFiles(dir)) {
    writeFileSync(
      join(dir, f),
      bytes.map((b, i) => (i === bytes.length - 1 ? b ^ 1 : b)),
    );
  }
}

/** The names of the kept files this build wrote again ('all' when every one), after checking none came or went. */
function madeAgain(before: Map<string, Buffer>, now: Map<string, Buffer>): 'all' | string[] {
  expect([...now.keys()].sort()).toEqual([...before.keys()].sort());
  const again = [...now].filter(([f, bytes]) => !bytes.equals(before.get(f)!)).map(([f]) => f);
  return again.length === now.size ? 'all' : again.sort();
}

/** Replace one cell of a CSV row found by its id (first column); the fixture's cells hold no commas. */
function setCell(file: string, id: string, column: string, value: (old: string) => string): void {
  const path = join(dataDir, file);
  const lines = readFileSync(path, 'utf8').split('\n');
  const col = (lines[0] ?? '').split(',').indexOf(column);
  const at = lines.findIndex((l) => l.startsWith(`${id},`));
  if (col < 0 || at < 0) throw new Error(`${file}: no ${column} for ${id}`);
  const cells = (lines[at] as string).split(',');
  cells[col] = value(cells[col] ?? '');
  lines[at] = cells.join(',');
  writeFileSync(path, lines.join('\n'));
}

/** The id in the first column of a CSV's first data row. */
function firstId(file: string): string {
  return (readFileSync(join(dataDir, file), 'utf8').split('\n')[1] ?? '').split(',')[0] as string;
}

const ADDED = 'demo-c09999';
let compoundsBeforeAdd = '';
const NOTICE = 'content/notices/demo-c00003-tiaojia-2026.mdx';

/**
 * Starts an incremental build and kills it (its whole process group) once it has written the page
 * of the compound `editOneCompound` edits, as a crash or a cancelled CI job would; resolves when it
 * is gone. Rejects if the build ended before that page.
 */
function buildStoppedHalfway(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BUILD_SCRIPT, ...ARGS], {
      cwd: work,
      env: incremental,
      detached: true,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    let killed = false;
    child.stdout.on('data', (b: Buffer) => {
      out += stripVTControlCharacters(b.toString('utf8'));
      if (!killed && /\/compound\/demo-c00012\/index\.html \(\+/.test(out)) {
        killed = true;
        process.kill(-child.pid!, 'SIGKILL');
      }
    });
    child.on('close', () => (killed ? resolve() : reject(new Error(`the build ended before it was stopped:\n${out}`))));
  });
}

/** The edits, applied in this order, each on top of the ones before it. */
const cases: {
  name: string;
  edit: () => void | Promise<void>;
  rendered?: RegExp;
  kept?: RegExp;
  typed?: string;
  /** Whether the build renders every page again, trusting nothing it kept. */
  everyPage?: boolean;
  /** Whether both builds index the site for search (npm run build without --no-search). */
  search?: boolean;
  /**
   * Whether the search step reads only the pages this build wrote: the others are as the last
   * search step read them (src/integrations/search-stamps.ts).
   */
  readFew?: boolean;
  /**
   * The city archive's tables this build deflates again ('all', or the kept files' names); every
   * other one it takes as the last build kept it. Not checked when not given.
   */
  deflatedAgain?: 'all' | string[];
  /** The compound tables whose digests per compound this build makes again ('all', or the kept files' names). */
  sharesAgain?: 'all' | string[];
}[] = [
  {
    name: "one compound's fee row and note (the benchmark's edit)",
    edit: () => void editOneCompound(dataDir, COMPOUNDS),
    rendered: /\/compound\/demo-c00012\/index\.html \(\+/,
    // A district's lists print a compound's name and demo mark, not its fees or note: all copied.
    kept: /\/(compound|firm|notices)\/district\/\S+ \(\+/,
    // The check from its cache (src/lib/validate/once.ts): only the two edited files typed again.
    typed: '从文件重新读取 2 张表(compounds、fee_collection)',
    deflatedAgain: ['compounds.csv.bin', 'fee_collection.csv.bin'],
    // The two edited tables' and the corrections' (whose rows concern whoever the rows they correct concern).
    sharesAgain: ['shares-compounds.bin', 'shares-corrections.bin', 'shares-fee_collection.bin'],
  },
  {
    // Every kept file altered: the archive must deflate them all again and the keys digest every
    // table again, not take a damaged body or digest.
    name: "the same compound's fee row edited again, with the kept tables and digests damaged",
    edit: () => {
      damage(keptDir);
      damage(sharesDir);
      editOneCompound(dataDir, COMPOUNDS);
    },
    deflatedAgain: 'all',
    sharesAgain: 'all',
  },
  {
    name: "a firm's name, shown on the pages of every compound it manages",
    edit: () => setCell('firms.csv', firmOfFirstContract(), 'name', (n) => `新${n}`),
  },
  {
    name: "a district's name",
    edit: () => setCell('districts.csv', firstId('districts.csv'), 'name', (n) => n.replace('区', '新区')),
  },
  {
    name: "a street's name",
    edit: () => setCell('streets.csv', firstId('streets.csv'), 'name', (n) => n.replace('街道', '新街道')),
  },
  {
    name: "a firm's evaluation score, shown on its page and in the rankings",
    edit: () => setCell('evaluations.csv', firstId('evaluations.csv'), 'score', (s) => (Number(s) + 1).toFixed(2)),
  },
  {
    name: 'a new notice of one compound',
    edit: () =>
      writeFileSync(
        join(fixtureDir, 'content/notices/demo-c00003-tiaojia-2026.mdx'),
        [
          '---',
          'title: "物业费调价公示"',
          'compound: "demo-c00003"',
          'kind: "调价方案"',
          'date: "2026-03-01"',
          'summary: "2026年起物业费调整。"',
          'source: "demo-bench"',
          '---',
          '',
          '经业主大会表决通过，物业费自2026年起调整。',
          '',
        ].join('\n'),
      ),
  },
  {
    name: 'a compound added',
    edit: () => {
      const path = join(dataDir, 'compounds.csv');
      compoundsBeforeAdd = readFileSync(path, 'utf8');
      const model = compoundsBeforeAdd.split('\n').find((l) => l.startsWith('demo-c00001,')) as string;
      const cells = model.split(',');
      cells[0] = ADDED;
      cells[1] = '新建小区（演示）';
      appendFileSync(path, `${compoundsBeforeAdd.endsWith('\n') ? '' : '\n'}${cells.join(',')}\n`);
    },
  },
  {
    name: 'that compound removed again',
    edit: () => writeFileSync(join(dataDir, 'compounds.csv'), compoundsBeforeAdd),
  },
  {
    name: 'the notice added above deleted',
    edit: () => rmSync(join(fixtureDir, NOTICE)),
    search: true,
  },
  {
    name: 'a firm renamed again, with search',
    edit: () => setCell('firms.csv', firmOfFirstContract(), 'name', (n) => `${n}（更名）`),
    search: true,
    readFew: true,
  },
  {
    // The stopped build overwrote the compound's page (in the folder and in Astro's cache) for the
    // edited rows; with the rows put back, that page's key is the one Astro's manifest holds.
    name: 'a build stopped halfway, with its edit then undone',
    edit: async () => {
      const edit = editOneCompound(dataDir, COMPOUNDS);
      await buildStoppedHalfway();
      edit.restore();
    },
    // Without search after the cases with it: the search files must go as well.
    everyPage: true,
  },
];

function firmOfFirstContract(): string {
  const [header, row] = readFileSync(join(dataDir, 'contracts.csv'), 'utf8').split('\n');
  return (row ?? '').split(',')[(header ?? '').split(',').indexOf('firm_id')] as string;
}

beforeAll(async () => {
  generateFixture({ compounds: COMPOUNDS, seed: 21, out: fixtureDir });
  await buildSite(incremental, false, ARGS);
}, 600_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Paths under `a` and `b` that differ: missing on one side or with different bytes. */
function differences(a: string, b: string): string[] {
  const fa = filesUnder(a);
  const fb = filesUnder(b);
  const inB = new Set(fb);
  const inA = new Set(fa);
  return [
    ...fa.filter((f) => !inB.has(f)).map((f) => `only in the incremental build: ${f}`),
    ...fb.filter((f) => !inA.has(f)).map((f) => `only in the full build: ${f}`),
    ...fa.filter((f) => inB.has(f) && !readFileSync(join(a, f)).equals(readFileSync(join(b, f)))),
  ];
}

describe('re-publishing incrementally', () => {
  cases.forEach(({ name, edit, rendered, kept, typed, everyPage, search, readFew, deflatedAgain, sharesAgain }, i) => {
    it(`gives the files of a full build after ${name}`, async () => {
      await edit();
      const args = search ? [] : ARGS;
      const keptBefore = keptFiles();
      const sharesBefore = keptFiles(sharesDir);
      const inc = await buildSite(incremental, false, args);
      if (deflatedAgain) expect(madeAgain(keptBefore, keptFiles())).toEqual(deflatedAgain);
      if (sharesAgain) expect(madeAgain(sharesBefore, keptFiles(sharesDir))).toEqual(sharesAgain);
      const full = join(work, `full-${i}`);
      await buildSite(siteEnv({ fixtureDir, siteDir: full }), false, args);
      expect(differences(incremental.GONGSHI_OUT_DIR as string, join(full, 'dist'))).toEqual([]);
      rmSync(full, { recursive: true, force: true });
      // Astro colours its log when CI is set (picocolors): match the text, not the escapes.
      const log = stripVTControlCharacters(inc.lines.map((l) => l.text).join('\n'));
      if (everyPage) expect(log).not.toMatch(/\((cached|restored)\)/);
      // Not a full build in disguise: most pages are left in place from the previous build, none copied back.
      else {
        expect(log).toMatch(/\(cached\)/);
        expect(log).not.toMatch(/\(restored\)/);
      }
      if (rendered) expect(log).toMatch(rendered);
      if (kept) expect(log).not.toMatch(kept);
      expect(log).toMatch(/检查缓存:.*项沿用上次的结果/);
      if (typed) expect(log).toContain(typed);
      if (readFew) {
        const read = Number(/读了 (\d+) 个 HTML 文件/.exec(log)?.[1]);
        const pages = filesUnder(incremental.GONGSHI_OUT_DIR as string).filter((f) => f.endsWith('.html')).length;
        // The renamed firm's pages at least; not the pages left in place (a few written just
        // before the last search step are read again: search-stamps.ts, its margin).
        expect(read).toBeGreaterThan(0);
        expect(read).toBeLessThan(pages / 2);
      }
    }, 600_000);
  });
});
