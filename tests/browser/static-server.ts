/**
 * A tiny static file server for the production build, bound to 127.0.0.1 on a free port. Files are served
 * as they are on disk (a `.gz` asset is `application/gzip` without Content-Encoding, as a plain static host
 * would serve it), with the build's Content-Security-Policy as a header on every response (plus
 * `frame-ancestors 'none'`) and the cross-origin isolation headers, as docs/security.md asks of a department's
 * web server: the worker and every chunk then run under the policy too, not only the page.
 */
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { CROSS_ORIGIN_ISOLATION_HEADERS } from '../../scripts/content-security-policy.ts';

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.geojson': 'application/geo+json',
  '.csv': 'text/csv; charset=utf-8',
  '.gz': 'application/gzip',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
};

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/** The policy of the build's <meta http-equiv="Content-Security-Policy">, HTML entities decoded; null without one. */
export function builtContentSecurityPolicy(root: string): string | null {
  const html = readFileSync(join(root, 'index.html'), 'utf8');
  const content = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1];
  return content === undefined ? null : content.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}

/** Serves `root` on 127.0.0.1 at a free port; `/` is `index.html`. */
export async function serveDirectory(root: string): Promise<StaticServer> {
  const base = resolve(root);
  const policy = builtContentSecurityPolicy(base);
  const securityHeaders: Record<string, string> = {
    ...CROSS_ORIGIN_ISOLATION_HEADERS,
    ...(policy === null ? {} : { 'Content-Security-Policy': `${policy}; frame-ancestors 'none'` }),
  };
  const server: Server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    const file = normalize(join(base, path === '/' ? 'index.html' : path));
    if (file !== base && !file.startsWith(base + sep)) {
      response.writeHead(403).end();
      return;
    }
    try {
      if (!(await stat(file)).isFile()) throw new Error('not a file');
      const body = await readFile(file);
      response.writeHead(200, { 'Content-Type': MIME_TYPES[extname(file)] ?? 'application/octet-stream', ...securityHeaders });
      response.end(body);
    } catch {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    }
  });
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolveClose) => server.close(() => resolveClose())),
  };
}
