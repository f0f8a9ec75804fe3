/**
 * A tiny static file server for a built site (dist/), the way a static host serves it:
 * `/x/` serves `x/index.html`, `/x` redirects to `/x/`, unknown paths get `404.html` with
 * status 404. The browser tests start it in-process on a random free port; it can also be
 * run by hand:
 *
 *   node_modules/.bin/node scripts/serve.ts [dir=dist] [--port 4321] [--host 127.0.0.1]
 *
 * It never serves a file outside the root directory.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.geojson': 'application/geo+json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.rss': 'application/rss+xml; charset=utf-8',
  '.atom': 'application/atom+xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.pdf': 'application/pdf',
  '.zip': 'application/zip',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.yml': 'text/yaml; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/** Content type by extension; Pagefind's own chunks (.pf_*, .pagefind) are opaque bytes. */
export function contentType(path: string): string {
  return MIME[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

export interface StaticServer {
  /** Origin without trailing slash, e.g. http://127.0.0.1:40123 */
  origin: string;
  server: Server;
  close(): Promise<void>;
}

export interface ServeOptions {
  root: string;
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
}

function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}
function isDir(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

export function startStaticServer({ root, host = '127.0.0.1', port = 0 }: ServeOptions): Promise<StaticServer> {
  const rootDir = resolve(root);
  if (!isDir(rootDir)) throw new Error(`${rootDir} is not a directory`);

  const server = createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      res.writeHead(400).end('bad path');
      return;
    }
    const target = resolve(join(rootDir, pathname));
    if (target !== rootDir && !target.startsWith(rootDir + sep)) {
      res.writeHead(403).end('forbidden');
      return;
    }
    let file = target;
    if (isDir(target)) {
      if (!pathname.endsWith('/')) {
        res.writeHead(301, { Location: `${url.pathname}/${url.search}` }).end();
        return;
      }
      file = join(target, 'index.html');
    }
    let status = 200;
    if (!isFile(file)) {
      status = 404;
      file = join(rootDir, '404.html');
      if (!isFile(file)) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('404 not found');
        return;
      }
    }
    res.writeHead(status, {
      'Content-Type': contentType(file),
      'Content-Length': statSync(file).size,
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(file).pipe(res);
  });

  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const { port: actual } = server.address() as AddressInfo;
      resolvePromise({
        origin: `http://${host}:${actual}`,
        server,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

function parseArgs(argv: string[]): ServeOptions {
  const opts: ServeOptions = { root: 'dist', port: 4321 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--port') opts.port = Number(argv[++i]);
    else if (arg === '--host') opts.host = argv[++i];
    else if (arg !== undefined) opts.root = arg;
  }
  return opts;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const opts = parseArgs(process.argv.slice(2));
  if (!isFile(join(resolve(opts.root), 'index.html'))) {
    console.error(`${resolve(opts.root)}/index.html not found. Build the site first: npm run build`);
    process.exit(1);
  }
  const { origin } = await startStaticServer(opts);
  console.log(`Serving ${resolve(opts.root)} on ${origin}/ (Ctrl+C to stop)`);
}
