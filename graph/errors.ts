/**
 * The one closed list of error codes used across the graph (DESIGN.md, "Errors and partial answers").
 * Adapters and resolvers throw these; the gateway masks anything else as INTERNAL_SERVER_ERROR.
 */
import { GraphQLError } from 'graphql';
import type { SystemName } from './names.ts';

export const ERROR_CODES = [
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  // A field needs a scope the caller lacks (extensions.scope, field), or is outside its districts (extensions.reason
  // DISTRICT: equipment, an elevator or a district's figures; subgraphs/common/districts.ts).
  'FORBIDDEN',
  'LEGACY_UNAVAILABLE',
  'LEGACY_TIMEOUT',
  'LEGACY_BAD_DATA',
  'LEGACY_RATE_LIMITED',
  // The gateway or a subgraph refused an operation over a limit before resolving anything (extensions: exceeded,
  // limit, measured).
  'QUERY_TOO_COMPLEX',
  // The gateway is at capacity: refused at once with HTTP 503 and Retry-After (extensions.retryAfterSeconds).
  'OVERLOADED',
  // A subgraph did not answer the gateway; extensions.system names it.
  'SUBGRAPH_UNAVAILABLE',
  // The caller's client is over its rate (HTTP 429, Retry-After; extensions.retryAfterSeconds).
  'RATE_LIMITED',
  // A safelisted client sent an operation that is not among its registered ones (HTTP 403); nothing was planned.
  'OPERATION_NOT_SAFELISTED',
  'INTERNAL_SERVER_ERROR',
] as const;
type ErrorCode = (typeof ERROR_CODES)[number];

export type LegacyErrorCode = Extract<ErrorCode, `LEGACY_${string}`>;

/** A failure of a legacy system, named by system. The message is safe to show to callers. */
export class LegacyError extends GraphQLError {
  readonly code: LegacyErrorCode;
  readonly system: SystemName;

  constructor(
    code: LegacyErrorCode,
    system: SystemName,
    message: string,
    options: { cause?: unknown; key?: string } = {},
  ) {
    super(message, {
      extensions: { code, system, ...(options.key === undefined ? {} : { key: options.key }) },
      originalError: options.cause instanceof Error ? options.cause : undefined,
    });
    this.name = 'LegacyError';
    this.code = code;
    this.system = system;
  }
}

/** Invalid input from the caller: says what is wrong, names the argument. */
export function badUserInput(message: string, argument?: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'BAD_USER_INPUT', ...(argument === undefined ? {} : { argument }) },
  });
}

export function isLegacyError(error: unknown): error is LegacyError {
  return error instanceof LegacyError;
}
