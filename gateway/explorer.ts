/**
 * The GraphQL explorer, served entirely by the gateway (page-files.ts): GraphiQL and React from our own
 * node_modules, a fixed list of files (no path from the request ever reaches the file system), and a
 * Content-Security-Policy that lets the page talk to this origin only.
 */
import { fileURLToPath } from 'node:url';
import type { Route } from '../runtime/apollo-http.ts';
import { type PageAsset, packaged, pageFiles, sameOriginCsp } from './page-files.ts';

const own = (file: string) => fileURLToPath(new URL(`./explorer/${file}`, import.meta.url));

const ASSETS: Readonly<Record<string, PageAsset>> = {
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

// GraphiQL sets styles inline and embeds its fonts as data URLs.
const CSP = sameOriginCsp({ 'style-src': "'self' 'unsafe-inline'", 'font-src': "'self' data:" });

export function explorerRoute(graphqlPath: string): Route {
  const files = pageFiles(own('index.html'), ASSETS, CSP);
  return (req, res, url) => {
    if (req.method !== 'GET') return false;
    if (
      url.pathname === graphqlPath &&
      (req.headers.accept ?? '').includes('text/html') &&
      !url.searchParams.has('query')
    ) {
      files.sendPage(res);
      return true;
    }
    const name = url.pathname.startsWith('/explorer/') ? url.pathname.slice('/explorer/'.length) : undefined;
    return name !== undefined && files.sendAsset(res, name);
  };
}
