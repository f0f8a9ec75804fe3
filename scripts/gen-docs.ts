/**
 * npm run docs: write docs/data-standard.md from the zod schemas, the issue
 * catalogue and the MDX front-matter schemas, so the document can never drift
 * from what `npm run check` enforces (a unit test compares it with a fresh run).
 *
 *   npm run docs            write the file
 *   npm run docs -- --check exit 1 if the file is out of date
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { renderDataStandard } from './docs/standard-doc.ts';
import { runMain } from './cli.ts';

const TARGET = fileURLToPath(new URL('../docs/data-standard.md', import.meta.url));

async function main(): Promise<number> {
  const fresh = renderDataStandard();
  if (process.argv.includes('--check')) {
    const current = await readFile(TARGET, 'utf8').catch(() => '');
    if (current === fresh) return 0;
    console.error('docs/data-standard.md 与数据标准不一致:运行 npm run docs 重新生成。');
    return 1;
  }
  await writeFile(TARGET, fresh);
  console.log('已生成 docs/data-standard.md');
  return 0;
}

runMain(main, { prefix: '内部错误:', code: 2 });
