/**
 * Relay-style connections. Cursors are opaque to callers: base64 of an offset, which every legacy
 * system can page by. Page sizes are bounded so no query can ask a legacy system for everything.
 */
import { badUserInput } from '../../graph/errors.ts';

const MAX_PAGE_SIZE = 100;
const DEFAULT_PAGE_SIZE = 20;

export interface PageArgs {
  readonly first?: number | null;
  readonly after?: string | null;
}

export interface Page {
  readonly offset: number;
  readonly limit: number;
}

export function toPage(args: PageArgs): Page {
  const limit = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 0 || limit > MAX_PAGE_SIZE) {
    throw badUserInput(`first must be from 0 to ${MAX_PAGE_SIZE}, got ${limit}`, 'first');
  }
  return { offset: args.after ? decodeCursor(args.after) + 1 : 0, limit };
}

export function encodeCursor(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url');
}

function decodeCursor(cursor: string): number {
  const m = /^o:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m) throw badUserInput('after is not a cursor returned by this graph', 'after');
  return Number(m[1]);
}

export interface Connection<T> {
  readonly totalCount: number;
  readonly edges: { readonly cursor: string; readonly node: T }[];
  readonly nodes: T[];
  readonly pageInfo: {
    readonly hasNextPage: boolean;
    readonly hasPreviousPage: boolean;
    readonly startCursor: string | null;
    readonly endCursor: string | null;
  };
}

/** Builds a connection from one page of items and the total the source reported. */
export function toConnection<T>(items: readonly T[], page: Page, totalCount: number): Connection<T> {
  const edges = items.map((node, i) => ({ cursor: encodeCursor(page.offset + i), node }));
  return {
    totalCount,
    edges,
    nodes: [...items],
    pageInfo: {
      hasNextPage: page.offset + items.length < totalCount,
      hasPreviousPage: page.offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
