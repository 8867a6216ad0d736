/**
 * npm run token -- --sub <name> [--scopes a,b|all] [--districts 310104,…] [--ttl 8h]
 * Prints a bearer token the embedded start accepts (signed with its development key in the data
 * folder, made on first use; or with GATEWAY_JWT_SECRET when one is configured). Without --scopes,
 * every scope but personal-data:read and audit:read; without --districts, the whole city.
 */
import { parseArgs } from 'node:util';
import { readJwtConfig } from '../gateway/callers/config.ts';
import { issueToken } from '../gateway/callers/dev-token.ts';
import { parseDistricts, parseScopes } from '../gateway/callers/scope-arguments.ts';
import { exitOnStartupError } from '../runtime/lifecycle.ts';

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

function parseTtl(text: string): number {
  const match = /^(\d+)([smhd])$/.exec(text);
  const seconds = match ? Number(match[1]) * UNITS[match[2]!]! : 0;
  if (seconds < 1 || seconds > 30 * 86400)
    throw new Error(`--ttl takes e.g. 30m, 8h or 7d (at most 30d), got '${text}'`);
  return seconds;
}

try {
  const { values } = parseArgs({
    options: {
      sub: { type: 'string' },
      scopes: { type: 'string' },
      districts: { type: 'string' },
      ttl: { type: 'string', default: '8h' },
    },
  });
  if (!values.sub)
    throw new Error('usage: npm run token -- --sub <name> [--scopes a,b|all] [--districts 310104,…] [--ttl 8h]');
  const config = readJwtConfig(process.env, true);
  if (!config) throw new Error('no token key is configured');
  const token = await issueToken(
    {
      subject: values.sub,
      scopes: parseScopes(values.scopes),
      districts: parseDistricts(values.districts),
      ttlSeconds: parseTtl(values.ttl),
    },
    config,
  );
  process.stdout.write(`${token}\n`);
} catch (error) {
  exitOnStartupError(error);
}
