/**
 * Answers computed from an index snapshot, kept with that snapshot: paging through a ranking or a
 * question's rows recomputes nothing until the next refresh, and an old snapshot's answers go with it
 * (weakly held). Bounded per snapshot, so unusual argument sets cannot grow it without end.
 */
const ENTRIES_PER_SNAPSHOT = 64;

export class SnapshotMemo {
  private readonly answers = new WeakMap<object, Map<string, unknown>>();

  /** The answer of `compute` for this snapshot and key, computed once. */
  get<T>(snapshot: object, key: string, compute: () => T): T {
    let answers = this.answers.get(snapshot);
    if (!answers) this.answers.set(snapshot, (answers = new Map()));
    if (answers.has(key)) return answers.get(key) as T;
    const value = compute();
    if (answers.size >= ENTRIES_PER_SNAPSHOT) answers.delete(answers.keys().next().value!);
    answers.set(key, value);
    return value;
  }
}
