/**
 * The permit system stand-in: a SOAP 1.1 endpoint on node:http. Checks per request, in the order the
 * real deployment (a reverse proxy in front of an application server) makes them: outage at the
 * proxy → latency → WSDL or POST → envelope → operation → SOAPAction → injected error → handler.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CWDM, DEFAULT_BATCH_LIMIT, PERMIT_NS, SOAP_ENV_NS } from './codes.ts';
import { OPERATIONS, type Operation, type RequestArgs, SoapFault, faultXml } from './operations.ts';
import { loadPermitStore } from './store.ts';
import { soapAction, wsdlDocument } from './wsdl.ts';
import { MalformedXml, type XmlElement, parseXml } from './xml.ts';
import { checkUsernameToken, type PermitAccount } from './ws-security.ts';
import { closeServer, readBody } from '../../runtime/http-body.ts';
import { type FaultControl, HeldRequests, faultsFor } from '../faults.ts';

interface PermitFaults {
  /** Added before every answer. */
  readonly latencyMs: number;
  /** Share of valid requests answered with a Server Fault (0..1). */
  readonly errorRate: number;
  /** The proxy answers every request 503 with its HTML error page (no SOAP at all). */
  readonly outage: boolean;
  /** Share of answers cut off mid-document, as a failing proxy or application server sometimes does (0..1). */
  readonly truncateRate: number;
  /** Requests are accepted and never answered (an application server with every thread stuck). */
  readonly hang: boolean;
}

export interface PermitStandInOptions {
  readonly dir: string;
  readonly host: string;
  readonly port: number;
  /** Endpoint path; the WSDL is at `${path}?wsdl`. Default /permit/ws. */
  readonly path?: string;
  /** Most keys per batch request and records per page; default 50. */
  readonly batchLimit?: number;
  /** Who may call the secured operation (CxZyryzByZjhm) with a UsernameToken; none: nobody may. */
  readonly accounts?: readonly PermitAccount[];
}

export interface RunningPermitStandIn {
  readonly url: string;
  readonly wsdlUrl: string;
  readonly port: number;
  /** Rows its store loaded (the start logs it). */
  readonly rows: number;
  setFaults(faults: Partial<PermitFaults>): void;
  /** The modes of legacy/faults.ts (down, slow, errors, hang, heal), for the admin route. */
  readonly faultControl: FaultControl;
  stop(): Promise<void>;
}

const MAX_BODY_BYTES = 512 * 1024;
const XML_TYPE = 'text/xml; charset=utf-8';
const OUTAGE_PAGE =
  '<html><head><title>503 Service Temporarily Unavailable</title></head><body><center><h1>503 Service Temporarily Unavailable</h1></center></body></html>';
const byName = new Map(OPERATIONS.map((op) => [op.name, op]));

const envelope = (body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="${SOAP_ENV_NS}"><soap:Body>${body}</soap:Body></soap:Envelope>`;

function readOperation(root: XmlElement): { op: Operation; args: RequestArgs } {
  // The envelope's header (WS-Security) is read by the secured operations only.
  if (root.local !== 'Envelope') throw new SoapFault('Client', '报文格式错误: 根元素不是Envelope', CWDM.MALFORMED);
  // SOAP 1.1 §4.4.1: an envelope in another namespace (e.g. SOAP 1.2) is a VersionMismatch.
  if (root.ns !== SOAP_ENV_NS)
    throw new SoapFault('VersionMismatch', `不支持的SOAP版本: ${root.ns ?? '无命名空间'}`, CWDM.MALFORMED);
  const body = root.children.find((c) => c.local === 'Body' && c.ns === SOAP_ENV_NS);
  const request = body?.children[0];
  if (!request) throw new SoapFault('Client', '报文格式错误: 缺少Body或操作元素', CWDM.MALFORMED);
  const op = request.ns === PERMIT_NS ? byName.get(request.local) : undefined;
  if (!op) throw new SoapFault('Client', `未知操作: {${request.ns ?? ''}}${request.local}`, CWDM.UNKNOWN_OPERATION);
  const args = new Map<string, string[]>();
  for (const child of request.children) args.set(child.local, [...(args.get(child.local) ?? []), child.text]);
  return { op, args };
}

export async function startPermitStandIn(options: PermitStandInOptions): Promise<RunningPermitStandIn> {
  const path = options.path ?? '/permit/ws';
  const batchLimit = options.batchLimit ?? DEFAULT_BATCH_LIMIT;
  if (!Number.isInteger(batchLimit) || batchLimit < 1)
    throw new Error(`startPermitStandIn: batchLimit must be a whole number >= 1, got ${batchLimit}`);
  const store = loadPermitStore(options.dir);
  const healthy: PermitFaults = { latencyMs: 0, errorRate: 0, outage: false, truncateRate: 0, hang: false };
  let faults = healthy;
  const held = new HeldRequests();
  let location = '';
  const accounts = options.accounts ?? [];
  const nonces = new Map<string, number>();

  function answerSoap(req: http.IncomingMessage, text: string): { status: number; xml: string } {
    try {
      const root = parseXml(text);
      const { op, args } = readOperation(root);
      const action = (req.headers.soapaction ?? '').toString().replace(/^"|"$/g, '');
      if (action !== '' && action !== soapAction(PERMIT_NS, op.name)) {
        throw new SoapFault('Client', `SOAPAction与操作不符: ${action}`, CWDM.UNKNOWN_OPERATION);
      }
      if (op.secured) checkUsernameToken(root, accounts, nonces, Date.now());
      if (faults.errorRate > 0 && Math.random() < faults.errorRate)
        throw new SoapFault('Server', '系统内部错误: 数据库连接超时', CWDM.INTERNAL);
      return {
        status: 200,
        xml: envelope(
          `<${op.name}Response xmlns="${PERMIT_NS}">${op.handle(args, store, batchLimit)}</${op.name}Response>`,
        ),
      };
    } catch (error) {
      const fault =
        error instanceof SoapFault
          ? error
          : error instanceof MalformedXml
            ? new SoapFault('Client', `报文格式错误: ${error.message}`, CWDM.MALFORMED)
            : new SoapFault('Server', '系统内部错误', CWDM.INTERNAL);
      // SOAP 1.1 §6.2: a Fault travels with HTTP 500.
      return { status: 500, xml: envelope(faultXml(fault, PERMIT_NS)) };
    }
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (faults.outage) return void res.writeHead(503, { 'content-type': 'text/html' }).end(OUTAGE_PAGE);
    if (faults.hang)
      return void res.once(
        'close',
        held.hold(() => res.destroy()),
      );
    if (faults.latencyMs > 0) await new Promise((r) => setTimeout(r, faults.latencyMs));
    const url = new URL(req.url ?? '/', 'http://permit');
    if (url.pathname !== path) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
    if (req.method === 'GET' && [...url.searchParams.keys()].some((k) => k.toLowerCase() === 'wsdl')) {
      return void res
        .writeHead(200, { 'content-type': XML_TYPE })
        .end(wsdlDocument({ tns: PERMIT_NS, location, batchLimit }));
    }
    if (req.method !== 'POST')
      return void res.writeHead(405, { allow: 'POST', 'content-type': 'text/plain' }).end('Method Not Allowed');
    if (!(req.headers['content-type'] ?? '').includes('text/xml'))
      return void res.writeHead(415, { 'content-type': 'text/plain' }).end('SOAP 1.1 requires text/xml');
    const body = await readBody(req, MAX_BODY_BYTES);
    if (body === undefined)
      return void res.writeHead(413, { 'content-type': 'text/plain' }).end('Request Entity Too Large');
    const { status, xml } = answerSoap(req, body);
    const sent =
      faults.truncateRate > 0 && Math.random() < faults.truncateRate ? xml.slice(0, Math.floor(xml.length / 2)) : xml;
    res.writeHead(status, { 'content-type': XML_TYPE }).end(sent);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('Internal Server Error');
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  location = `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}${path}`;
  return {
    url: location,
    wsdlUrl: `${location}?wsdl`,
    port,
    rows: store.rows,
    setFaults(f) {
      faults = { ...faults, ...f };
      if (!faults.hang) held.releaseAll();
    },
    faultControl: {
      apply(request) {
        faults = request.mode === 'heal' ? healthy : { ...faults, ...faultsFor(request) };
        if (!faults.hang) held.releaseAll();
      },
      state: () => ({ ...faults, hungRequests: held.size }),
    },
    async stop() {
      held.releaseAll();
      await closeServer(server);
    },
  };
}
