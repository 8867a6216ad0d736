/** Held credit files as a Prometheus gauge by dataset: a held snapshot is data an operator must look at. */
import type { Metrics } from '../../runtime/metrics.ts';
import type { CreditDataset } from './types.ts';

export function heldFilesGauge(metrics: Metrics): (held: ReadonlyMap<CreditDataset, number>) => void {
  const gauge = metrics.gauge(
    'equipment_graph_credit_held_files',
    'Credit drop files held for an operator instead of applied (a snapshot that would empty or shrink its dataset too far, a late file that cannot be ordered), by dataset',
    ['dataset'],
  );
  return (held) => {
    for (const [dataset, n] of held) gauge.set({ dataset: dataset.toLowerCase() }, n);
  };
}
