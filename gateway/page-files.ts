/**
 * The files of a page the gateway serves itself (the explorer, the dashboard): a fixed list, so no path
 * from a request ever reaches the file system; each read once and kept; the page's HTML under its
 * Content-Security-Policy, the assets with a type and an hour of caching.
 */
import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface PageAsset {
  readonly path: string;
  readonly type: string;
}

const require = createRequire(import.meta.url);

/** A file inside an installed package, found through its package.json (UMD builds are not in "exports"). */
export const packaged = (pkg: string, file: string): string =>
  join(dirname(require.resolve(`${pkg}/package.json`)), file);

/**
 * The Content-Security-Policy of a page kept on this origin: scripts, styles, images and requests from
 * here only, nothing framed, posted or based elsewhere; `widened` replaces a directive's sources.
 */
export function sameOriginCsp(widened: Readonly<Record<string, string>> = {}): string {
  const directives: Record<string, string> = {
    'default-src': "'none'",
    'script-src': "'self'",
    'style-src': "'self'",
    'img-src': "'self' data:",
    'connect-src': "'self'",
    'base-uri': "'none'",
    'form-action': "'none'",
    'frame-ancestors': "'none'",
    ...widened,
  };
  return Object.entries(directives)
    .map(([directive, sources]) => `${directive} ${sources}`)
    .join('; ');
}

export interface PageFiles {
  /** Answers with the page's HTML. */
  sendPage(res: ServerResponse): void;
  /** Answers with the asset of that name; false when there is none. */
  sendAsset(res: ServerResponse, name: string): boolean;
}

export function pageFiles(html: string, assets: Readonly<Record<string, PageAsset>>, csp: string): PageFiles {
  const cache = new Map<string, Buffer>();
  const load = (path: string) => {
    let body = cache.get(path);
    if (!body) cache.set(path, (body = readFileSync(path)));
    return body;
  };
  return {
    sendPage(res) {
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': csp,
        'cache-control': 'no-cache',
      });
      res.end(load(html));
    },
    sendAsset(res, name) {
      const asset = Object.hasOwn(assets, name) ? assets[name] : undefined;
      if (!asset) return false;
      res.writeHead(200, {
        'content-type': `${asset.type}; charset=utf-8`,
        'cache-control': 'public, max-age=3600',
        'x-content-type-options': 'nosniff',
      });
      res.end(load(asset.path));
      return true;
    },
  };
}
