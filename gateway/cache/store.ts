/**
 * Where cached answers live: this process's memory (memory-store.ts) or Redis (redis-store.ts), with
 * the generation of each subgraph's data beside them. A figures event advances the generations of the
 * systems it names (invalidation.ts); an answer is served only while the generations it was computed
 * at are still current. With Redis the generations live there too, so every replica agrees at once.
 */

/** Each subgraph's generation of data; a subgraph not named is at 0. */
export type Generations = Readonly<Record<string, number>>;

export interface CachedAnswer {
  /** The answer's `data`, as JSON text. */
  readonly data: string;
  /** Epoch ms when it was computed. */
  readonly storedAt: number;
  /** Epoch ms after which it is not served. */
  readonly expiresAt: number;
  /** The subgraphs its data came from, each at the generation current when its computation began. */
  readonly fedBy: Generations;
}

export interface Lookup {
  /** The live entry, or undefined (also when the store does not answer in time). */
  readonly answer: CachedAnswer | undefined;
  /** The generations current as the entry was read. */
  readonly generations: Generations;
}

export interface AnswerStore {
  lookup(key: string): Promise<Lookup>;
  set(key: string, answer: CachedAnswer): Promise<void>;
  /** Moves each system's data to a new generation: answers fed by it are no longer served. */
  advance(systems: readonly string[]): Promise<void>;
  stop(): Promise<void>;
}

/** Whether every subgraph that fed `answer` is still at the generation it was computed at. */
export function stillCurrent(answer: CachedAnswer, generations: Generations): boolean {
  for (const [subgraph, generation] of Object.entries(answer.fedBy))
    if ((generations[subgraph] ?? 0) !== generation) return false;
  return true;
}
