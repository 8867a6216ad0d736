/**
 * The dashboard page (一网统管-style operations screen) at GET /dashboard, served entirely by the gateway:
 * its own script and styles, ECharts from our node_modules, and the example operations of
 * docs/operations as the persisted-query manifest holds them (so the page runs exactly the documented
 * questions, and a safelisted client's page runs them by hash). A fixed list of files: no path from the
 * request reaches the file system; the Content-Security-Policy keeps the page on this origin.
 * `/dashboard/caller` says whose screen it is (districts, scopes) for the presented credential.
 */
import { fileURLToPath } from 'node:url';
import { GraphQLError } from 'graphql';
import { type Route, sendJson } from '../runtime/apollo-http.ts';
import type { Identify } from './callers/identify.ts';
import type { PersistedQueryManifest } from './callers/persisted-queries.ts';
import { type PageAsset, packaged, pageFiles, sameOriginCsp } from './page-files.ts';

const own = (file: string) => fileURLToPath(new URL(`./dashboard/${file}`, import.meta.url));

const ASSETS: Readonly<Record<string, PageAsset>> = {
  'echarts.min.js': { path: packaged('echarts', 'dist/echarts.min.js'), type: 'text/javascript' },
  'app.js': { path: own('app.js'), type: 'text/javascript' },
  'dashboard.css': { path: own('dashboard.css'), type: 'text/css' },
};

/** The operations the page runs, all of docs/operations: its questions and its two subscriptions. */
const OPERATIONS = [
  'CityOverview',
  'MaintenanceRiskRanking',
  'ClosedLoopHazards',
  'OldResidentialElevators',
  'ElevatorFile',
  'LiveAlarms',
  'FiguresChanged',
] as const;

const CSP = sameOriginCsp();

export function dashboardRoute(manifest: PersistedQueryManifest, identify: Identify): Route {
  const files = pageFiles(own('index.html'), ASSETS, CSP);
  const operations = Object.fromEntries(
    OPERATIONS.map((name) => {
      const found = manifest.operations.find((o) => o.name === name);
      if (!found)
        throw new Error(`The dashboard needs ${name} in the persisted-query manifest (npm run persisted-queries)`);
      return [name, found.body];
    }),
  );
  return async (req, res, url) => {
    if (req.method !== 'GET' || !(url.pathname === '/dashboard' || url.pathname.startsWith('/dashboard/')))
      return false;
    if (url.pathname === '/dashboard' || url.pathname === '/dashboard/') {
      files.sendPage(res);
      return true;
    }
    const name = url.pathname.slice('/dashboard/'.length);
    if (name === 'operations.json') {
      sendJson(res, 200, operations);
      return true;
    }
    if (name === 'caller') {
      try {
        const { caller } = await identify(req);
        sendJson(res, 200, {
          subject: caller.subject,
          districts: caller.districts ?? null,
          scopes: [...caller.scopes],
        });
      } catch (error) {
        if (!(error instanceof GraphQLError)) throw error;
        sendJson(res, 401, { errors: [{ message: error.message, extensions: { code: 'UNAUTHENTICATED' } }] });
      }
      return true;
    }
    return files.sendAsset(res, name);
  };
}
