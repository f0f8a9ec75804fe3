import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentType, startStaticServer, type StaticServer } from '../../../scripts/serve.ts';

let server: StaticServer;
beforeAll(async () => {
  server = await startStaticServer({ root: 'tests/fixtures/search/site' });
});
afterAll(() => server.close());

const get = (path: string) => fetch(`${server.origin}${path}`, { redirect: 'manual' });

describe('the static server the browser tests use', () => {
  it('serves a folder index at its trailing-slash address', async () => {
    const res = await get('/compound/haili/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await res.text()).toContain('海丽花园');
  });

  it('redirects a folder without the slash, keeping the query', async () => {
    const res = await get('/compound/haili?q=1');
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/compound/haili/?q=1');
  });

  it('answers 404 for unknown paths and never leaves its root', async () => {
    expect((await get('/no/such/page/')).status).toBe(404);
    expect((await get('/%2e%2e/%2e%2e/package.json')).status).toBeGreaterThanOrEqual(403);
    expect((await get('/..%2f..%2fpackage.json')).status).toBeGreaterThanOrEqual(403);
  });

  it('sends WebAssembly and Pagefind chunks with usable types', () => {
    expect(contentType('x/wasm.unknown.pagefind')).toBe('application/octet-stream');
    expect(contentType('a.wasm')).toBe('application/wasm');
    expect(contentType('pagefind.js')).toBe('text/javascript; charset=utf-8');
  });
});
