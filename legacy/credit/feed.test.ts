/**
 * The credit stand-in's drop directory, checked with independent tools (the system iconv, node:crypto)
 * rather than with the adapter: markers, GBK, planted bad rows, change flags, faults.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isUscc } from '../../reference/index.ts';
import { type CreditFeed, prepareCredit } from './feed.ts';
import { creditTestWorld, testUscc } from '../../test/support/credit/hand-world.ts';

const systemIconv = (file: string) =>
  execFileSync('iconv', ['-f', 'GBK', '-t', 'UTF-8', file], { stdio: ['ignore', 'pipe', 'pipe'] }).toString('utf8');
const lines = (body: Buffer) =>
  body
    .toString('latin1')
    .split('\r\n')
    .map((l) => Buffer.from(l, 'latin1'));

describe('credit drop directory', () => {
  let root: string;
  let feed: CreditFeed;
  const path = (name: string) => join(root, 'drop', name);

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'eg-credit-feed-'));
    feed = await prepareCredit(creditTestWorld(), join(root, 'drop'));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('drops the dated snapshot, then one file per dataset and day, each with a marker of its size and SHA-256', async () => {
    expect(feed.dropped.map((f) => f.name)).toEqual([
      'QYJBXX_FULL_20261018.csv',
      'XYFXFL_FULL_20261018.csv',
      'QYNB_FULL_20261018.csv',
      'XZCF_FULL_20261018.csv',
      'JYYC_FULL_20261018.csv',
      'YZWFSX_FULL_20261018.csv',
      'QYJBXX_INC_20261019.csv',
      'XYFXFL_INC_20261019.csv',
      'QYNB_INC_20261019.csv',
      'QYJBXX_INC_20261020.csv',
      'XZCF_INC_20261020.csv',
      'JYYC_INC_20261020.csv',
      'QYJBXX_INC_20261021.csv',
      'JYYC_INC_20261021.csv',
    ]);
    for (const f of feed.dropped) {
      const body = await readFile(path(f.name));
      expect(await readFile(path(`${f.name}.ok`), 'utf8')).toBe(
        `size=${body.length}\nsha256=${createHash('sha256').update(body).digest('hex')}\n`,
      );
    }
  });

  it('writes GBK with Chinese headers that the system iconv reads, except where a broken row is planted', () => {
    expect(systemIconv(path('XYFXFL_FULL_20261018.csv')).split('\r\n')[0]).toBe(
      '统一社会信用代码,企业名称,风险分类结果,分类日期,操作标志',
    );
    expect(systemIconv(path('JYYC_INC_20261021.csv'))).toContain(
      `${testUscc(5)},上海信用测试5号有限公司,通过登记的住所或者经营场所无法联系,20261020,上海市市场监督管理局,20261021,依法办理住所变更登记,上海市市场监督管理局,U`,
    );
    expect(() => systemIconv(path('QYJBXX_FULL_20261018.csv'))).toThrow();
  });

  it('plants each bad row where its manifest says, as the kind it says', async () => {
    for (const bad of feed.badRows) {
      const all = lines(await readFile(path(bad.file)));
      const line = all[bad.line - 1]!;
      const text = line.toString('latin1');
      const good = all[bad.line - 2]!;
      if (bad.kind === 'DUPLICATE_ROW') expect(all.slice(0, bad.line - 1).some((l) => l.equals(line))).toBe(true);
      if (bad.kind === 'BROKEN_ENCODING') expect(line.includes(Buffer.from([0x81, 0x7f]))).toBe(true);
      if (bad.kind === 'UNPARSEABLE_DATE') expect(text).toContain(',20191345,');
      if (bad.kind === 'WRONG_COLUMN_COUNT')
        expect(text.split(',').length).toBe(good.toString('latin1').split(',').length + 1);
      if (bad.kind === 'INVALID_USCC') expect(isUscc(/[0-9A-Z]{18}/.exec(text)![0])).toBe(false);
    }
    expect(
      feed.badRows
        .filter((b) => b.file === 'QYJBXX_FULL_20261018.csv')
        .map((b) => b.kind)
        .sort(),
    ).toEqual(['BROKEN_ENCODING', 'DUPLICATE_ROW', 'INVALID_USCC', 'UNPARSEABLE_DATE', 'WRONG_COLUMN_COUNT']);
  });

  it('flags an increment row as add, update or removal', () => {
    const flagOf = (file: string, uscc: string) =>
      systemIconv(path(file))
        .split('\r\n')
        .find((l) => l.startsWith(uscc) && isUscc(l.slice(0, 18)))
        ?.split(',')
        .at(-1);
    expect(flagOf('QYJBXX_INC_20261020.csv', testUscc(2))).toBe('U');
    expect(flagOf('QYJBXX_INC_20261021.csv', testUscc(4))).toBe('D');
  });

  it('holds the marker back while slow, delivers UTF-8 at full error rate, and drops nothing in an outage', async () => {
    const change = [{ kind: 'riskClass' as const, on: '2026-10-22', uscc: testUscc(0), riskClass: 'B' as const }];
    feed.setFaults({ latencyMs: 150 });
    const dropping = feed.dropDay('2026-10-22', change);
    await new Promise((r) => setTimeout(r, 60));
    expect([existsSync(path('XYFXFL_INC_20261022.csv')), existsSync(path('XYFXFL_INC_20261022.csv.ok'))]).toEqual([
      true,
      false,
    ]);
    await dropping;
    expect(existsSync(path('XYFXFL_INC_20261022.csv.ok'))).toBe(true);

    feed.setFaults({ latencyMs: 0, errorRate: 1 });
    const [utf8] = await feed.dropDay('2026-10-23', change);
    expect(utf8?.undecodable).toBe(true);
    expect((await readFile(path('XYFXFL_INC_20261023.csv'), 'utf8')).startsWith('统一社会信用代码')).toBe(true);

    feed.setFaults({ errorRate: 0, outage: true });
    expect(await feed.dropDay('2026-10-24', change)).toEqual([]);
    expect(existsSync(path('XYFXFL_INC_20261024.csv'))).toBe(false);
    expect(() => feed.setFaults({ errorRate: 2 })).toThrow('errorRate must be 0..1');
  });
});
