/**
 * npm run persisted-queries              writes docs/operations/manifest.json from docs/operations/*.graphql
 * npm run persisted-queries -- --check   exits 1 when the committed manifest is stale
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CALLERS_DEFAULTS } from '../gateway/callers/config.ts';
import { buildManifest } from '../gateway/callers/persisted-queries.ts';

const dir = fileURLToPath(new URL('../docs/operations', import.meta.url));
const target = CALLERS_DEFAULTS.persistedQueriesPath;
const text = `${JSON.stringify(buildManifest(dir), null, 1)}\n`;

if (process.argv.includes('--check')) {
  if ((existsSync(target) ? readFileSync(target, 'utf8') : '') !== text) {
    console.error('docs/operations/manifest.json is stale: run npm run persisted-queries and commit it.');
    process.exit(1);
  }
  console.log('docs/operations/manifest.json is up to date.');
} else {
  writeFileSync(target, text);
  console.log(`Wrote ${target}`);
}
