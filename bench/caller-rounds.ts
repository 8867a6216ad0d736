/**
 * The caller benches' shared measurement: example operations sent by each kind of caller in interleaved
 * rounds of closed-loop load (so the machine's drift falls on every kind alike), printed as one table row
 * per operation and caller with requests/s, p50, p99 and the ratio to the first kind's requests.
 */
import { loadOperation } from '../test/support/operations.ts';

export interface Rounds {
  readonly url: string;
  readonly seconds: number;
  readonly concurrency: number;
  readonly rounds: number;
  /** Requests per caller kind before measuring. */
  readonly warmup: number;
}

/** One POST to the gateway; anything but HTTP 200 stops the bench. */
export async function post(url: string, body: string, headers: Record<string, string>): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
  await response.arrayBuffer();
}

/** `concurrency` clients for `seconds`: every latency. */
async function load(rounds: Rounds, body: string, headers: Record<string, string>): Promise<number[]> {
  const latencies: number[] = [];
  const until = performance.now() + rounds.seconds * 1000;
  await Promise.all(
    Array.from({ length: rounds.concurrency }, async () => {
      while (performance.now() < until) {
        const started = performance.now();
        await post(rounds.url, body, headers);
        latencies.push(performance.now() - started);
      }
    }),
  );
  return latencies;
}

const p = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;

/** Prints the table for `operations` (names in docs/operations), one row per operation and caller kind. */
export async function compareCallers(
  rounds: Rounds,
  kinds: Readonly<Record<string, Record<string, string>>>,
  operations: readonly string[],
): Promise<void> {
  const [first] = Object.keys(kinds);
  console.log(`| operation | caller | requests/s | p50 ms | p99 ms | vs ${first} |`);
  console.log('|---|---|---:|---:|---:|---:|');
  for (const name of operations) {
    const operation = loadOperation(name);
    const body = JSON.stringify({ query: operation.query, variables: operation.variables });
    for (const headers of Object.values(kinds))
      for (let i = 0; i < rounds.warmup; i++) await post(rounds.url, body, headers);
    const latencies = new Map<string, number[]>(Object.keys(kinds).map((k) => [k, []]));
    for (let round = 0; round < rounds.rounds; round++)
      for (const [kind, headers] of Object.entries(kinds))
        latencies.get(kind)!.push(...(await load(rounds, body, headers)));
    const baseline = latencies.get(first!)!.length;
    for (const [kind, all] of latencies) {
      all.sort((a, b) => a - b);
      console.log(
        `| ${name} | ${kind} | ${(all.length / (rounds.rounds * rounds.seconds)).toFixed(0)} | ${p(all, 0.5).toFixed(1)} | ${p(all, 0.99).toFixed(1)} | ${(all.length / baseline).toFixed(2)} |`,
      );
    }
  }
}
