import { describe, expect, it } from "vitest";
import { backoffMs, MAX_RETRY_AFTER_MS, parseRetryAfter, retryableStatus } from "../../src/llm/retry.js";

describe("retry policy", () => {
  it("retries rate limits, timeouts and server errors, not client errors", () => {
    for (const s of [408, 409, 429, 500, 502, 503, 504]) expect(retryableStatus(s)).toBe(true);
    for (const s of [400, 401, 403, 404, 422]) expect(retryableStatus(s)).toBe(false);
  });

  it("reads Retry-After as seconds or an HTTP date (RFC 9110), capped", () => {
    expect(parseRetryAfter("2")).toBe(2000);
    expect(parseRetryAfter("0.5")).toBe(500);
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:03 GMT", now)).toBe(3000);
    expect(parseRetryAfter("Wed, 31 Dec 2025 23:59:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("99999")).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter("soon")).toBeUndefined();
  });

  it("backs off exponentially with full jitter", () => {
    expect(backoffMs(0, 100, () => 0.999)).toBeCloseTo(99.9);
    expect(backoffMs(3, 100, () => 0.5)).toBe(400);
    expect(backoffMs(3, 100, () => 0)).toBe(0);
    expect(backoffMs(30, 100, () => 0.5)).toBe(15_000); // capped at 30 s
  });
});
