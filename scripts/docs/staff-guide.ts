/**
 * The error-message section of docs/staff-guide.zh-CN.md, generated from the
 * validator's catalogue so the guide lists exactly what `npm run check` can say.
 */
import * as prettier from 'prettier';
import { CATALOGUE, ISSUE_KINDS, type CatalogueEntry } from '../../src/lib/messages/catalogue.ts';

const BEGIN =
  '<!-- 错误信息一览:由 node_modules/.bin/node scripts/staff-guide.ts 从 src/lib/messages/catalogue.ts 生成,请勿手改 -->';
const END = '<!-- 错误信息一览结束 -->';

const SCOPES: CatalogueEntry['scope'][] = ['文件', '表头', '行', '单元格', '跨行规则', 'MDX', '导入'];
const SCOPE_TITLE: Record<CatalogueEntry['scope'], string> = {
  文件: '整个文件的问题',
  表头: '表头(第一行)的问题',
  行: '某一行的问题',
  单元格: '某个单元格的问题',
  跨行规则: '跨行、跨表的问题',
  MDX: '公告等 MDX 文章的问题',
  导入: '导入表格(npm run import)时的问题',
};

const cell = (s: string) => s.replaceAll('|', '\\|').replace(/\{(\w+)\}/g, '〔$1〕');

function errorSection(): string {
  const lines = [BEGIN, ''];
  for (const scope of SCOPES) {
    const kinds = ISSUE_KINDS.filter((k) => CATALOGUE[k].scope === scope);
    if (kinds.length === 0) continue;
    lines.push(`### ${SCOPE_TITLE[scope]}`, '', '| 代号 | 提示的问题 | 怎么改 |', '| --- | --- | --- |');
    for (const k of kinds) {
      const e = CATALOGUE[k];
      lines.push(`| \`${k}\`<br>${cell(e.title)} | ${cell(e.message)} | ${cell(e.fix)} |`);
    }
    lines.push('');
  }
  lines.push(END);
  return lines.join('\n');
}

/** Replace the generated section of the guide's text. */
function updateGuide(text: string): string {
  const a = text.indexOf(BEGIN);
  const b = text.indexOf(END);
  if (a === -1 || b === -1 || b < a) throw new Error('staff guide: generated-section markers missing');
  return text.slice(0, a) + errorSection() + text.slice(b + END.length);
}

/** The guide as it should read: generated section replaced, then formatted like every other file (prettier). */
export async function formattedGuide(text: string, file: string): Promise<string> {
  const config = (await prettier.resolveConfig(file)) ?? {};
  return prettier.format(updateGuide(text), { ...config, filepath: file });
}
