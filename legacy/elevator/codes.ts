/**
 * The platform's envelope codes (documented in README.md). The platform answers most failures with
 * HTTP 200 and a non-zero code, as the city's open APIs do; only outages and internal errors carry a
 * 5xx status as well.
 */
export const CODE = {
  OK: 0,
  BAD_SIGNATURE: 1001,
  EXPIRED_TIMESTAMP: 1002,
  REPLAYED_NONCE: 1003,
  UNKNOWN_APP: 1004,
  MISSING_AUTH: 1005,
  BAD_PARAMETER: 2001,
  NOT_FOUND: 3004,
  NO_SUCH_API: 4040,
  RATE_LIMITED: 4290,
  INTERNAL: 5000,
  MAINTENANCE: 5030,
} as const;

export type PlatformCode = (typeof CODE)[keyof typeof CODE];

/** A failure answered in the envelope: code, Chinese message, HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly code: PlatformCode,
    message: string,
    readonly httpStatus = 200,
    readonly data: unknown = null,
  ) {
    super(message);
  }
}

export const badParameter = (message: string) => new ApiError(CODE.BAD_PARAMETER, `参数错误: ${message}`);
