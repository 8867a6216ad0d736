/**
 * Date and DateTime scalars, ISO 8601. DateTime values are rendered in Asia/Shanghai (+08:00), the
 * offset every dashboard and legacy system of the city uses.
 */
import { GraphQLScalarType, Kind } from 'graphql';
import { badUserInput } from '../../graph/errors.ts';
import { isIsoDate } from '../../runtime/clock.ts';

function checkDate(value: unknown): string {
  if (!isIsoDate(value)) {
    throw badUserInput(`Date must be 'YYYY-MM-DD', got ${JSON.stringify(value)}`);
  }
  return value;
}

export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  description: '日期 A calendar date, ISO 8601 (YYYY-MM-DD), Asia/Shanghai.',
  serialize: (value) => checkDate(value),
  parseValue: (value) => checkDate(value),
  parseLiteral: (ast) => checkDate(ast.kind === Kind.STRING ? ast.value : undefined),
});

/** Formats an instant as ISO 8601 with the +08:00 offset. */
export function toShanghaiIso(instant: Date): string {
  const local = new Date(instant.getTime() + 8 * 3600_000);
  return `${local.toISOString().slice(0, 19)}+08:00`;
}

function toInstant(value: unknown): Date {
  const d =
    value instanceof Date
      ? value
      : typeof value === 'string' || typeof value === 'number'
        ? new Date(value)
        : undefined;
  if (!d || Number.isNaN(d.getTime()))
    throw badUserInput(`DateTime must be ISO 8601 with an offset, got ${JSON.stringify(value)}`);
  return d;
}

export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description: '时间 An instant, ISO 8601 with offset, rendered in Asia/Shanghai (+08:00).',
  serialize: (value) => toShanghaiIso(toInstant(value)),
  parseValue: (value) => toInstant(value),
  parseLiteral: (ast) => toInstant(ast.kind === Kind.STRING ? ast.value : undefined),
});
