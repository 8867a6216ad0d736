export { preparePermit, isPermitStorePrepared, permitStoreFile } from './store.ts';
export {
  startPermitStandIn,
  type PermitStandInOptions,
  type PermitFaults,
  type RunningPermitStandIn,
} from './server.ts';
export { DEFAULT_BATCH_LIMIT, PERMIT_NS } from './codes.ts';
