import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formattedGuide } from '../../../scripts/docs/staff-guide.ts';
import { CATALOGUE, ISSUE_KINDS } from '../../../src/lib/messages/catalogue.ts';

const file = new URL('../../../docs/staff-guide.zh-CN.md', import.meta.url).pathname;
const guide = readFileSync(file, 'utf8');

describe('staff guide', () => {
  it('lists every message of the validator’s catalogue, up to date (regenerate: node scripts/staff-guide.ts)', async () => {
    expect(await formattedGuide(guide, file)).toBe(guide);
    for (const k of ISSUE_KINDS) expect(guide).toContain(`\`${k}\`<br>${CATALOGUE[k].title}`);
  });

  it('documents the commands it tells staff to run', () => {
    for (const cmd of [
      'npm run check',
      'npm run import --',
      'npm run tidy',
      'npm run new -- compound',
      'npm run new -- ledger',
      'npm run new -- notice',
    ]) {
      expect(guide).toContain(cmd);
    }
  });
});
