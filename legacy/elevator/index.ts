export { prepareElevator } from './store.ts';
export { startElevatorStandIn, type RunningElevatorStandIn } from './server.ts';
