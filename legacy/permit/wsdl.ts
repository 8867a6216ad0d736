/**
 * The service description (WSDL 1.1, document/literal wrapped, SOAP 1.1 binding). Element order in
 * the schema is the order the service writes; a general-purpose SOAP client builds its requests and
 * reads the answers from this document alone.
 */
import { OPERATIONS } from './operations.ts';
import { escapeXml } from './xml.ts';

type Field = readonly [name: string, type: string, occurs?: string];

const XKZ: readonly Field[] = [
  ['XKZBH', 'string'],
  ['TYSHXYDM', 'string'],
  ['DWMC', 'string'],
  ['XZQHDM', 'string'],
  ['XKLX', 'string'],
  ['XKFW', 'string'],
  ['FZRQ', 'string'],
  ['YXQZ', 'string'],
  ['ZT', 'string'],
  ['CNHZ', 'string'],
  ['FZJG', 'string'],
];
const ZYRYZ: readonly Field[] = [
  ['ZSBH', 'string'],
  ['ZYXM', 'string'],
  ['XM', 'string'],
  ['ZJHM', 'string'],
  ['PYDWDM', 'string'],
  ['FZRQ', 'string'],
  ['YXQZ', 'string'],
  ['ZKQSRQ', 'string'],
  ['ZKZZRQ', 'string'],
];
const CCJL: readonly Field[] = [
  ['CCBH', 'string'],
  ['TYSHXYDM', 'string'],
  ['CCRQ', 'string'],
  ['CCJG', 'string'],
  ['JCJG', 'string'],
];
const CXJG: readonly Field[] = [
  ['XH', 'int'],
  ['ZYRYZ', 'tns:ZyryzType', 'many'],
];

const MANY = 'minOccurs="0" maxOccurs="unbounded"';
const OPTIONAL = 'minOccurs="0"';

function elements(fields: readonly Field[], batchLimit: number): string {
  return fields
    .map(([name, type, occurs]) => {
      const xsdType = type.includes(':') ? type : `xsd:${type}`;
      const attrs =
        occurs === 'many'
          ? MANY
          : occurs === 'batch'
            ? `maxOccurs="${batchLimit}"`
            : occurs === 'optional'
              ? OPTIONAL
              : '';
      return `<xsd:element name="${name}" type="${xsdType}" ${attrs}/>`;
    })
    .join('');
}

const MESSAGES: Readonly<Record<string, { request: readonly Field[]; response: readonly Field[] }>> = {
  CxXkzPl: { request: [['TYSHXYDM', 'string', 'batch']], response: [['XKZ', 'tns:XkzType', 'many']] },
  CxZyryzPl: { request: [['ZSBH', 'string', 'batch']], response: [['ZYRYZ', 'tns:ZyryzType', 'many']] },
  CxZyryzByZjhm: { request: [['ZJHM', 'string', 'batch']], response: [['CXJG', 'tns:CxjgType', 'many']] },
  CxXkzFy: {
    request: [
      ['XKLX', 'string', 'optional'],
      ['ZT', 'string', 'optional'],
      ['XZQHDM', 'string', 'many'],
      ['YXQZQ', 'string', 'optional'],
      ['YXQZZ', 'string', 'optional'],
      ['YM', 'int'],
      ['MYJLS', 'int'],
    ],
    response: [
      ['ZJLS', 'int'],
      ['YM', 'int'],
      ['XKZ', 'tns:XkzType', 'many'],
    ],
  },
  CxZhjdccPl: { request: [['TYSHXYDM', 'string', 'batch']], response: [['CCJL', 'tns:CcjlType', 'many']] },
};

const complexType = (name: string, fields: readonly Field[], limit: number) =>
  `<xsd:complexType name="${name}"><xsd:sequence>${elements(fields, limit)}</xsd:sequence></xsd:complexType>`;
const wrapper = (name: string, fields: readonly Field[], limit: number) =>
  `<xsd:element name="${name}"><xsd:complexType><xsd:sequence>${elements(fields, limit)}</xsd:sequence></xsd:complexType></xsd:element>`;

export function soapAction(tns: string, operation: string): string {
  return `${tns}/${operation}`;
}

export function wsdlDocument(options: { tns: string; location: string; batchLimit: number }): string {
  const { tns, location, batchLimit } = options;
  const ops = OPERATIONS.map((op) => ({ op, messages: MESSAGES[op.name]! }));
  return `<?xml version="1.0" encoding="UTF-8"?>
<wsdl:definitions name="TzsbXkService" targetNamespace="${tns}" xmlns:tns="${tns}" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"
  xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:xsd="http://www.w3.org/2001/XMLSchema">
<wsdl:documentation>上海市特种设备行政许可系统 数据共享接口 (Shanghai special-equipment permit system, data-sharing interface). Batch limit ${batchLimit}.</wsdl:documentation>
<wsdl:types><xsd:schema targetNamespace="${tns}" elementFormDefault="qualified">
${complexType('XkzType', XKZ, batchLimit)}${complexType('ZyryzType', ZYRYZ, batchLimit)}${complexType('CcjlType', CCJL, batchLimit)}${complexType('CxjgType', CXJG, batchLimit)}
<xsd:element name="CWXX"><xsd:complexType><xsd:sequence><xsd:element name="CWDM" type="xsd:string"/></xsd:sequence></xsd:complexType></xsd:element>
${ops.map(({ op, messages }) => wrapper(op.name, messages.request, batchLimit) + wrapper(`${op.name}Response`, messages.response, batchLimit)).join('\n')}
</xsd:schema></wsdl:types>
${ops.map(({ op }) => `<wsdl:message name="${op.name}Request"><wsdl:part name="parameters" element="tns:${op.name}"/></wsdl:message><wsdl:message name="${op.name}Response"><wsdl:part name="parameters" element="tns:${op.name}Response"/></wsdl:message>`).join('\n')}
<wsdl:portType name="TzsbXkPortType">
${ops.map(({ op }) => `<wsdl:operation name="${op.name}"><wsdl:documentation>${escapeXml(op.doc)}</wsdl:documentation><wsdl:input message="tns:${op.name}Request"/><wsdl:output message="tns:${op.name}Response"/></wsdl:operation>`).join('\n')}
</wsdl:portType>
<wsdl:binding name="TzsbXkBinding" type="tns:TzsbXkPortType"><soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
${ops.map(({ op }) => `<wsdl:operation name="${op.name}"><soap:operation soapAction="${soapAction(tns, op.name)}" style="document"/><wsdl:input><soap:body use="literal"/></wsdl:input><wsdl:output><soap:body use="literal"/></wsdl:output></wsdl:operation>`).join('\n')}
</wsdl:binding>
<wsdl:service name="TzsbXkService"><wsdl:port name="TzsbXkPort" binding="tns:TzsbXkBinding"><soap:address location="${location}"/></wsdl:port></wsdl:service>
</wsdl:definitions>
`;
}
