/** Where cached answers live: this process's memory (memory-store.ts) or Redis (redis-store.ts). */

export interface CachedAnswer {
  /** The answer's `data`, as JSON text. */
  readonly data: string;
  /** Epoch ms when it was computed. */
  readonly storedAt: number;
  /** Epoch ms after which it is not served. */
  readonly expiresAt: number;
}

export interface AnswerStore {
  /** The live entry under `key`, or undefined (also when the store does not answer in time). */
  get(key: string): Promise<CachedAnswer | undefined>;
  set(key: string, answer: CachedAnswer): Promise<void>;
  stop(): Promise<void>;
}
