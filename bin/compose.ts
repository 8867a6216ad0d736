/**
 * npm run compose              writes schema/supergraph.graphql
 * npm run compose -- --check   exits 1 when composition fails or the committed file is stale
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { composeSupergraph } from '../graph/compose.ts';
import { schemaFile } from '../graph/sdl.ts';

const check = process.argv.includes('--check');
const target = schemaFile('supergraph');
const result = composeSupergraph();

if (!result.ok) {
  console.error(`Composition failed:\n${result.errors.map((e) => `  - ${e}`).join('\n')}`);
  process.exit(1);
}
if (check) {
  const committed = existsSync(target) ? readFileSync(target, 'utf8') : '';
  if (committed !== result.supergraphSdl) {
    console.error(
      `${committed ? 'schema/supergraph.graphql is stale' : 'schema/supergraph.graphql is missing'}: run npm run compose and commit it.`,
    );
    process.exit(1);
  }
  console.log('schema/supergraph.graphql is up to date.');
} else {
  writeFileSync(target, result.supergraphSdl);
  console.log(`Wrote ${target}`);
}
