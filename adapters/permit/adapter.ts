/**
 * PermitPort over the SOAP service: key sets cut into batches within the service's limit (one call
 * per batch, batches in parallel), searches read through its pages, every record checked and mapped.
 * A failed batch fails only its own keys; a bad record fails only the key it answers.
 */
import type { z } from 'zod';
import { LegacyError } from '../../graph/errors.ts';
import type { Logger } from '../../runtime/logger.ts';
import { RETIRED_DISTRICT_CODES, isDistrictCode } from '../../reference/index.ts';
import { chunk, planPages } from './batching.ts';
import {
  LICENCE_STATUS_BY_CODE,
  LICENCE_TYPE_BY_CODE,
  codeOf,
  keyOf,
  toCertificate,
  toLicence,
  toSpotCheck,
} from './mapper.ts';
import type { PermitPort } from './port.ts';
import { certificateAnswer, holderAnswer, licenceAnswer, pageAnswer, spotCheckAnswer } from './records.ts';
import type { SoapCall, SoapClient } from './soap-client.ts';
import type { Licence, LicenceFilter, OperatorCertificate, PageRequest, Slice, SpotCheck } from './types.ts';

const legacyDate = (iso: string) => iso.replaceAll('-', '');

/** Today's district code and every retired code the service may still hold for it. */
function recordedDistrictCodes(district: string): string[] {
  return [
    district,
    ...Object.entries(RETIRED_DISTRICT_CODES)
      .filter(([, current]) => current === district)
      .map(([old]) => old),
  ];
}

interface ListSpec<T> {
  readonly operation: string;
  readonly soapOperation: string;
  /** Request element of each key, also the record element that says which key a record answers. */
  readonly keyElement: string;
  readonly records: (answer: Record<string, unknown>) => unknown[];
  readonly map: (raw: unknown) => T | LegacyError;
}

export class PermitAdapter implements PermitPort {
  constructor(
    private readonly client: SoapClient,
    private readonly logger: Logger,
    private readonly batchLimit: number,
  ) {}

  /** Frees the keep-alive sockets. */
  close(): void {
    this.client.close();
  }

  licencesByHolder(usccs: readonly string[]): Promise<(readonly Licence[] | Error)[]> {
    return this.listsByKey(usccs, {
      operation: 'licencesByHolder',
      soapOperation: 'CxXkzPl',
      keyElement: 'TYSHXYDM',
      map: toLicence,
      records: (a) => this.read(licenceAnswer, a, 'licencesByHolder').XKZ,
    });
  }

  spotChecksByEnterprise(usccs: readonly string[]): Promise<(readonly SpotCheck[] | Error)[]> {
    return this.listsByKey(usccs, {
      operation: 'spotChecksByEnterprise',
      soapOperation: 'CxZhjdccPl',
      keyElement: 'TYSHXYDM',
      map: toSpotCheck,
      records: (a) => this.read(spotCheckAnswer, a, 'spotChecksByEnterprise').CCJL,
    });
  }

  async certificatesByNumber(numbers: readonly string[]): Promise<(OperatorCertificate | null | Error)[]> {
    const operation = 'certificatesByNumber';
    const found = await this.perBatch(numbers, async (batch) => {
      const answer = this.read(
        certificateAnswer,
        await this.client.call(this.batchCall(operation, 'CxZyryzPl', 'ZSBH', batch)),
        operation,
      );
      const byNumber = new Map<string, OperatorCertificate | null | Error>(batch.map((n) => [n, null]));
      for (const raw of answer.ZYRYZ) {
        const key = this.attribute(raw, 'ZSBH', byNumber, operation);
        if (key !== undefined) byNumber.set(key, this.reported(toCertificate(raw)));
      }
      return byNumber;
    });
    return numbers.map((n) => found.get(n) ?? null);
  }

  async certificatesByHolder(idNumbers: readonly string[]): Promise<(readonly OperatorCertificate[] | Error)[]> {
    const operation = 'certificatesByHolder';
    const found = await this.perBatch(idNumbers, async (batch) => {
      const answer = this.read(
        holderAnswer,
        await this.client.call({ ...this.batchCall(operation, 'CxZyryzByZjhm', 'ZJHM', batch), secured: true }),
        operation,
      );
      const lists = new Map<string, readonly OperatorCertificate[] | Error>();
      for (const group of answer.CXJG) {
        const id = batch[Number(group.XH) - 1];
        if (id === undefined) throw this.badShape(operation, `a group for position ${group.XH} of ${batch.length}`);
        const certificates = group.ZYRYZ.map((raw) => this.reported(toCertificate(raw)));
        lists.set(id, certificates.find((c) => c instanceof Error) ?? (certificates as OperatorCertificate[]));
      }
      if (lists.size !== batch.length)
        throw this.badShape(operation, `${lists.size} groups for ${batch.length} people`);
      return lists;
    });
    return idNumbers.map((id) => found.get(id)!);
  }

  async searchLicences(filter: LicenceFilter, page: PageRequest): Promise<Slice<Licence>> {
    const operation = 'searchLicences';
    if (filter.district !== undefined && !isDistrictCode(filter.district)) return { items: [], total: 0 };
    // There is no maintenance licence (特种设备安全法 Art. 45): the register holds none to page through.
    if (filter.type === 'MAINTENANCE') return { items: [], total: 0 };
    // Element order is the schema's: XKLX, ZT, XZQHDM*, YXQZQ, YXQZZ, YM, MYJLS.
    const fields: [string, string][] = [];
    if (filter.type !== undefined) fields.push(['XKLX', codeOf(LICENCE_TYPE_BY_CODE, filter.type)]);
    if (filter.status !== undefined) fields.push(['ZT', codeOf(LICENCE_STATUS_BY_CODE, filter.status)]);
    if (filter.district !== undefined)
      for (const code of recordedDistrictCodes(filter.district)) fields.push(['XZQHDM', code]);
    if (filter.expiresFrom !== undefined) fields.push(['YXQZQ', legacyDate(filter.expiresFrom)]);
    if (filter.expiresTo !== undefined) fields.push(['YXQZZ', legacyDate(filter.expiresTo)]);
    const plan = planPages(page.offset, page.limit, this.batchLimit);
    const answers = await Promise.all(
      plan.pages.map(async ({ pageNo, pageSize }) =>
        this.read(
          pageAnswer,
          await this.client.call({
            operation,
            soapOperation: 'CxXkzFy',
            fields: [...fields, ['YM', String(pageNo)], ['MYJLS', String(pageSize)]],
          }),
          operation,
        ),
      ),
    );
    const rows = answers.flatMap((a) => a.XKZ).slice(plan.skip, plan.skip + page.limit);
    return { total: Number(answers[0]!.ZJLS), items: rows.map((raw) => this.reported(toLicence(raw))) };
  }

  /** Lists of records per key (a key with none gets an empty list). */
  private async listsByKey<T>(keys: readonly string[], spec: ListSpec<T>): Promise<(readonly T[] | Error)[]> {
    const found = await this.perBatch(keys, async (batch) => {
      const records = spec.records(
        await this.client.call(this.batchCall(spec.operation, spec.soapOperation, spec.keyElement, batch)),
      );
      const lists = new Map<string, T[] | Error>(batch.map((k) => [k, []]));
      for (const raw of records) {
        const key = this.attribute(raw, spec.keyElement, lists, spec.operation);
        const list = key === undefined ? undefined : lists.get(key);
        if (key === undefined || list instanceof Error) continue;
        const value = this.reported(spec.map(raw));
        if (value instanceof Error) lists.set(key, value);
        else list!.push(value);
      }
      return lists;
    });
    return keys.map((k) => found.get(k)!);
  }

  /** Unique keys in batches within the limit, in parallel; a failed batch fails its own keys only. */
  private async perBatch<V>(
    keys: readonly string[],
    run: (batch: readonly string[]) => Promise<ReadonlyMap<string, V>>,
  ): Promise<Map<string, V | Error>> {
    const found = new Map<string, V | Error>();
    await Promise.all(
      chunk([...new Set(keys)], this.batchLimit).map(async (batch) => {
        try {
          for (const [key, value] of await run(batch)) found.set(key, value);
        } catch (error) {
          for (const key of batch) found.set(key, error as Error);
        }
      }),
    );
    return found;
  }

  private batchCall(operation: string, soapOperation: string, keyElement: string, batch: readonly string[]): SoapCall {
    return { operation, soapOperation, fields: batch.map((k) => [keyElement, k] as const), keys: batch.length };
  }

  /**
   * The key a record answers. A record without one cannot be placed, and leaving it out could turn
   * a key's answer into a wrong one, so the whole batch fails; one for a key not asked is dropped.
   */
  private attribute(
    raw: unknown,
    element: string,
    asked: ReadonlyMap<string, unknown>,
    operation: string,
  ): string | undefined {
    const key = keyOf(raw, element);
    if (key === undefined) throw this.badShape(operation, 'a record without its key');
    if (asked.has(key)) return key;
    this.logger.warn({ operation, key }, 'permit system sent a record for a key not asked for; dropped');
    return undefined;
  }

  private read<S extends z.ZodType>(schema: S, answer: Record<string, unknown>, operation: string): z.infer<S> {
    const parsed = schema.safeParse(answer);
    if (!parsed.success) throw this.badShape(operation, parsed.error.issues[0]?.message ?? 'unexpected shape');
    return parsed.data;
  }

  private reported<T>(value: T | LegacyError): T | LegacyError {
    if (value instanceof LegacyError)
      this.logger.warn({ key: value.extensions.key, reason: value.message }, 'malformed permit system record');
    return value;
  }

  private badShape(operation: string, what: string): LegacyError {
    return new LegacyError('LEGACY_BAD_DATA', 'permit', `permit system answered ${operation} with ${what}`);
  }
}
