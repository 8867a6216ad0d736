/**
 * Just enough XML for a SOAP 1.1 endpoint: a namespace-aware reading of the request envelope and
 * escaped writing of answers. fast-xml-parser does the lexing; namespaces are resolved here because
 * a SOAP service must tell its own elements from anyone else's, whatever prefixes the client chose.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export interface XmlElement {
  readonly ns: string | undefined;
  readonly local: string;
  readonly children: readonly XmlElement[];
  readonly text: string;
}

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  processEntities: true,
});

export class MalformedXml extends Error {}

/** Parses a document into its root element; throws MalformedXml for anything that is not well-formed XML. */
export function parseXml(text: string): XmlElement {
  // DTDs have no place in SOAP (SOAP 1.1 §3) and are the usual door for entity expansion attacks.
  if (/<!DOCTYPE/i.test(text)) throw new MalformedXml('DTD not allowed in a SOAP message');
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new MalformedXml(`${valid.err.msg} (line ${valid.err.line})`);
  const roots = (parser.parse(text) as OrderedNode[])
    .map((n) => toElement(n, new Map()))
    .filter((e): e is XmlElement => e !== undefined);
  if (roots.length !== 1) throw new MalformedXml('document must have exactly one root element');
  return roots[0]!;
}

function toElement(node: OrderedNode, inherited: ReadonlyMap<string, string>): XmlElement | undefined {
  const tag = Object.keys(node).find((k) => k !== ':@' && k !== '#text');
  if (tag === undefined) return undefined;
  const scope = new Map(inherited);
  for (const [attr, value] of Object.entries(node[':@'] ?? {})) {
    if (attr === 'xmlns') scope.set('', value);
    else if (attr.startsWith('xmlns:')) scope.set(attr.slice(6), value);
  }
  const [prefix, local] = tag.includes(':') ? (tag.split(':', 2) as [string, string]) : ['', tag];
  const content = node[tag] as OrderedNode[];
  const children = content.map((c) => toElement(c, scope)).filter((e): e is XmlElement => e !== undefined);
  const text = content
    .map((c) => (typeof c['#text'] === 'string' || typeof c['#text'] === 'number' ? String(c['#text']) : ''))
    .join('');
  return { ns: scope.get(prefix), local, children, text };
}

export function escapeXml(value: string): string {
  return value.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!,
  );
}

/** `<NAME>escaped text</NAME>` for each field of a row, in the given order. */
export function fieldsXml(row: Readonly<Record<string, string>>, order: readonly string[]): string {
  return order.map((name) => `<${name}>${escapeXml(String(row[name] ?? ''))}</${name}>`).join('');
}
