import { createWriteStream, mkdirSync, renameSync, rmSync } from "node:fs";
import { dirname } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";

/** Downloads `url` to `dest` (via a temporary file renamed on success). Errors name the URL. */
export async function download(url: string, dest: string, timeoutMs = 600_000): Promise<void> {
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: "follow" });
  } catch (e) {
    const cause = (e as { cause?: { message?: string } }).cause?.message ?? (e as Error).message;
    throw new Error(`cannot download ${url}: ${cause} (offline? use --from <local copy>)`);
  }
  if (!res.ok || !res.body) throw new Error(`cannot download ${url}: HTTP ${res.status}`);
  mkdirSync(dirname(dest), { recursive: true });
  const partial = `${dest}.partial-${process.pid}`;
  try {
    await pipeline(Readable.fromWeb(res.body as WebReadableStream), createWriteStream(partial));
    renameSync(partial, dest);
  } catch (e) {
    rmSync(partial, { force: true });
    throw new Error(`download of ${url} failed: ${(e as Error).message}`);
  }
}
