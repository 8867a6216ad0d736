/**
 * Reading the platform's CSV: GBK bytes split into lines before decoding (0x0A never occurs inside
 * a GBK character, so one broken line cannot spoil its neighbours), each line decoded strictly, then
 * split into fields with RFC 4180 quoting. The platform never breaks a line inside a field.
 */
import iconv from 'iconv-lite';

export interface RawLine {
  /** 1-based line number in the file. */
  readonly line: number;
  readonly bytes: Buffer;
}

/** The file's non-empty lines, CR of a CRLF ending removed. */
export function splitLines(body: Buffer): RawLine[] {
  const out: RawLine[] = [];
  let start = 0;
  let line = 1;
  while (start < body.length) {
    let end = body.indexOf(0x0a, start);
    if (end < 0) end = body.length;
    const stop = end > start && body[end - 1] === 0x0d ? end - 1 : end;
    if (stop > start) out.push({ line, bytes: body.subarray(start, stop) });
    start = end + 1;
    line++;
  }
  return out;
}

export type Decoded = { ok: true; text: string } | { ok: false; reason: string };

/** iconv-lite substitutes U+FFFD for byte sequences that are not GBK; no real GBK text contains it. */
export function decodeGbk(bytes: Buffer): Decoded {
  const text = iconv.decode(bytes, 'gbk');
  const bad = text.indexOf('\uFFFD');
  return bad < 0
    ? { ok: true, text }
    : { ok: false, reason: `not valid GBK (undecodable bytes near character ${bad + 1})` };
}

export type Fields = { ok: true; fields: string[] } | { ok: false; reason: string };

export function splitFields(text: string): Fields {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (text[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) return { ok: false, reason: 'unterminated quoted field' };
        value += text.slice(i, q);
        if (text[q + 1] === '"') {
          value += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      fields.push(value);
      if (i < text.length && text[i] !== ',')
        return { ok: false, reason: `text after a closing quote at character ${i + 1}` };
    } else {
      const comma = text.indexOf(',', i);
      fields.push(text.slice(i, comma < 0 ? text.length : comma));
      i = comma < 0 ? text.length : comma;
    }
    if (i >= text.length) return { ok: true, fields };
    i++; // past the comma
    if (i === text.length) {
      fields.push('');
      return { ok: true, fields };
    }
  }
}
