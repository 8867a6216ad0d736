/**
 * The platform's file naming (legacy/credit README): `<DATASET>_<FULL|INC>_<YYYYMMDD>.csv` with a
 * done-marker `<file>.ok`. Files apply by date, the snapshot before increments, then dataset order.
 */
import { type Dataset, DATASETS, datasetByCode } from './datasets.ts';

export type FileKind = 'FULL' | 'INC';

export interface DropFileName {
  readonly name: string;
  readonly dataset: Dataset;
  readonly kind: FileKind;
  /** ISO date. */
  readonly date: string;
}

const NAME = /^([A-Z]+)_(FULL|INC)_(\d{4})(\d{2})(\d{2})\.csv$/;

export function parseDropFileName(name: string): DropFileName | undefined {
  const m = NAME.exec(name);
  const dataset = m ? datasetByCode(m[1]!) : undefined;
  if (!m || !dataset) return undefined;
  return { name, dataset, kind: m[2] as FileKind, date: `${m[3]}-${m[4]}-${m[5]}` };
}

export function applyOrder(a: DropFileName, b: DropFileName): number {
  return (
    a.date.localeCompare(b.date) ||
    (a.kind === b.kind ? 0 : a.kind === 'FULL' ? -1 : 1) ||
    DATASETS.indexOf(a.dataset) - DATASETS.indexOf(b.dataset)
  );
}

export const markerName = (file: string): string => `${file}.ok`;

export interface Marker {
  readonly size: number;
  readonly sha256: string;
}

/** A marker that does not parse is taken as still being written: the file is not ready yet. */
export function parseMarker(text: string): Marker | undefined {
  const size = /^size=(\d+)$/m.exec(text);
  const sha = /^sha256=([0-9a-f]{64})$/m.exec(text);
  return size && sha ? { size: Number(size[1]), sha256: sha[1]! } : undefined;
}
