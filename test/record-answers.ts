/**
 * npm run docs:answers   runs every example query of docs/operations against the embedded stack
 * (demo scale unless SEED_SCALE says otherwise) and writes each answer beside it as
 * <Name>.answer.json, lists cut to their first three items, so the docs show real answers. The
 * subscriptions have no single answer and are left out.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEmbeddedStack } from '../embedded/stack.ts';
import { exitOnStartupError } from '../runtime/lifecycle.ts';
import { createLogger } from '../runtime/logger.ts';
import { postGraphql } from './support/graphql.ts';
import { OPERATIONS_DIR, loadOperation, operationNames } from './support/operations.ts';
import { ZERO_PORTS } from './support/stack.ts';

const SHOWN = 3;

/** Lists longer than SHOWN keep their first items and say how many were left out. */
function abridge(value: unknown): unknown {
  if (Array.isArray(value)) {
    const shown = value.slice(0, SHOWN).map(abridge);
    return value.length > SHOWN ? [...shown, `… ${value.length - SHOWN} more`] : shown;
  }
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, abridge(v)]));
  return value;
}

try {
  const logger = createLogger({ level: 'warn', name: 'answers' });
  const stack = await startEmbeddedStack({ SEED_SCALE: 'demo', ...process.env, ...ZERO_PORTS }, logger);
  try {
    for (const name of operationNames()) {
      const operation = loadOperation(name);
      const body = await postGraphql(stack.gateway.url, operation.query, operation.variables);
      writeFileSync(join(OPERATIONS_DIR, `${name}.answer.json`), `${JSON.stringify(abridge(body), null, 2)}\n`);
      process.stdout.write(`${name}: ${body.errors ? `${body.errors.length} errors` : 'ok'}\n`);
    }
  } finally {
    await stack.stop();
  }
} catch (error) {
  exitOnStartupError(error);
}
