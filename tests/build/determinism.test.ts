/**
 * Deterministic builds: the same sources, built twice in two different
 * directories with a different time zone, locale and cache, give byte-identical
 * output: the same sorted file list and the same sha256 for every file.
 *
 * Takes two full builds (about a minute on two cores).
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = process.cwd();
/** What a build reads: copied once, so both builds see the same bytes even while people edit the checkout. */
const SOURCES = ['src', 'scripts', 'public', 'data', 'astro.config.mjs', 'package.json', 'tsconfig.json'];

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
  // `npm run build`: astro build, then the search index in its own step.
  const r = spawnSync(process.execPath, ['scripts/build.ts'], {
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
  if (r.status !== 0) throw new Error(`npm run build failed in ${project}:\n${r.stdout}\n${r.stderr}`);
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
      expect(filesB).toEqual(filesA);

      const sha = (dir: string, f: string) =>
        createHash('sha256')
          .update(readFileSync(path.join(dir, f)))
          .digest('hex');
      // Every file, the Pagefind index included: the search step writes its
      // HashMap-ordered files in a canonical order (src/integrations/pagefind-canonical.ts).
      const differing = filesA.filter((f) => sha(a, f) !== sha(b, f));
      expect(differing, 'files whose bytes differ between the two builds').toEqual([]);
    } finally {
      rmSync(first, { recursive: true, force: true });
      rmSync(second, { recursive: true, force: true });
    }
  });
});
