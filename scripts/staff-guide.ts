/** node_modules/.bin/node scripts/staff-guide.ts: regenerate the error list in docs/staff-guide.zh-CN.md from the validator's catalogue. */
import { readFileSync, writeFileSync } from 'node:fs';
import { formattedGuide } from './docs/staff-guide.ts';

const file = 'docs/staff-guide.zh-CN.md';
const before = readFileSync(file, 'utf8');
const after = await formattedGuide(before, file);
if (after !== before) writeFileSync(file, after);
console.log(after === before ? `${file} 已是最新` : `已更新 ${file}`);
