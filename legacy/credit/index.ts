/** The credit platform stand-in: a drop directory of dated GBK CSV batch files (see README.md). */
export { CreditFeed, prepareCredit } from './feed.ts';
export { BAD_ROW_KINDS, type BadRowKind } from './bad-rows.ts';
