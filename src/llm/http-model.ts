/**
 * A chat model behind HTTP: load balancing over base URLs, per-endpoint concurrency, per-request
 * timeout, retries with exponential backoff and full jitter on 429/5xx/timeouts/connection errors
 * (honouring Retry-After), the optional response cache, and the counts a run reports. The wire format
 * (OpenAI chat completions, Anthropic messages) is a `WireProtocol`.
 */
import { EndpointPool } from "./endpoint-pool.js";
import { ResponseCache } from "./response-cache.js";
import { send, type HttpReply, type TransportError } from "./transport.js";
import { backoffMs, parseRetryAfter, retryableStatus, sleep } from "./retry.js";
import {
  LlmError,
  type ChatModel,
  type ChatRequest,
  type ChatResponse,
  type LlmStats,
  type ModelOptions,
} from "./types.js";

export interface HttpCall {
  url: string;
  headers: Record<string, string>;
  body?: unknown;
}

export interface WireProtocol {
  /** Builds the POST for a chat request. */
  chat(baseUrl: string, model: string, key: string | undefined, req: ChatRequest): HttpCall;
  /** Reads a 2xx reply body; throws with a description of what is wrong. */
  parse(json: unknown): Omit<ChatResponse, "cached">;
  /** A cheap GET that proves the server is there and accepts the key. */
  probe(baseUrl: string, key: string | undefined): HttpCall;
}

export interface HttpModelConfig {
  spec: string;
  model: string;
  baseUrls: string[];
  protocol: WireProtocol;
  /** Environment variable holding the key, and whether the service needs one. */
  apiKeyEnv: string;
  keyRequired: boolean;
  cacheIdentity: string;
}

export const HTTP_DEFAULTS = { concurrency: 32, timeoutMs: 120_000, maxRetries: 5, backoffMs: 500 } as const;

const PREFLIGHT_TIMEOUT_MS = 15_000;

function snippet(text: string): string {
  const t = text.replace(/\s+/g, " ").trim();
  return t.length > 300 ? `${t.slice(0, 300)}…` : t;
}

class Retryable extends Error {
  constructor(
    message: string,
    readonly waitMs?: number,
  ) {
    super(message);
  }
}

export class HttpChatModel implements ChatModel {
  readonly spec: string;
  private readonly pool: EndpointPool;
  private readonly cache?: ResponseCache;
  private readonly key: string | undefined;
  private readonly o: Required<Omit<ModelOptions, "cacheDir" | "threads">>;
  private readonly counts: LlmStats = { requests: 0, retries: 0, failures: 0, timeouts: 0, cacheHits: 0 };

  constructor(
    private readonly c: HttpModelConfig,
    opts: ModelOptions = {},
  ) {
    this.spec = c.spec;
    this.o = {
      concurrency: opts.concurrency ?? HTTP_DEFAULTS.concurrency,
      timeoutMs: opts.timeoutMs ?? HTTP_DEFAULTS.timeoutMs,
      maxRetries: opts.maxRetries ?? HTTP_DEFAULTS.maxRetries,
      backoffMs: opts.backoffMs ?? HTTP_DEFAULTS.backoffMs,
    };
    this.pool = new EndpointPool(c.baseUrls, this.o.concurrency);
    if (opts.cacheDir !== undefined) this.cache = new ResponseCache(opts.cacheDir);
    this.key = process.env[c.apiKeyEnv] || undefined;
  }

  stats(): LlmStats {
    return { ...this.counts };
  }

  async close(): Promise<void> {}

  private missingKey(): LlmError | undefined {
    if (this.c.keyRequired && !this.key)
      return new LlmError(`${this.spec}: ${this.c.apiKeyEnv} is not set (the service needs an API key)`);
    return undefined;
  }

  async preflight(): Promise<void> {
    const missing = this.missingKey();
    if (missing) throw missing;
    await Promise.all(
      this.pool.urls.map(async (base) => {
        const call = this.c.protocol.probe(base, this.key);
        let res: HttpReply;
        try {
          res = await send("GET", call.url, call.headers, undefined, PREFLIGHT_TIMEOUT_MS);
        } catch (e) {
          throw new LlmError(
            `${this.spec}: cannot reach ${base} (${(e as Error).message}); is the server running?`,
          );
        }
        if (res.status === 401 || res.status === 403)
          throw new LlmError(
            `${this.spec}: ${base} rejected the API key (HTTP ${res.status}): ${snippet(res.text)}`,
            res.status,
          );
        // 404: many servers have no model list; that the server answered is enough.
        if (res.status >= 500)
          throw new LlmError(
            `${this.spec}: ${base} is not healthy (HTTP ${res.status}): ${snippet(res.text)}`,
            res.status,
          );
      }),
    );
  }

  async chat(req: ChatRequest): Promise<ChatResponse> {
    const missing = this.missingKey();
    if (missing) throw missing;
    this.counts.requests++;
    const cacheKey = this.cache?.key(this.c.cacheIdentity, req.messages, req.sampling);
    if (cacheKey !== undefined) {
      const hit = this.cache!.get(cacheKey);
      if (hit) {
        this.counts.cacheHits++;
        return hit;
      }
    }
    let last = "";
    for (let attempt = 0; ; attempt++) {
      try {
        const r = await this.attempt(req);
        if (cacheKey !== undefined) this.cache!.put(cacheKey, { ...r, cached: false });
        return { ...r, cached: false };
      } catch (e) {
        if (req.signal?.aborted) throw new Error("aborted");
        if (!(e instanceof Retryable)) {
          this.counts.failures++;
          throw e;
        }
        last = e.message;
        if (attempt >= this.o.maxRetries) {
          this.counts.failures++;
          throw new LlmError(`${this.spec}: gave up after ${attempt + 1} attempts: ${last}`);
        }
        this.counts.retries++;
        await sleep(e.waitMs ?? backoffMs(attempt, this.o.backoffMs), req.signal);
      }
    }
  }

  private async attempt(req: ChatRequest): Promise<Omit<ChatResponse, "cached">> {
    const ep = await this.pool.acquire(req.signal);
    const call = this.c.protocol.chat(ep.url, this.c.model, this.key, req);
    let res: HttpReply;
    try {
      res = await send(
        "POST",
        call.url,
        { "content-type": "application/json", ...call.headers },
        JSON.stringify(call.body),
        this.o.timeoutMs,
        req.signal,
      );
    } catch (e) {
      const t = e as TransportError;
      if (t.kind === "aborted" || req.signal?.aborted) throw new Error("aborted");
      if (t.kind === "timeout") {
        this.counts.timeouts++;
        throw new Retryable(`${ep.url}: no reply within ${this.o.timeoutMs} ms`);
      }
      throw new Retryable(`${ep.url}: connection failed (${t.message})`);
    } finally {
      this.pool.release(ep);
    }
    const { status, text } = res;
    const retryAfter = res.headers["retry-after"] ?? null;
    if (status < 200 || status >= 300) {
      const why = `${call.url}: HTTP ${status}: ${snippet(text)}`;
      if (retryableStatus(status)) throw new Retryable(why, parseRetryAfter(retryAfter));
      throw new LlmError(`${this.spec}: ${why}`, status);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new LlmError(`${this.spec}: ${call.url}: malformed reply (not JSON): ${snippet(text)}`, status);
    }
    try {
      return this.c.protocol.parse(json);
    } catch (e) {
      throw new LlmError(
        `${this.spec}: ${call.url}: malformed reply (${(e as Error).message}): ${snippet(text)}`,
        status,
      );
    }
  }
}
