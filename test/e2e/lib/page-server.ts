/**
 * Serves the harness page on 127.0.0.1 only: the page, its bundled script and theme, the repository's
 * built `main.js` and `styles.css` byte for byte, and `POST /__request-url`, the Node side of the
 * page's `requestUrl` (Obsidian's network layer, which CORS does not apply to).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface PageServer {
  url: string;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

async function body(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** `requestUrl` from the page: the call is made here, in Node, to a loopback address only. */
async function proxy(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const r = JSON.parse(await body(req)) as { url: string; method: string; headers: Record<string, string>; body?: string };
  const target = new URL(r.url);
  if (target.hostname !== '127.0.0.1') {
    res.writeHead(403).end('the harness reaches 127.0.0.1 only');
    return;
  }
  const answer = await fetch(target, { method: r.method, headers: r.headers, body: r.body });
  const headers: Record<string, string> = {};
  answer.headers.forEach((v, k) => (headers[k] = v));
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: answer.status, headers, text: await answer.text() }));
}

export async function startPageServer(opts: { repo: string; harnessDir: string; bundleDir: string }): Promise<PageServer> {
  const files: Record<string, string> = {
    '/': join(opts.harnessDir, 'index.html'),
    '/harness/theme.css': join(opts.harnessDir, 'theme.css'),
    '/harness/page.js': join(opts.bundleDir, 'page.js'),
    '/main.js': join(opts.repo, 'main.js'),
    '/styles.css': join(opts.repo, 'styles.css'),
  };
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (req.method === 'POST' && path === '/__request-url') {
      proxy(req, res).catch((e: unknown) => res.writeHead(502).end(String(e)));
      return;
    }
    const file = files[path];
    if (req.method !== 'GET' || !file) {
      res.writeHead(404).end();
      return;
    }
    readFile(file).then(
      (data) => res.writeHead(200, { 'content-type': TYPES[file.slice(file.lastIndexOf('.'))] ?? 'application/octet-stream', 'cache-control': 'no-store' }).end(data),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no address');
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
