/** The inspection system's exchange database (前置库) stand-in: seeding and the embedded running database. */
export { inspectionPrepared, prepareInspection, type PreparedInspection } from './prepare.ts';
export { DEFAULT_SCHEMA, type InspectionTarget } from './database.ts';
export {
  startInspectionStandIn,
  type InspectionFaults,
  type InspectionStandIn,
  type InspectionConnection,
} from './standin.ts';
