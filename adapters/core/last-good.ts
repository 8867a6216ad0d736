/**
 * Stale answers: each adapter keeps the last good answer it gave a request, per method and key (an
 * entity) or per method and arguments (a page, a count), in a bounded LRU (lru-cache). When the system
 * then fails (unavailable, timed out, rate-limited, or its breaker open), a request gets that copy
 * instead of an error, and the request scope notes the system and the copy's age, which the answer
 * carries in `extensions.stale`. Keys never read before stay failures: null with the system's error.
 *
 * Only requests fill and read the copies. Background reads (index builds, feeds) neither evict
 * entities with their bulk pages nor build an index on old data: they fail, and the index keeps its
 * previous build, whose `refreshedAt` states its age.
 */
import { LRUCache } from 'lru-cache';
import { isLegacyError } from '../../graph/errors.ts';
import { type RequestScope, currentRequestScope } from '../../runtime/request-scope.ts';
import type { SystemGuard } from './guard.ts';

type MethodName<P> = { [K in keyof P]: P[K] extends (...args: never[]) => Promise<unknown> ? K : never }[keyof P] &
  string;

export interface LastGoodSpec<P> {
  /** Methods taking keys first and answering aligned with them: a value, null or an Error per key. */
  readonly batch: readonly MethodName<P>[];
  /** Methods whose whole answer is kept, keyed by their arguments (pages, searches, counts). */
  readonly whole: readonly MethodName<P>[];
}

interface Copy {
  readonly value: unknown;
  readonly at: number;
}

type AnyMethod = (...args: unknown[]) => Promise<unknown>;

/** The failures a copy may stand in for: the system could not answer. A bad record is not one. */
function systemFailed(error: unknown): boolean {
  return (
    isLegacyError(error) &&
    (error.code === 'LEGACY_UNAVAILABLE' || error.code === 'LEGACY_TIMEOUT' || error.code === 'LEGACY_RATE_LIMITED')
  );
}

/** A page or a list weighs its items, so a few big pages cannot push every entity out. */
function weight(value: unknown): number {
  if (Array.isArray(value)) return value.length + 1;
  if (value instanceof Map) return value.size + 1;
  const items = (value as { items?: unknown } | null)?.items;
  return Array.isArray(items) ? items.length + 1 : 1;
}

/** `port` with the spec's methods answering from the last good copy when the system fails. */
export function withLastGoodAnswers<P extends object>(
  port: P,
  spec: LastGoodSpec<P>,
  guard: SystemGuard,
  now: () => number = Date.now,
): P {
  const { maxEntries, maxAgeMs } = guard.settings.stale;
  const copies = new LRUCache<string, Copy>({ maxSize: maxEntries, sizeCalculation: (c) => weight(c.value) });
  const keep = (key: string, value: unknown) => copies.set(key, { value, at: now() });
  const copyFor = (key: string, scope: RequestScope): Copy | undefined => {
    const copy = copies.get(key);
    if (!copy || now() - copy.at > maxAgeMs) return undefined;
    scope.noteStale(guard.system, (now() - copy.at) / 1000);
    guard.metrics.staleServed(guard.system);
    return copy;
  };
  const original = (name: string): AnyMethod => {
    const method = (port as Record<string, unknown>)[name];
    if (typeof method !== 'function') throw new Error(`withLastGoodAnswers: ${name} is not a method of the port`);
    return (method as AnyMethod).bind(port);
  };

  const wrapped = new Map<PropertyKey, AnyMethod>();
  for (const name of spec.batch) {
    const call = original(name);
    wrapped.set(name, async (keys: unknown, ...rest: unknown[]) => {
      const scope = currentRequestScope();
      if (!scope) return call(keys, ...rest);
      const list = keys as readonly string[];
      const prefix = `${name}|${JSON.stringify(rest)}|`;
      let results: unknown[];
      try {
        results = (await call(keys, ...rest)) as unknown[];
      } catch (error) {
        if (!systemFailed(error)) throw error;
        const served = list.map((key) => copyFor(prefix + key, scope));
        if (served.every((copy) => copy === undefined)) throw error;
        return served.map((copy) => (copy ? copy.value : error));
      }
      return results.map((result, i) => {
        const key = prefix + list[i]!;
        if (!(result instanceof Error)) keep(key, result);
        else if (systemFailed(result)) return copyFor(key, scope)?.value ?? result;
        return result;
      });
    });
  }
  for (const name of spec.whole) {
    const call = original(name);
    wrapped.set(name, async (...args: unknown[]) => {
      const scope = currentRequestScope();
      if (!scope) return call(...args);
      const key = `${name}|${JSON.stringify(args)}`;
      try {
        const value = await call(...args);
        keep(key, value);
        return value;
      } catch (error) {
        const copy = systemFailed(error) ? copyFor(key, scope) : undefined;
        if (!copy) throw error;
        return copy.value;
      }
    });
  }
  return new Proxy(port, {
    get(target, property) {
      const method = wrapped.get(property);
      if (method) return method;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as AnyMethod).bind(target) : value;
    },
  });
}
