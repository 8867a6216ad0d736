/**
 * Masks every error whose code is not on the closed list (DESIGN.md): callers see
 * INTERNAL_SERVER_ERROR, the log keeps the details.
 */
import type { GraphQLFormattedError } from 'graphql';
import { ERROR_CODES } from './errors.ts';
import type { Logger } from '../runtime/logger.ts';

const KNOWN = new Set<string>(ERROR_CODES);
/** Apollo's own request-level codes (parse and validation failures) are safe to pass on. */
const APOLLO_REQUEST_CODES = new Set([
  'INVALID_GRAPHQL',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE',
]);

export function maskError(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = String(formatted.extensions?.code ?? '');
    if ((KNOWN.has(code) && code !== 'INTERNAL_SERVER_ERROR') || APOLLO_REQUEST_CODES.has(code)) {
      const { stacktrace: _drop, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    logger.error({ err: error, path: formatted.path }, 'unexpected error masked');
    return {
      message: 'Internal server error',
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}
