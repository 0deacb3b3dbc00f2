/**
 * Why a file failed. Each reason is one word a batch job can switch on; the message says the rest.
 * not-pdf: neither a PDF nor a signed envelope; truncated: the file ends early; damaged: structure
 * unreadable; encrypted: a password is required; signature: the envelope cannot be opened;
 * limit: a time, page or memory limit was hit; unreadable: the file cannot be read at all.
 */
export const FAILURE_REASONS = [
  "not-pdf",
  "truncated",
  "damaged",
  "encrypted",
  "signature",
  "limit",
  "unreadable",
] as const;
export type FailureReason = (typeof FAILURE_REASONS)[number];

export class AllegatiError extends Error {
  override readonly name = "AllegatiError";
  constructor(
    readonly reason: FailureReason,
    message: string,
    readonly stage?: string,
  ) {
    super(message);
  }
}

export function isAllegatiError(e: unknown): e is AllegatiError {
  return e instanceof AllegatiError;
}
