/**
 * The one downloader (data releases, the default model). It streams into a temporary file next to
 * `dest` and renames it into place only when complete (the announced length received, `check`
 * passed), so `dest` never holds a partial file and an existing `dest` survives a failed download.
 * It gives up when no bytes arrive for `idleTimeoutMs` rather than capping the whole transfer, so
 * large files on slow links still finish.
 */
import { createWriteStream, mkdirSync, renameSync, rmSync } from "node:fs";
import { dirname, join, basename } from "node:path";
import { Writable } from "node:stream";

export interface DownloadOptions {
  /** Give up when no bytes arrive for this long (default 60 s). */
  idleTimeoutMs?: number;
  /** Progress lines (every 10% when the length is known, else every 5 s). */
  log?: (line: string) => void;
  /** Validates the complete temporary file before it is renamed to `dest`; throw to reject it. */
  check?: (path: string) => Promise<void>;
  fetchImpl?: typeof fetch;
}

export class DownloadError extends Error {}

const mb = (n: number) => `${(n / 1e6).toFixed(n < 1e7 ? 1 : 0)} MB`;

function reasonOf(e: unknown): string {
  const err = e as Error & { cause?: { code?: string; message?: string } };
  const cause = err.cause?.code ?? err.cause?.message;
  return cause && !err.message.includes(cause) ? `${err.message}: ${cause}` : err.message;
}

/** Downloads `url` to `dest`. Failures throw a DownloadError naming the URL and the reason. */
export async function download(url: string, dest: string, opts: DownloadOptions = {}): Promise<void> {
  const idleTimeoutMs = opts.idleTimeoutMs ?? 60_000;
  const log = opts.log ?? (() => {});
  mkdirSync(dirname(dest), { recursive: true });
  const partial = join(
    dirname(dest),
    `.${basename(dest)}.partial-${process.pid}-${Math.random().toString(36).slice(2, 8)}`,
  );
  const ac = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const idle = () => {
    clearTimeout(timer);
    timer = setTimeout(() => ac.abort(new Error(`no data for ${idleTimeoutMs / 1000} s`)), idleTimeoutMs);
  };
  try {
    idle();
    const res = await (opts.fetchImpl ?? fetch)(url, { signal: ac.signal, redirect: "follow" });
    if (!res.ok || !res.body)
      throw new Error(`HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ""}`);
    const header = Number(res.headers.get("content-length"));
    const total = Number.isFinite(header) && header > 0 ? header : undefined;
    if (total !== undefined) log(`  ${mb(total)} to fetch`);
    const writer = Writable.toWeb(createWriteStream(partial)).getWriter();
    let received = 0;
    let nextReport = 0.1;
    let lastLog = Date.now();
    try {
      for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
        idle();
        await writer.write(chunk);
        received += chunk.byteLength;
        const now = Date.now();
        if (total ? received / total >= nextReport && received < total : now - lastLog >= 5000) {
          log(total ? `  ${Math.floor((received / total) * 100)}% (${mb(received)})` : `  ${mb(received)}`);
          while (total && received / total >= nextReport) nextReport += 0.1;
          lastLog = now;
        }
      }
      await writer.close();
    } catch (e) {
      await writer.abort(e).catch(() => {});
      throw e;
    }
    if (total !== undefined && received !== total)
      throw new Error(`the transfer ended after ${received} of ${total} bytes`);
    await opts.check?.(partial);
    renameSync(partial, dest);
  } catch (e) {
    rmSync(partial, { force: true });
    const reason = ac.signal.aborted && ac.signal.reason instanceof Error ? ac.signal.reason : e;
    throw new DownloadError(`cannot download ${url}: ${reasonOf(reason)}`, { cause: reason });
  } finally {
    clearTimeout(timer);
  }
}
