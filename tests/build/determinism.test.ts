/**
 * Deterministic builds: the same sources, built twice in two different
 * directories with a different time zone, locale and cache, give byte-identical
 * output (sorted file list + sha256 of every file). The one exception is
 * Pagefind's filter index, whose internal order comes from a randomly seeded Rust
 * HashMap (see pagefind-canonical.ts): there the test compares what the files
 * mean, and reports how many bytes differ, so the gap stays visible.
 *
 * Takes two full builds (about a minute on two cores).
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isOrderDependent, pagefindMeaning } from './pagefind-canonical.ts';

const ROOT = process.cwd();
/** What a build reads: copied once, so both builds see the same bytes even while people edit the checkout. */
const SOURCES = ['src', 'public', 'data', 'astro.config.mjs', 'package.json', 'tsconfig.json'];

function listFiles(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((d) =>
      d.isDirectory() ? listFiles(path.join(dir, d.name), base) : [path.relative(base, path.join(dir, d.name))],
    )
    .map((p) => p.split(path.sep).join('/'))
    .sort();
}

function build(project: string, env: Record<string, string>): string {
  const out = path.join(project, 'site-output');
  const r = spawnSync(path.join(ROOT, 'node_modules/.bin/astro'), ['build'], {
    cwd: project,
    encoding: 'utf8',
    timeout: 600_000,
    env: {
      ...process.env,
      ...env,
      PATH: `${path.join(ROOT, 'node_modules/.bin')}:${process.env.PATH ?? ''}`,
      ASTRO_TELEMETRY_DISABLED: '1',
      GONGSHI_OUT_DIR: out,
      GONGSHI_CACHE_DIR: path.join(project, `cache-${env.TZ?.replace('/', '-')}`),
    },
  });
  if (r.status !== 0) throw new Error(`astro build failed in ${project}:\n${r.stdout}\n${r.stderr}`);
  return out;
}

describe('deterministic build', () => {
  it('two builds with different TZ, locale and directories are byte-identical', { timeout: 900_000 }, () => {
    const first = mkdtempSync(path.join(tmpdir(), 'gongshi-det-a-'));
    const second = mkdtempSync(path.join(tmpdir(), 'gongshi-det-second-build-b-'));
    try {
      for (const s of SOURCES) cpSync(path.join(ROOT, s), path.join(first, s), { recursive: true });
      symlinkSync(path.join(ROOT, 'node_modules'), path.join(first, 'node_modules'), 'dir');
      for (const s of SOURCES) cpSync(path.join(first, s), path.join(second, s), { recursive: true });
      symlinkSync(path.join(ROOT, 'node_modules'), path.join(second, 'node_modules'), 'dir');

      const a = build(first, { TZ: 'UTC', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' });
      const b = build(second, { TZ: 'Asia/Shanghai', LANG: 'zh_CN.UTF-8', LC_ALL: 'zh_CN.UTF-8' });

      const filesA = listFiles(a);
      const filesB = listFiles(b);
      expect(filesA.length).toBeGreaterThan(10);
      const stable = (files: string[]) => files.filter((f) => !isOrderDependent(f));
      expect(stable(filesB)).toEqual(stable(filesA));
      expect(filesB.filter(isOrderDependent).length).toBe(filesA.filter(isOrderDependent).length);

      const sha = (dir: string, f: string) =>
        createHash('sha256')
          .update(readFileSync(path.join(dir, f)))
          .digest('hex');
      const differing = stable(filesA).filter((f) => sha(a, f) !== sha(b, f));
      expect(differing, 'files whose bytes differ between the two builds').toEqual([]);

      expect(pagefindMeaning(b, filesB.filter(isOrderDependent))).toEqual(
        pagefindMeaning(a, filesA.filter(isOrderDependent)),
      );
      const reordered = filesA.filter(isOrderDependent).filter((f) => !filesB.includes(f) || sha(a, f) !== sha(b, f));
      console.log(
        `determinism: ${stable(filesA).length} files byte-identical; ${reordered.length} Pagefind filter/meta files differ only in HashMap order`,
      );
    } finally {
      rmSync(first, { recursive: true, force: true });
      rmSync(second, { recursive: true, force: true });
    }
  });
});
