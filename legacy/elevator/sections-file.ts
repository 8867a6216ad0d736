/**
 * A file of typed arrays, read back as views on the file's own bytes (no copy, nothing to parse but a
 * header line): one JSON header line (the format, what the sections are, the body's size and SHA-256,
 * and a small description the caller keeps there), padded so the body starts on an 8-byte boundary,
 * then the sections one after the other, each on an 8-byte boundary. Written atomically (temporary file,
 * then rename). A file of another format, cut off or corrupt is refused with an error saying which:
 * it is never served in part.
 */
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';

export type Section = Uint8Array | Uint32Array | Int32Array | Float64Array;
const TYPES = { u8: Uint8Array, u32: Uint32Array, i32: Int32Array, f64: Float64Array } as const;
type SectionType = keyof typeof TYPES;

interface Header<M> {
  readonly format: string;
  readonly bytes: number;
  readonly sha256: string;
  readonly sections: readonly { readonly type: SectionType; readonly offset: number; readonly length: number }[];
  readonly meta: M;
}

const ALIGN = 8;
const padding = (n: number) => (ALIGN - (n % ALIGN)) % ALIGN;

function typeOf(section: Section): SectionType {
  const found = (Object.keys(TYPES) as SectionType[]).find((t) => section instanceof TYPES[t]);
  if (!found) throw new TypeError('unsupported section type');
  return found;
}

export function writeSectionsFile<M>(path: string, format: string, meta: M, sections: readonly Section[]): void {
  const hash = createHash('sha256');
  const layout: Header<M>['sections'][number][] = [];
  let offset = 0;
  const parts: Uint8Array[] = [];
  for (const section of sections) {
    const bytes = new Uint8Array(section.buffer, section.byteOffset, section.byteLength);
    layout.push({ type: typeOf(section), offset, length: section.length });
    parts.push(bytes, new Uint8Array(padding(bytes.length)));
    offset += bytes.length + padding(bytes.length);
  }
  for (const part of parts) hash.update(part);
  const header: Header<M> = { format, bytes: offset, sha256: hash.digest('hex'), sections: layout, meta };
  const line = Buffer.from(JSON.stringify(header));
  const headerLine = Buffer.concat([line, Buffer.from(' '.repeat(padding(line.length + 1)) + '\n')]);
  const temporary = `${path}.${process.pid}.tmp`;
  const fd = openSync(temporary, 'w');
  try {
    for (const part of [headerLine, ...parts]) {
      for (let written = 0; written < part.length;)
        written += writeSync(fd, part, written, Math.min(part.length - written, 1 << 30));
    }
    closeSync(fd);
    renameSync(temporary, path);
  } catch (error) {
    closeSync(fd);
    rmSync(temporary, { force: true });
    throw error;
  }
}

/** The whole file in a fresh buffer (so every section's view is aligned). */
function readWhole(path: string): Uint8Array<ArrayBuffer> {
  const fd = openSync(path, 'r');
  try {
    const bytes = new Uint8Array(new ArrayBuffer(fstatSync(fd).size));
    for (let read = 0; read < bytes.length;) {
      const n = readSync(fd, bytes, read, Math.min(bytes.length - read, 1 << 30), null);
      if (n === 0) break;
      read += n;
    }
    return bytes;
  } finally {
    closeSync(fd);
  }
}

function parseHeader<M>(file: Uint8Array, path: string, format: string): { header: Header<M>; bodyStart: number } {
  const refuse = (reason: string): never => {
    throw new Error(`store file ${path} refused: ${reason}`);
  };
  const end = file.indexOf(0x0a);
  if (end < 0) refuse('no header line (cut off or not a store file)');
  let header: Header<M>;
  try {
    header = JSON.parse(Buffer.from(file.buffer, file.byteOffset, end).toString('utf8')) as Header<M>;
  } catch {
    return refuse('its header is not JSON (corrupt or not a store file)');
  }
  if (header.format !== format) refuse(`format ${String(header.format)}, expected ${format}`);
  return { header, bodyStart: end + 1 };
}

/** Whether `path` holds a whole file of `format`, judged by its header and size (the checksum is read's). */
export function isWholeSectionsFile(path: string, format: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return false;
  }
  try {
    const head = new Uint8Array(64 * 1024);
    const n = readSync(fd, head, 0, head.length, 0);
    const { header, bodyStart } = parseHeader(head.subarray(0, n), path, format);
    return fstatSync(fd).size === bodyStart + header.bytes;
  } catch {
    return false;
  } finally {
    closeSync(fd);
  }
}

/** The caller's description and the sections, as views on the file's bytes; throws on any other file. */
export function readSectionsFile<M>(path: string, format: string): { meta: M; sections: Section[] } {
  const file = readWhole(path);
  const { header, bodyStart } = parseHeader<M>(file, path, format);
  const body = file.subarray(bodyStart);
  if (body.length !== header.bytes)
    throw new Error(`store file ${path} refused: ${body.length} bytes of body, expected ${header.bytes} (cut off?)`);
  if (createHash('sha256').update(body).digest('hex') !== header.sha256)
    throw new Error(`store file ${path} refused: checksum does not match (corrupt)`);
  const sections = header.sections.map(
    ({ type, offset, length }) => new TYPES[type](file.buffer, file.byteOffset + bodyStart + offset, length),
  );
  return { meta: header.meta, sections };
}
