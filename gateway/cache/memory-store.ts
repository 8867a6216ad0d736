/**
 * Cached answers in this process: an LRU bounded by the bytes of their JSON, each entry until its
 * expiry; the generations in a plain object replaced on each advance (lookups share it, never copy it).
 */
import { LRUCache } from 'lru-cache';
import type { AnswerStore, CachedAnswer, Generations } from './store.ts';

export function memoryAnswerStore(maxBytes: number, now: () => number = Date.now): AnswerStore {
  const entries = new LRUCache<string, CachedAnswer>({
    maxSize: maxBytes,
    // Key and JSON text, two bytes a character: what the strings hold in V8 at worst.
    sizeCalculation: (answer, key) => 2 * (answer.data.length + key.length) + 64,
  });
  let generations: Generations = {};
  return {
    lookup(key) {
      let answer = entries.get(key);
      if (answer && answer.expiresAt <= now()) {
        entries.delete(key);
        answer = undefined;
      }
      return Promise.resolve({ answer, generations });
    },
    set(key, answer) {
      if (2 * answer.data.length <= maxBytes / 8) entries.set(key, answer);
      return Promise.resolve();
    },
    advance(systems) {
      const next: Record<string, number> = { ...generations };
      for (const system of systems) next[system] = (next[system] ?? 0) + 1;
      generations = next;
      return Promise.resolve();
    },
    stop() {
      entries.clear();
      return Promise.resolve();
    },
  };
}
