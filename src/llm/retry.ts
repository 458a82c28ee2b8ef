/** When to retry a failed request and how long to wait first. */

/** 429 (rate limited), 408 (request timeout), 409 (conflict/lock) and every 5xx are worth a retry. */
export function retryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/** Longest wait we accept from a Retry-After header (a server asking for more is capped). */
export const MAX_RETRY_AFTER_MS = 120_000;
const MAX_BACKOFF_MS = 30_000;

/** Retry-After as delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (header === null) return undefined;
  const h = header.trim();
  if (/^\d+(\.\d+)?$/.test(h)) return Math.min(MAX_RETRY_AFTER_MS, Number(h) * 1000);
  const at = Date.parse(h);
  if (Number.isNaN(at)) return undefined;
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, at - now));
}

/** Exponential backoff with full jitter: uniform in [0, min(cap, base · 2^attempt)). */
export function backoffMs(attempt: number, baseMs: number, random = Math.random): number {
  return random() * Math.min(MAX_BACKOFF_MS, baseMs * 2 ** attempt);
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Error("aborted"));
    const t = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(new Error("aborted"));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
