/**
 * Draws the site's default share-card picture, public/og-default.png (1200×630, the size WeChat,
 * Weibo and Open Graph readers crop to), from the site title in data/dataset.json, with Debian's
 * Chromium and the system CJK font. The PNG is committed rather than drawn at build time: font
 * rendering differs between machines, and builds must be byte-identical.
 *
 *   node_modules/.bin/node scripts/og-image.ts   (npm run og-image)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from './chromium.ts';
import { runMain } from './cli.ts';
import { parseDatasetMeta } from '../src/lib/dataset/meta.ts';

const ROOT = join(import.meta.dirname, '..');
const OUT = join(ROOT, 'public', 'og-default.png');
const WIDTH = 1200;
const HEIGHT = 630;

async function main(): Promise<number> {
  const file = join(ROOT, 'data', 'dataset.json');
  const { meta, issues } = parseDatasetMeta(readFileSync(file, 'utf8'), file);
  if (!meta || issues.length > 0) {
    console.error('data/dataset.json 无法读取,先运行 npm run check 查看问题。');
    return 1;
  }
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: WIDTH, height: HEIGHT }, deviceScaleFactor: 1 });
    await page.setContent(card(meta.title));
    writeFileSync(OUT, await page.screenshot({ type: 'png' }));
    console.log(`已生成 ${OUT}(${WIDTH}×${HEIGHT})`);
    return 0;
  } finally {
    await browser.close();
  }
}

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** The card: the site's name large, what it covers, and its promise (sources on every fact). */
function card(title: string): string {
  const [name = title, sub = ''] = title.split(/\s*·\s*/);
  return `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><style>
  html, body { margin: 0; width: ${WIDTH}px; height: ${HEIGHT}px; }
  body { font-family: 'WenQuanYi Zen Hei', 'Noto Sans CJK SC', 'Source Han Sans SC', sans-serif;
    background: #fff; color: #1a1a1a; display: flex; flex-direction: column; }
  .bar { height: 56px; background: #9b1c1c; }
  main { flex: 1; padding: 72px 88px 0; }
  h1 { margin: 0; font-size: 168px; line-height: 1; color: #9b1c1c; letter-spacing: 0.08em; }
  h2 { margin: 36px 0 0; font-size: 64px; font-weight: normal; }
  p { margin: 40px 0 0; font-size: 36px; color: #4a4a4a; }
  footer { height: 96px; background: #f4f5f7; border-top: 4px solid #9b1c1c; display: flex;
    align-items: center; padding: 0 88px; font-size: 32px; color: #4a4a4a; }
</style><div class="bar"></div><main><h1>${escape(name)}</h1><h2>${escape(sub)}</h2>
<p>业委会 · 物业企业 · 收费标准 · 维修资金 · 公共收益</p></main>
<footer>每条信息注明来源 · 数据可下载核对</footer></html>`;
}

runMain(main, { prefix: '生成分享图片失败:' });
