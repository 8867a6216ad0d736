export { toDtWorld } from './records.ts';
export { prepareElevator, writeElevatorStore } from './store.ts';
export { startElevatorStandIn, type RunningElevatorStandIn } from './server.ts';
