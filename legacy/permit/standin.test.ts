/**
 * The permit stand-in is genuine SOAP 1.1: the general-purpose `soap` client reads its WSDL and calls
 * every operation. Faults (Client for bad requests, Server for injected errors) and the fault control
 * are checked on the wire.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import soap from 'soap';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateWorld } from '../seed/generate.ts';
import type { World } from '../seed/world.ts';
import { PERMIT_NS, SOAP_ENV_NS, XKLX, ZT } from './codes.ts';
import { type RunningPermitStandIn, startPermitStandIn } from './server.ts';
import { preparePermit } from './store.ts';

let world: World;
let dir: string;
let service: RunningPermitStandIn;
let client: soap.Client;
const ACCOUNT = { username: 'equipment-graph', password: 'per-start-password' };

/** A client of the library that sends a WS-Security UsernameToken (PasswordDigest) with every call. */
async function secured(password: string): Promise<soap.Client> {
  const withToken = await soap.createClientAsync(service.wsdlUrl);
  withToken.setSecurity(new soap.WSSecurity(ACCOUNT.username, password, { passwordType: 'PasswordDigest' }));
  return withToken;
}

beforeAll(async () => {
  world = generateWorld({ scale: 'test' });
  dir = mkdtempSync(join(tmpdir(), 'eg-permit-'));
  preparePermit(world, dir);
  service = await startPermitStandIn({ dir, host: '127.0.0.1', port: 0, accounts: [ACCOUNT] });
  client = await soap.createClientAsync(service.wsdlUrl);
});
afterEach(() => service.setFaults({ latencyMs: 0, errorRate: 0, outage: false, truncateRate: 0 }));
afterAll(async () => {
  await service?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const asList = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

async function post(xml: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  const res = await fetch(service.url, {
    method: 'POST',
    headers: { 'content-type': 'text/xml; charset=utf-8', ...headers },
    body: xml,
  });
  return { status: res.status, text: await res.text() };
}

const request = (op: string, inner: string) =>
  `<s:Envelope xmlns:s="${SOAP_ENV_NS}"><s:Body><p:${op} xmlns:p="${PERMIT_NS}">${inner}</p:${op}></s:Body></s:Envelope>`;

describe('the WSDL, read by the soap client library', () => {
  it('describes the five operations, document/literal, at the address it serves', () => {
    const description = client.describe() as Record<string, Record<string, Record<string, unknown>>>;
    const port = description.TzsbXkService!.TzsbXkPort!;
    expect(Object.keys(port).sort()).toEqual(['CxXkzFy', 'CxXkzPl', 'CxZhjdccPl', 'CxZyryzByZjhm', 'CxZyryzPl']);
  });

  it('calls CxXkzPl: licences of the holders asked for, codes and dates in legacy form', async () => {
    const holder = world.licences[0]!.holderUscc;
    const [result] = await client.CxXkzPlAsync({ TYSHXYDM: [holder, world.enterprises.at(-1)!.uscc] });
    const rows = asList(result.XKZ) as Record<string, string>[];
    const expected = world.licences.filter((l) => l.holderUscc === holder);
    expect(rows.map((r) => r.XKZBH).sort()).toEqual(expected.map((l) => l.number).sort());
    const first = rows.find((r) => r.XKZBH === expected[0]!.number)!;
    expect(first).toMatchObject({
      TYSHXYDM: holder,
      XKLX: XKLX[expected[0]!.type],
      FZRQ: expected[0]!.issuedOn.replaceAll('-', ''),
      ZT: ZT[expected[0]!.status],
    });
    expect(first.XKFW).toBe(expected[0]!.scope.join(';'));
  });

  it('calls CxZyryzPl: certificates by number, ID numbers masked at source, unknown numbers absent', async () => {
    const cert = world.certificates[3]!;
    const [result] = await client.CxZyryzPlAsync({ ZSBH: [cert.number, 'TZT-319999999999'] });
    const rows = asList(result.ZYRYZ) as Record<string, string>[];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      ZSBH: cert.number,
      ZYXM: cert.item,
      XM: cert.holderName,
      PYDWDM: cert.employerUscc,
      YXQZ: cert.expiresOn.replaceAll('-', ''),
    });
    expect(rows[0]!.ZJHM).toBe(`${cert.holderId.slice(0, 6)}********${cert.holderId.slice(14)}`);
  });

  it('calls CxZyryzPl: a suspended certificate carries its suspension period (ZKQSRQ, ZKZZRQ), another none', async () => {
    const suspended = world.certificates.find((c) => c.suspension)!;
    const never = world.certificates.find((c) => !c.suspension)!;
    const [result] = await client.CxZyryzPlAsync({ ZSBH: [suspended.number, never.number] });
    const rows = new Map((asList(result.ZYRYZ) as Record<string, string>[]).map((r) => [r.ZSBH, r]));
    expect(rows.get(suspended.number)).toMatchObject({
      ZKQSRQ: suspended.suspension!.from.replaceAll('-', ''),
      ZKZZRQ: suspended.suspension!.until.replaceAll('-', ''),
    });
    expect(rows.get(never.number)!.ZKQSRQ || '').toBe('');
    expect(rows.get(never.number)!.ZKZZRQ || '').toBe('');
  });

  it('refuses CxZyryzByZjhm (a lookup by ID number) without a valid WS-Security UsernameToken', async () => {
    const cert = world.certificates[5]!;
    await expect(client.CxZyryzByZjhmAsync({ ZJHM: [cert.holderId] })).rejects.toMatchObject({
      root: { Envelope: { Body: { Fault: { faultstring: expect.stringContaining('缺少UsernameToken') } } } },
    });
    await expect((await secured('wrong')).CxZyryzByZjhmAsync({ ZJHM: [cert.holderId] })).rejects.toMatchObject({
      root: { Envelope: { Body: { Fault: { faultstring: expect.stringContaining('用户名或口令错误') } } } },
    });
  });

  it('calls CxZyryzByZjhm: certificates per person, grouped by request position', async () => {
    const cert = world.certificates[5]!;
    const [result] = await (
      await secured(ACCOUNT.password)
    ).CxZyryzByZjhmAsync({ ZJHM: ['110101190001010000', cert.holderId] });
    const groups = asList(result.CXJG) as { XH: number; ZYRYZ?: unknown }[];
    expect(groups.map((g) => Number(g.XH))).toEqual([1, 2]);
    expect(asList(groups[0]!.ZYRYZ)).toEqual([]);
    expect(asList(groups[1]!.ZYRYZ as Record<string, string>[]).map((c) => c.ZSBH)).toContain(cert.number);
  });

  it('calls CxXkzFy: a filtered page with the total, ordered by expiry', async () => {
    const valid = world.licences.filter((l) => l.status === 'VALID' && l.type === 'INSTALLATION');
    const [result] = await client.CxXkzFyAsync({ XKLX: '02', ZT: '01', YM: 2, MYJLS: 5 });
    expect(Number(result.ZJLS)).toBe(valid.length);
    const rows = asList(result.XKZ) as Record<string, string>[];
    expect(rows).toHaveLength(Math.min(5, valid.length - 5));
    expect(rows.every((r) => r.XKLX === '02' && r.ZT === '01')).toBe(true);
    expect(rows.map((r) => r.YXQZ)).toEqual(rows.map((r) => r.YXQZ).sort());
  });

  it('calls CxZhjdccPl: spot checks of the enterprises asked for', async () => {
    const uscc = world.spotChecks[0]!.uscc;
    const [result] = await client.CxZhjdccPlAsync({ TYSHXYDM: [uscc] });
    const rows = asList(result.CCJL) as Record<string, string>[];
    expect(rows.map((r) => r.CCBH).sort()).toEqual(
      world.spotChecks
        .filter((s) => s.uscc === uscc)
        .map((s) => s.id)
        .sort(),
    );
    expect(rows[0]!.CCJG).toMatch(/^[123]$/);
  });

  it('answers a batch over the limit with a Client Fault the library raises', async () => {
    const keys = world.enterprises.slice(0, 51).map((e) => e.uscc);
    const error = await client.CxXkzPlAsync({ TYSHXYDM: keys }).catch((e: unknown) => e);
    expect((error as { root: any }).root.Envelope.Body.Fault).toMatchObject({
      faultcode: 'soap:Client',
      faultstring: expect.stringContaining('超过上限50'),
    });
  });
});

describe('faults on the wire', () => {
  it('answers malformed XML, an unknown operation and a foreign envelope with HTTP 500 Faults', async () => {
    const malformed = await post(
      '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><broken></s:Body>',
    );
    expect(malformed.status).toBe(500);
    expect(malformed.text).toContain('<faultcode>soap:Client</faultcode>');
    expect(malformed.text).toContain('E1001');
    const unknown = await post(request('DeleteEverything', ''));
    expect(unknown.text).toContain('未知操作');
    expect(unknown.text).toContain('E1002');
    const soap12 = await post(`<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Body/></e:Envelope>`);
    expect(soap12.text).toContain('<faultcode>soap:VersionMismatch</faultcode>');
    const wrongAction = await post(request('CxXkzPl', `<p:TYSHXYDM>${world.enterprises[0]!.uscc}</p:TYSHXYDM>`), {
      soapaction: `"${PERMIT_NS}/CxZyryzPl"`,
    });
    expect(wrongAction.text).toContain('SOAPAction');
    const badPage = await post(request('CxXkzFy', '<p:XKLX>09</p:XKLX><p:YM>1</p:YM><p:MYJLS>10</p:MYJLS>'));
    expect(badPage.text).toContain('XKLX取值无效');
  });

  it('accepts any prefixes and a default namespace, as XML namespaces require', async () => {
    const uscc = world.licences[0]!.holderUscc;
    const res = await post(
      `<Envelope xmlns="${SOAP_ENV_NS}"><Body><CxXkzPl xmlns="${PERMIT_NS}"><TYSHXYDM>${uscc}</TYSHXYDM></CxXkzPl></Body></Envelope>`,
    );
    expect(res.status).toBe(200);
    expect(res.text).toContain(`<TYSHXYDM>${uscc}</TYSHXYDM>`);
  });

  it('injects Server Faults, outages, latency and truncated answers on demand', async () => {
    const call = request('CxZhjdccPl', `<p:TYSHXYDM>${world.enterprises[0]!.uscc}</p:TYSHXYDM>`);
    service.setFaults({ errorRate: 1 });
    const failed = await post(call);
    expect(failed.status).toBe(500);
    expect(failed.text).toContain('<faultcode>soap:Server</faultcode>');
    service.setFaults({ errorRate: 0, outage: true });
    const down = await post(call);
    expect(down.status).toBe(503);
    expect(down.text).toContain('<html>');
    service.setFaults({ outage: false, latencyMs: 120 });
    const started = performance.now();
    expect((await post(call)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
    service.setFaults({ latencyMs: 0, truncateRate: 1 });
    const cut = await post(call);
    expect(cut.status).toBe(200);
    expect(cut.text).not.toContain('</soap:Envelope>');
  });

  it('serves the WSDL only at ?wsdl and SOAP only by POST', async () => {
    expect((await fetch(service.wsdlUrl)).headers.get('content-type')).toContain('text/xml');
    expect((await fetch(service.url)).status).toBe(405);
    expect((await fetch(`${service.url}/other`, { method: 'POST' })).status).toBe(404);
  });
});
