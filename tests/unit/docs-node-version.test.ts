/** The Node version the README and the staff guide ask for is the one package.json declares. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
  engines: { node: string };
  devDependencies: { node: string };
};
const minimum = /^>=(\d+\.\d+\.\d+)$/.exec(pkg.engines.node)?.[1];
const pinned = pkg.devDependencies.node;

describe('Node version in the docs', () => {
  it('package.json states a minimum and pins a runtime', () => {
    expect(minimum).toMatch(/^\d+\.\d+\.\d+$/);
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
  });
  for (const [file, mention] of [
    ['README.md', (v: string) => `Node.js ${v}`],
    ['docs/staff-guide.zh-CN.md', (v: string) => `Node.js ${v}`],
  ] as const) {
    it(`${file} names the minimum ${minimum} and the bundled ${pinned}, and no other Node version`, () => {
      const text = readFileSync(file, 'utf8');
      expect(text).toContain(mention(minimum!));
      expect(text).toContain(`Node ${pinned}`);
      const versions = [...text.matchAll(/Node(?:\.js)? (\d+(?:\.\d+)*)/g)].map((m) => m[1]);
      for (const v of versions) expect([minimum, pinned, pinned.split('.')[0]]).toContain(v);
    });
  }
});
