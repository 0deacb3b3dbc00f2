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

/**
 * Options a caller gave that cannot work (an unknown profile, a format, a number out of range):
 * raised before any file is read. The command line reports it as a usage error (exit 2).
 */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

export function isAllegatiError(e: unknown): e is AllegatiError {
  return e instanceof AllegatiError;
}

/**
 * Turns any error into a reason and a one-line message, as a batch reports a file that failed:
 * an AllegatiError keeps its own; file-system errors are `unreadable`; V8's allocation failures are
 * `limit`; anything unexpected is `damaged` (with its stack when `debug`).
 */
export function classifyError(e: unknown, debug = false): { reason: FailureReason; message: string } {
  if (e instanceof AllegatiError) return { reason: e.reason, message: e.message };
  const err = e as NodeJS.ErrnoException;
  if (err?.code === "ENOENT") return { reason: "unreadable", message: "no such file" };
  if (err?.code === "EACCES") return { reason: "unreadable", message: "permission denied" };
  if (err?.code === "EISDIR") return { reason: "unreadable", message: "is a directory" };
  if (err instanceof RangeError && /memory|allocation|Array buffer/i.test(err.message))
    return { reason: "limit", message: `out of memory: ${err.message}` };
  const message = (err?.message ?? String(e)).split("\n")[0]!;
  return { reason: "damaged", message: debug && err?.stack ? err.stack : message };
}
