/**
 * npm run audit -- [--from <ISO instant>] [--to <ISO instant>] [--subject <s>] [--client <c>] [--operation <name>]
 *
 * Exports the personal-data audit trail as JSON lines on stdout, oldest first: the store the subgraphs
 * write (AUDIT_DATABASE_URL, else AUDIT_FILE, by default DATA_DIR/audit/personal-data-reads.jsonl).
 * `--from` is inclusive, `--to` exclusive.
 */
import { parseArgs } from 'node:util';
import { openAuditTrail, readAuditConfig } from '../subgraphs/common/audit/config.ts';
import type { AuditFilter } from '../subgraphs/common/audit/trail.ts';
import { exitOnStartupError } from '../runtime/lifecycle.ts';

const PAGE = 1000;

function instant(text: string | undefined, option: string): string | undefined {
  if (text === undefined) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) throw new Error(`--${option} takes an ISO 8601 date or instant, got '${text}'`);
  return new Date(at).toISOString();
}

try {
  const { values } = parseArgs({
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      subject: { type: 'string' },
      client: { type: 'string' },
      operation: { type: 'string' },
    },
  });
  const filter: AuditFilter = {
    ...(values.subject !== undefined ? { subject: values.subject } : {}),
    ...(values.client !== undefined ? { client: values.client } : {}),
    ...(values.operation !== undefined ? { operationName: values.operation } : {}),
    ...(values.from !== undefined ? { from: instant(values.from, 'from') } : {}),
    ...(values.to !== undefined ? { to: instant(values.to, 'to') } : {}),
  };
  const trail = await openAuditTrail(readAuditConfig(process.env));
  try {
    for (let offset = 0; ; offset += PAGE) {
      const { items } = await trail.read(filter, { offset, limit: PAGE });
      for (const record of items) process.stdout.write(`${JSON.stringify(record)}\n`);
      if (items.length < PAGE) break;
    }
  } finally {
    await trail.close();
  }
} catch (error) {
  exitOnStartupError(error);
}
