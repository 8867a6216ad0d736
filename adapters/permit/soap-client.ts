/**
 * SOAP 1.1 on top of HttpTransport: writes the request envelope, reads the answer with fast-xml-parser
 * and turns Faults, outages and unreadable answers into the error taxonomy. Returns the children of
 * the operation's response element; nothing else of SOAP goes further.
 */
import type { AxiosResponse } from 'axios';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { LegacyError } from '../../graph/errors.ts';
import type { HttpTransport } from '../core/http.ts';
import type { Logger } from '../../runtime/logger.ts';
import { type PermitCredentials, usernameTokenXml } from './ws-security.ts';

export const PERMIT_NS = 'http://xzxk.scjgj.sh.gov.cn/tzsb/ws/2015';
const SOAP_ENV_NS = 'http://schemas.xmlsoap.org/soap/envelope/';

/** Elements that repeat in answers: always read as arrays, even when one or none came. */
const REPEATED = new Set(['XKZ', 'ZYRYZ', 'CCJL', 'CXJG']);

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  processEntities: true,
  isArray: (name) => REPEATED.has(name),
});

export interface SoapCall {
  /** Our name for the call, used in call counting, logs and messages (no legacy names there). */
  readonly operation: string;
  /** The service's operation (request element) name. */
  readonly soapOperation: string;
  /** Child elements in schema order; a repeated element is given once per value. */
  readonly fields: readonly (readonly [name: string, value: string])[];
  readonly keys?: number;
  /** The operation asks for the WS-Security UsernameToken (the ID-number lookup). */
  readonly secured?: boolean;
}

const escape = (v: string) =>
  v.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

function requestEnvelope(soapOperation: string, fields: SoapCall['fields'], header: string): string {
  const children = fields.map(([name, value]) => `<p:${name}>${escape(value)}</p:${name}>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="${SOAP_ENV_NS}" xmlns:p="${PERMIT_NS}">${header}<soapenv:Body><p:${soapOperation}>${children}</p:${soapOperation}></soapenv:Body></soapenv:Envelope>`;
}

export class SoapClient {
  /** `credentials`: for secured operations; without them, those are sent without a token (and refused). */
  constructor(
    private readonly transport: HttpTransport,
    private readonly logger: Logger,
    private readonly credentials?: PermitCredentials,
  ) {}

  close(): void {
    this.transport.close();
  }

  call(call: SoapCall): Promise<Record<string, unknown>> {
    return this.transport.request(
      call.operation,
      {
        method: 'POST',
        url: '',
        headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: `"${PERMIT_NS}/${call.soapOperation}"` },
        data: requestEnvelope(
          call.soapOperation,
          call.fields,
          call.secured && this.credentials
            ? `<soapenv:Header>${usernameTokenXml(this.credentials, escape, new Date())}</soapenv:Header>`
            : '',
        ),
      },
      { keys: call.keys ?? 0, interpret: (response) => this.answer(call, response) },
    );
  }

  /** The operation's response element; Faults and unreadable answers as taxonomy errors. */
  private answer(call: SoapCall, response: AxiosResponse<string>): Record<string, unknown> {
    const body = readBody(response.data);
    if (body === undefined) {
      // A proxy's HTML error page, or an answer cut off half-way.
      if (response.status >= 500)
        throw new LegacyError(
          'LEGACY_UNAVAILABLE',
          'permit',
          `permit system failed on ${call.operation} (HTTP ${response.status})`,
        );
      throw new LegacyError(
        'LEGACY_BAD_DATA',
        'permit',
        `permit system answered ${call.operation} with unreadable XML (HTTP ${response.status})`,
      );
    }
    if (isObject(body.Fault)) throw this.fault(call.operation, body.Fault);
    const answer = body[`${call.soapOperation}Response`];
    if (answer === '') return {};
    if (!isObject(answer))
      throw new LegacyError(
        'LEGACY_BAD_DATA',
        'permit',
        `permit system answered ${call.operation} without its response element`,
      );
    return answer;
  }

  private fault(operation: string, fault: Record<string, unknown>): LegacyError {
    const faultcode = String(fault.faultcode ?? '');
    const detail = isObject(fault.detail) && isObject(fault.detail.CWXX) ? fault.detail.CWXX.CWDM : undefined;
    const server = /(^|:)Server(\.|$)/.test(faultcode);
    // A Client Fault means we sent something the service refused: our bug or a contract drift, not
    // the caller's. To the caller the system could not answer; the log says why.
    this.logger[server ? 'warn' : 'error'](
      { operation, faultcode, faultstring: fault.faultstring, errorCode: detail },
      'permit system answered with a SOAP Fault',
    );
    return new LegacyError(
      'LEGACY_UNAVAILABLE',
      'permit',
      `permit system could not answer ${operation} (${server ? 'server' : 'request refused'}: ${String(fault.faultstring ?? '')})`,
    );
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The SOAP Body's content, or undefined when the text is not a SOAP envelope at all. */
function readBody(text: unknown): Record<string, unknown> | undefined {
  if (typeof text !== 'string' || XMLValidator.validate(text) !== true) return undefined;
  const doc = parser.parse(text) as Record<string, unknown>;
  const body = isObject(doc.Envelope) ? doc.Envelope.Body : undefined;
  return isObject(body) ? body : undefined;
}
