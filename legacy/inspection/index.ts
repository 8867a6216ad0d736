/** The inspection system's exchange database (前置库) stand-in: seeding and the embedded running database. */
export { inspectionPrepared, prepareInspection } from './prepare.ts';
export { startInspectionStandIn, type InspectionStandIn } from './standin.ts';
