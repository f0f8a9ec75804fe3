/**
 * The lint enforces the one-way flow of docs/architecture.md: these cases must fail it, or a
 * cycle or an upward import could land unnoticed. Each case lints real code with the project's
 * own eslint.config.js, as `npm run lint` does.
 */
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
// ignore: false so the fixtures (ignored by `npm run lint`, where they would fail it) are linted here.
const eslint = new ESLint({ cwd: ROOT, ignore: false });

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

async function fileRuleIds(files: string[]): Promise<Record<string, string[]>> {
  const results = await eslint.lintFiles(files);
  return Object.fromEntries(
    results.map((r) => [r.filePath.slice(ROOT.length), r.messages.map((m) => m.ruleId ?? `fatal: ${m.message}`)]),
  );
}

describe('layers (boundaries/dependencies)', () => {
  it('rejects an import from a higher layer', async () => {
    const code = "import type { SiteData } from '../model/types.ts';\nexport type Site = SiteData;\n";
    expect(await ruleIds(code, 'src/lib/util/probe.ts')).toEqual(['boundaries/dependencies']);
  });

  it('accepts the same kind of import from above', async () => {
    const code = "import { cmp } from '../util/compare.ts';\nexport const order = cmp;\n";
    expect(await ruleIds(code, 'src/lib/model/probe.ts')).toEqual([]);
  });

  it('rejects the site library importing a script', async () => {
    const code = "import { launchChromium } from '../../../scripts/chromium.ts';\nexport const l = launchChromium;\n";
    expect(await ruleIds(code, 'src/lib/validate/probe.ts')).toEqual(['boundaries/dependencies']);
  });

  it('rejects a peer import between history and open data', async () => {
    const code = "import { tableCsv } from '../opendata/table.ts';\nexport const t = tableCsv;\n";
    expect(await ruleIds(code, 'src/lib/history/probe.ts')).toEqual(['boundaries/dependencies']);
  });

  it('checks .astro files too: a component may not import a layout', async () => {
    const code = "---\nimport Base from '../../layouts/Base.astro';\n---\n\n<Base />\n";
    expect(await ruleIds(code, 'src/components/common/Probe.astro')).toEqual(['boundaries/dependencies']);
  });

  it('checks content.config.ts: it may read the library, not the scripts', async () => {
    const lib = "import { projectOptions } from './lib/dataset/options.ts';\nexport const o = projectOptions;\n";
    const script = "import { launchChromium } from '../scripts/chromium.ts';\nexport const l = launchChromium;\n";
    expect(await ruleIds(lib, 'src/content.config.ts')).toEqual([]);
    expect(await ruleIds(script, 'src/content.config.ts')).toEqual(['boundaries/dependencies']);
  });

  it('rejects a file in a folder that is in no layer', async () => {
    expect(await ruleIds('export const x = 1;\n', 'src/lib/misc/probe.ts')).toEqual(['boundaries/no-unknown-files']);
  });
});

describe('cycles (import-x/no-cycle)', () => {
  it('rejects a cycle between two .ts files', async () => {
    const ids = await fileRuleIds([
      'tests/fixtures/architecture/ts-cycle/a.ts',
      'tests/fixtures/architecture/ts-cycle/b.ts',
    ]);
    expect(ids).toEqual({
      'tests/fixtures/architecture/ts-cycle/a.ts': ['import-x/no-cycle'],
      'tests/fixtures/architecture/ts-cycle/b.ts': ['import-x/no-cycle'],
    });
  });

  it('rejects a cycle that runs through .astro files', async () => {
    const dir = 'tests/fixtures/architecture/astro-cycle';
    const ids = await fileRuleIds([`${dir}/Outer.astro`, `${dir}/Inner.astro`, `${dir}/label.ts`]);
    expect(ids).toEqual({
      [`${dir}/Outer.astro`]: ['import-x/no-cycle'],
      [`${dir}/Inner.astro`]: ['import-x/no-cycle'],
      [`${dir}/label.ts`]: ['import-x/no-cycle'],
    });
  });
});
