/**
 * npm run staff:cms -- [--repo <git working copy>] [--port 8080]
 *
 * The browser editor on this machine: Decap CMS at http://127.0.0.1:<port>/admin/, saving
 * through decap-server (its git mode) into the working copy, one branch per entry
 * (cms/<collection>/<entry>), exactly as on a git host. The admin page and the API share
 * one origin, so the page's policy needs no other origin. Loopback only: decap-server has
 * no login, so it must never listen on a network address.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { checkDataset } from '../../src/lib/validate/index.ts';
import { plainRows } from '../../src/lib/dataset/plain-rows.ts';
import { choicesFrom, writeAdmin } from '../../src/integrations/admin/index.ts';
import { backendFromEnv } from '../../src/integrations/admin/config.ts';
import { startStaticServer } from '../serve.ts';

export interface Cms {
  /** http://127.0.0.1:<port>, the admin page is at `${origin}/admin/`. */
  origin: string;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

/** decap-server in git mode on loopback; resolves once it listens. */
async function startDecapServer(
  repo: string,
  log: (text: string) => void,
): Promise<{ port: number; child: ChildProcess }> {
  const port = await freePort();
  const entry = createRequire(import.meta.url).resolve('decap-server/dist/index.js');
  const child = spawn(process.execPath, [entry], {
    cwd: repo,
    env: { ...process.env, MODE: 'git', GIT_REPO_DIRECTORY: repo, PORT: String(port), BIND_HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    let started = '';
    child.stdout?.on('data', (b: Buffer) => log(String(b)));
    child.stderr?.on('data', (b: Buffer) => log(String(b)));
    const onData = (b: Buffer) => {
      started += String(b);
      if (started.includes('listening')) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`decap-server exited (${code}):\n${started}`)));
  });
  return { port, child };
}

/** Forward the CMS's API calls to decap-server, so the browser talks to one origin only. */
function proxyApi(
  port: number,
  log: (text: string) => void,
): (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void {
  return (req, res) => {
    const upstream = request(
      {
        host: '127.0.0.1',
        port,
        path: '/api/v1',
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        // Node's default agent reuses idle sockets; one the upstream has just closed fails the
        // call with ECONNRESET (a 502 in the middle of a save). A local connection is cheap.
        agent: false,
      },
      (up) => {
        res.writeHead(up.statusCode ?? 502, { 'content-type': up.headers['content-type'] ?? 'application/json' });
        up.pipe(res);
      },
    );
    upstream.on('error', (e) => badGateway(res, log, e));
    req.pipe(upstream);
  };
}

/** The browser sees only "502": the log says what the forward failed on. */
function badGateway(res: import('node:http').ServerResponse, log: (text: string) => void, e: Error): void {
  log(`代理转发失败(502):${e.message}\n`);
  if (!res.headersSent) res.writeHead(502);
  res.end();
}

export interface CmsOptions {
  repo: string;
  port?: number;
  /** decap-server's own log lines (its errors explain a save or publish that failed). */
  log?: (text: string) => void;
}

export async function startCms({ repo, port = 0, log = () => {} }: CmsOptions): Promise<Cms> {
  const root = path.resolve(repo);
  // decap-server reads file names from `git diff`, which by default escapes non-ASCII names
  // ("\345\205\260…"): a workbook called 兰亭苑维修资金.xlsx would then never load again.
  execFileSync('git', ['-C', root, 'config', 'core.quotePath', 'false']);
  const dataset = await checkDataset({ root });
  const adminDir = mkdtempSync(path.join(tmpdir(), 'gongshi-admin-'));
  writeAdmin(path.join(adminDir, 'admin'), backendFromEnv({}), choicesFrom(plainRows(dataset.tables)));
  const decap = await startDecapServer(root, log);
  // Static files: the admin page, and the working copy's public/ so attachment links open.
  const admin = await startStaticServer({ root: adminDir });
  // A working copy without public/ yet (nothing attached so far) has no files to show.
  const publicDir = path.join(root, 'public');
  const files = existsSync(publicDir) ? await startStaticServer({ root: publicDir }) : undefined;
  const api = proxyApi(decap.port, log);
  const forward =
    (target: string) => (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => {
      const up = request(
        `${target}${req.url ?? '/'}`,
        { method: req.method, headers: req.headers, agent: false },
        (r) => {
          res.writeHead(r.statusCode ?? 502, r.headers);
          r.pipe(res);
        },
      );
      up.on('error', (e) => badGateway(res, log, e));
      req.pipe(up);
    };
  const server: Server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (url.startsWith('/api/v1') && req.method === 'POST') api(req, res);
    else if (url === '/' || url.startsWith('/admin')) {
      if (url === '/') res.writeHead(302, { location: '/admin/' }).end();
      else forward(admin.origin)(req, res);
    } else if (files) forward(files.origin)(req, res);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${bound}`,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await admin.close();
      await files?.close();
      decap.child.kill();
      rmSync(adminDir, { recursive: true, force: true });
    },
  };
}

async function main() {
  const { values } = parseArgs({ options: { repo: { type: 'string' }, port: { type: 'string', default: '8080' } } });
  const cms = await startCms({
    repo: values.repo ?? process.cwd(),
    port: Number(values.port),
    log: (text) => process.stderr.write(text),
  });
  console.log(`编辑后台已启动:${cms.origin}/admin/ (只在本机可用;按 Ctrl+C 退出)`);
  const stop = () => void cms.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
