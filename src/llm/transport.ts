/**
 * HTTP requests over node:http(s) with keep-alive agents. Node 20's fetch (undici + web streams) costs
 * several times more CPU per request, which caps a 2-core machine far below the rate the world-model
 * benchmark needs; this path keeps the framework's own per-request overhead small.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";

export interface HttpReply {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

/** Raised when the request did not complete: a timeout, an abort, or a connection failure (`code`). */
export class TransportError extends Error {
  constructor(
    message: string,
    readonly kind: "timeout" | "aborted" | "network",
    readonly code?: string,
  ) {
    super(message);
  }
}

const agents = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };

export function send(
  method: "GET" | "POST",
  url: string,
  headers: Record<string, string>,
  body: string | undefined,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<HttpReply> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new TransportError("aborted", "aborted"));
    const u = new URL(url);
    const secure = u.protocol === "https:";
    const h: Record<string, string | number> = { ...headers };
    if (body !== undefined) h["content-length"] = Buffer.byteLength(body);
    let settled = false;
    const finish = (f: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      f();
    };
    const req = (secure ? httpsRequest : httpRequest)(
      u,
      { method, headers: h, agent: secure ? agents.https : agents.http },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          finish(() =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              text: Buffer.concat(chunks).toString("utf8"),
            }),
          ),
        );
        res.on("error", (e) => finish(() => reject(network(e))));
      },
    );
    const timer = setTimeout(() => {
      finish(() => reject(new TransportError(`no reply within ${timeoutMs} ms`, "timeout")));
      req.destroy();
    }, timeoutMs);
    const onAbort = () => {
      finish(() => reject(new TransportError("aborted", "aborted")));
      req.destroy();
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    req.on("error", (e) => finish(() => reject(network(e))));
    req.end(body);
  });
}

function network(e: Error): TransportError {
  const code = (e as NodeJS.ErrnoException).code;
  return new TransportError(code ?? e.message, "network", code);
}
