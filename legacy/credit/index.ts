/** The credit platform stand-in: a drop directory of dated GBK CSV batch files (see README.md). */
export { CreditFeed, prepareCredit, incrementDays, type CreditFaults, type DroppedFile } from './feed.ts';
export { BAD_ROW_KINDS, type BadRowKind, type PlantedBadRow } from './bad-rows.ts';
export { dropFileName } from './files.ts';
