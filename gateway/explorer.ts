/**
 * The GraphQL explorer, served entirely by the gateway: GraphiQL and React from our own
 * node_modules, a fixed list of files (no path from the request ever reaches the file system), and a
 * Content-Security-Policy that lets the page talk to this origin only.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Route } from '../runtime/apollo-http.ts';

const require = createRequire(import.meta.url);
/** A file inside an installed package, found through its package.json (UMD builds are not in "exports"). */
const packaged = (pkg: string, file: string) => join(dirname(require.resolve(`${pkg}/package.json`)), file);
const own = (file: string) => fileURLToPath(new URL(`./explorer/${file}`, import.meta.url));

const ASSETS: Readonly<Record<string, { path: string; type: string }>> = {
  'graphiql.min.js': { path: packaged('graphiql', 'graphiql.min.js'), type: 'text/javascript' },
  'graphiql.min.css': { path: packaged('graphiql', 'graphiql.min.css'), type: 'text/css' },
  'react.production.min.js': { path: packaged('react', 'umd/react.production.min.js'), type: 'text/javascript' },
  'react-dom.production.min.js': {
    path: packaged('react-dom', 'umd/react-dom.production.min.js'),
    type: 'text/javascript',
  },
  'init.js': { path: own('init.js'), type: 'text/javascript' },
  'explorer.css': { path: own('explorer.css'), type: 'text/css' },
};

const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function explorerRoute(graphqlPath: string): Route {
  const cache = new Map<string, Buffer>();
  const load = (path: string) => {
    let body = cache.get(path);
    if (!body) cache.set(path, (body = readFileSync(path)));
    return body;
  };
  return (req, res, url) => {
    if (req.method !== 'GET') return false;
    if (
      url.pathname === graphqlPath &&
      (req.headers.accept ?? '').includes('text/html') &&
      !url.searchParams.has('query')
    ) {
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': CSP,
        'cache-control': 'no-cache',
      });
      res.end(load(own('index.html')));
      return true;
    }
    const name = url.pathname.startsWith('/explorer/') ? url.pathname.slice('/explorer/'.length) : undefined;
    const asset = name !== undefined && Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
    if (!asset) return false;
    res.writeHead(200, {
      'content-type': `${asset.type}; charset=utf-8`,
      'cache-control': 'public, max-age=3600',
      'x-content-type-options': 'nosniff',
    });
    res.end(load(asset.path));
    return true;
  };
}
