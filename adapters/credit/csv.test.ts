import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { datasetByCode } from './datasets.ts';
import { decodeGbk, splitFields, splitLines } from './csv.ts';
import { parseDropFile } from './parse-file.ts';

/** The system's own transcoder, not our writer: what a real platform's export would look like. */
const systemGbk = (utf8: string) => execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GBK'], { input: utf8 });

const HEADER = '统一社会信用代码,企业名称,企业类型,法定代表人,注册地址,行政区划,登记状态,成立日期,操作标志';

describe('GBK lines', () => {
  it('decodes a file produced by the system iconv, CRLF or LF, skipping blank lines', () => {
    const body = systemGbk(
      `${HEADER}\r\n91310000132260250X,上海汽车集团股份有限公司,股份有限公司,王晓秋,上海市静安区威海路489号,310108,存续,19840313,I\n\r\n`,
    );
    expect(body.includes(Buffer.from('上海', 'utf8'))).toBe(false); // really GBK, not UTF-8
    const lines = splitLines(body);
    expect(lines.map((l) => l.line)).toEqual([1, 2]);
    expect(decodeGbk(lines[1]!.bytes)).toEqual({
      ok: true,
      text: '91310000132260250X,上海汽车集团股份有限公司,股份有限公司,王晓秋,上海市静安区威海路489号,310108,存续,19840313,I',
    });
  });

  it('parses an iconv-made register file into store rows, mapping the legacy texts', async () => {
    const body = systemGbk(
      `${HEADER}\n91310000132260250X,上海汽车集团股份有限公司,股份有限公司,王晓秋,"上海市静安区威海路489号,A座",310108,吊销,19840313,I\n`,
    );
    const parsed = await parseDropFile(datasetByCode('QYJBXX')!, 'FULL', body);
    expect(parsed).toEqual({
      ok: true,
      removals: [],
      quarantined: [],
      upserts: [
        {
          uscc: '91310000132260250X',
          name: '上海汽车集团股份有限公司',
          type: '股份有限公司',
          legal_representative: '王晓秋',
          registered_address: '上海市静安区威海路489号,A座',
          recorded_district: '310108',
          status: 'REVOKED',
          established_on: '1984-03-13',
        },
      ],
    });
  });

  it('refuses bytes that are not GBK, and a UTF-8 file as a whole', async () => {
    expect(decodeGbk(Buffer.from([0xc9, 0xcf, 0x81, 0x7f, 0x41]))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('not valid GBK'),
    });
    const utf8 = Buffer.from(
      `${HEADER}\n91310000132260250X,上海汽车集团股份有限公司,股份有限公司,王晓秋,上海,310106,存续,19840313,I\n`,
      'utf8',
    );
    expect(await parseDropFile(datasetByCode('QYJBXX')!, 'FULL', utf8)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^header (is not valid GBK|does not match dataset QYJBXX)/),
    });
  });
});

describe('CSV fields', () => {
  it('honours quotes, doubled quotes and empty fields', () => {
    expect(splitFields('a,"b,c","say ""hi""",,')).toEqual({ ok: true, fields: ['a', 'b,c', 'say "hi"', '', ''] });
    expect(splitFields('"x"')).toEqual({ ok: true, fields: ['x'] });
  });

  it('reports broken quoting', () => {
    expect(splitFields('a,"b')).toEqual({ ok: false, reason: 'unterminated quoted field' });
    expect(splitFields('"a"b,c')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('after a closing quote'),
    });
  });
});
