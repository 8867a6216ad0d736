export { prepareElevator, isElevatorStorePrepared } from './store.ts';
export {
  startElevatorStandIn,
  type ElevatorStandInOptions,
  type ElevatorFaults,
  type RunningElevatorStandIn,
} from './server.ts';
export { DEFAULT_RATE_LIMIT, type RateLimit } from './rate-limit.ts';
export { PAGE_SIZE_CAP, BATCH_CAP, FEED_LIMIT_CAP } from './api.ts';
export { CODE } from './codes.ts';
