/**
 * The gateway's refusals of a whole request, as GraphQL errors with their HTTP status (Apollo answers
 * a context or operation error with `extensions.http`): who is asking is unknown (401), asking too
 * often (429 with Retry-After), or asking what its safelist does not hold.
 */
import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';

export function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: {
      code: 'UNAUTHENTICATED',
      http: { status: 401, headers: new HeaderMap([['www-authenticate', 'Bearer realm="equipment-graph"']]) },
    },
  });
}

export function rateLimited(client: string, retryAfterSeconds: number): GraphQLError {
  return new GraphQLError(`Too many requests from ${client}; retry in ${retryAfterSeconds} s`, {
    extensions: {
      code: 'RATE_LIMITED',
      retryAfterSeconds,
      http: { status: 429, headers: new HeaderMap([['retry-after', String(retryAfterSeconds)]]) },
    },
  });
}

export function notSafelisted(client: string): GraphQLError {
  return new GraphQLError(
    `${client} may run only its registered operations (docs/operations/manifest.json); this one is not among them`,
    { extensions: { code: 'OPERATION_NOT_SAFELISTED', http: { status: 403 } } },
  );
}
