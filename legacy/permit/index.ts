export { preparePermit, permitStoreFile } from './store.ts';
export { startPermitStandIn, type RunningPermitStandIn } from './server.ts';
