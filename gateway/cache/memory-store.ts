/** Cached answers in this process: an LRU bounded by the bytes of their JSON, each entry until its expiry. */
import { LRUCache } from 'lru-cache';
import type { AnswerStore, CachedAnswer } from './store.ts';

export function memoryAnswerStore(maxBytes: number, now: () => number = Date.now): AnswerStore {
  const entries = new LRUCache<string, CachedAnswer>({
    maxSize: maxBytes,
    // Key and JSON text, two bytes a character: what the strings hold in V8 at worst.
    sizeCalculation: (answer, key) => 2 * (answer.data.length + key.length) + 64,
  });
  return {
    get(key) {
      const answer = entries.get(key);
      if (answer && answer.expiresAt <= now()) {
        entries.delete(key);
        return Promise.resolve(undefined);
      }
      return Promise.resolve(answer);
    },
    set(key, answer) {
      if (2 * answer.data.length <= maxBytes / 8) entries.set(key, answer);
      return Promise.resolve();
    },
    stop() {
      entries.clear();
      return Promise.resolve();
    },
  };
}
