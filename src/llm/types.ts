/** Chat models behind one interface, whatever serves them. */
export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

export interface SamplingParams {
  temperature?: number;
  topP?: number;
  maxTokens?: number;
  stop?: string[];
  seed?: number;
}

export interface ChatRequest {
  messages: ChatMessage[];
  sampling?: SamplingParams;
  signal?: AbortSignal;
}

export interface ChatResponse {
  content: string;
  finishReason?: string;
  usage?: { promptTokens?: number; completionTokens?: number };
  /** Served from the on-disk response cache. */
  cached: boolean;
}

/** Counts reported in every run's results. */
export interface LlmStats {
  requests: number;
  retries: number;
  failures: number;
  timeouts: number;
  cacheHits: number;
}

export interface ChatModel {
  /** The model string it was opened from, e.g. "http://localhost:8000/v1#Qwen2.5-7B". */
  readonly spec: string;
  chat(request: ChatRequest): Promise<ChatResponse>;
  /** Fails fast, before a run starts, when the server is unreachable or a key is missing. */
  preflight(): Promise<void>;
  stats(): LlmStats;
  close(): Promise<void>;
}

export interface ModelOptions {
  /** Concurrent requests per endpoint (base URL). */
  concurrency?: number;
  /** Per-request timeout. */
  timeoutMs?: number;
  /** Retries after the first attempt on 429/5xx/timeouts/connection resets. */
  maxRetries?: number;
  /** Base of the exponential backoff. */
  backoffMs?: number;
  /** Directory of the on-disk response cache; no cache when absent. */
  cacheDir?: string;
  /** CPU threads of an in-process (local:) model; HTTP backends have no use for it. */
  threads?: number;
}

/** A request that failed for good (after retries, or a non-retryable status). */
export class LlmError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}
