/**
 * The validated snapshot a sharded build's jobs load (src/lib/validate/snapshot.ts): it stands in
 * for checking only when it is intact and made from the very files the build reads, so a build
 * given the valid fixture's snapshot refuses every error case exactly as a full check does.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checkDataset } from '../../../src/lib/validate/index.ts';
import { checkedDataset } from '../../../src/lib/validate/once.ts';
import { readSnapshot, writeSnapshot } from '../../../src/lib/validate/snapshot.ts';
import { errorCases, materialize } from './fixtures.ts';

const dirs: string[] = [];
let valid: string;
let file: string;

beforeAll(async () => {
  valid = await materialize();
  dirs.push(valid);
  file = path.join(valid, 'snapshot.bin');
  writeSnapshot(file, { root: valid }, await checkDataset({ root: valid }));
});
afterEach(() => {
  delete process.env.GONGSHI_SNAPSHOT;
});
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('validated snapshot', () => {
  it('gives back the checked dataset for the same files', async () => {
    expect(readSnapshot(file, { root: valid })).toEqual(await checkDataset({ root: valid }));
  });

  it('is refused when its bytes changed, when the data changed, or for other folders', async () => {
    const copy = `${file}.copy`;
    const bytes = readFileSync(file);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 10) ^ 1, bytes.length - 10);
    writeFileSync(copy, bytes);
    expect(readSnapshot(copy, { root: valid })).toMatch(/不完整或已被改动/);
    expect(readSnapshot(`${file}.missing`, { root: valid })).toMatch(/不存在/);
    const other = await materialize();
    dirs.push(other);
    expect(readSnapshot(file, { root: other })).toMatch(/不是由当前的数据/);
    writeFileSync(
      path.join(other, 'data/compounds.csv'),
      readFileSync(path.join(other, 'data/compounds.csv'), 'utf8') + '\n',
    );
    expect(readSnapshot(file, { root: other })).toMatch(/不是由当前的数据/);
  });

  it('is never written for data with issues', async () => {
    const bad = await materialize('duplicate-id');
    dirs.push(bad);
    const dataset = await checkDataset({ root: bad });
    expect(() => writeSnapshot(path.join(bad, 's.bin'), { root: bad }, dataset)).toThrow();
  });

  it('lets a build refuse every error case exactly as the full check does', async () => {
    process.env.GONGSHI_SNAPSHOT = file;
    const cases = await errorCases();
    let refused = 0;
    // Some cases are the importer's (the data itself is fine): they must pass both ways alike.
    for (const c of cases) {
      const bad = await materialize(c);
      dirs.push(bad);
      const viaBuild = await checkedDataset({ root: bad });
      expect(viaBuild.issues, c).toEqual((await checkDataset({ root: bad })).issues);
      if (viaBuild.issues.length > 0) refused++;
    }
    expect(refused).toBeGreaterThan(50);
  }, 300_000);
});
