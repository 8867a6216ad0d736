/**
 * Who signed what, kept compact: the window's maintenance records hold a signature per certificate
 * (2.5 million at city scale), so each certificate keeps three typed arrays (day, elevator, company;
 * 10 bytes a signature) sorted by day, over interned elevator codes, company USCCs and dates, instead
 * of an object per certificate and day. Freezing sorts each certificate's signatures, certificate by
 * certificate in slices (runtime/slices.ts), so the subgraph's event loop keeps turning meanwhile.
 */
import { type Slicer, forEachSliced } from '../../runtime/slices.ts';

interface CertificateSignatures {
  /** Index into `days`, ascending. */
  readonly day: Uint16Array;
  /** Index into `elevators`. */
  readonly elevator: Int32Array;
  /** Index into `companies`. */
  readonly company: Uint16Array;
}

export interface SignatureBook {
  /** YYYY-MM-DD, ascending. */
  readonly days: readonly string[];
  readonly elevators: readonly string[];
  readonly companies: readonly string[];
  readonly byCertificate: ReadonlyMap<string, CertificateSignatures>;
}

class Interner {
  readonly values: string[] = [];
  private readonly ids = new Map<string, number>();
  id(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) this.ids.set(value, (id = this.values.push(value) - 1));
    return id;
  }
}

/** Collects signatures record by record, then freezes them into a SignatureBook. */
export class SignatureCollector {
  private readonly dates = new Interner();
  private readonly elevators = new Interner();
  private readonly companies = new Interner();
  private readonly pending = new Map<string, number[]>();

  add(record: {
    readonly registrationCode: string;
    readonly date: string;
    readonly companyUscc: string;
    readonly certificateNumbers: readonly string[];
  }): void {
    const date = this.dates.id(record.date);
    const elevator = this.elevators.id(record.registrationCode);
    const company = this.companies.id(record.companyUscc);
    for (const number of record.certificateNumbers) {
      let list = this.pending.get(number);
      if (!list) this.pending.set(number, (list = []));
      list.push(date, elevator, company);
    }
  }

  async book(slicer: Slicer): Promise<SignatureBook> {
    if (this.companies.values.length > 0xffff || this.dates.values.length > 0xffff)
      throw new Error('SignatureCollector: more than 65,535 companies or days');
    const order = this.dates.values.map((d, id) => ({ d, id })).sort((a, b) => a.d.localeCompare(b.d));
    const rank = new Uint16Array(order.length);
    order.forEach((o, i) => {
      rank[o.id] = i;
    });
    const byCertificate = new Map<string, CertificateSignatures>();
    await forEachSliced(
      this.pending,
      ([number, flat]) => {
        const n = flat.length / 3;
        const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => rank[flat[3 * a]!]! - rank[flat[3 * b]!]!);
        const day = new Uint16Array(n);
        const elevator = new Int32Array(n);
        const company = new Uint16Array(n);
        idx.forEach((k, i) => {
          day[i] = rank[flat[3 * k]!]!;
          elevator[i] = flat[3 * k + 1]!;
          company[i] = flat[3 * k + 2]!;
        });
        byCertificate.set(number, { day, elevator, company });
      },
      slicer,
    );
    this.pending.clear();
    return {
      days: order.map((o) => o.d),
      elevators: this.elevators.values,
      companies: this.companies.values,
      byCertificate,
    };
  }
}
