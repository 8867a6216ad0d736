// The first module of a worker thread (runtime/worker-thread.ts): worker threads do not inherit the tsx
// loader the process was started with, so the TypeScript entry named in workerData is loaded through
// tsx's API. Plain JavaScript, since nothing can load TypeScript before it.
import { workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

await tsImport(workerData.entry, import.meta.url);
