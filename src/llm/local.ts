/**
 * An in-process GGUF model through node-llama-cpp (llama.cpp bindings), for `local:<file.gguf>`.
 *
 * - node-llama-cpp is imported lazily, on the first preflight() or chat(), so nothing else in the
 *   project loads llama.cpp unless a local model is used (only types are imported statically).
 * - The binary is one of node-llama-cpp's prebuilt ones (npm packages @node-llama-cpp/<platform>);
 *   `build: "never"` stops it from ever fetching and compiling llama.cpp at run time. The GPU is
 *   chosen by node-llama-cpp ("auto": CUDA/Vulkan/Metal when one works, else the CPU) unless
 *   `LocalModelOptions.gpu` or $NODE_LLAMA_CPP_GPU says otherwise.
 * - One context holds `opts.concurrency ?? 1` sequences; each request takes a free sequence (requests
 *   beyond that wait in a FIFO queue) and is answered by a fresh LlamaChat over the request's full
 *   message list. A sequence keeps its KV cache between requests, so a request that shares a prefix
 *   with the previous one on that sequence (the same system prompt and history) only evaluates the
 *   new tokens.
 * - Sampling follows the OpenAI API's defaults where a field is unset (temperature 1, top-p 1, no
 *   top-k, no repetition penalty), so `local:` samples as the HTTP backends do for the same
 *   SamplingParams; `maxTokens` unset means up to the context size.
 * - A GGUF without `tokenizer.chat_template` is served with node-llama-cpp's GeneralChatWrapper (a
 *   plain "### System / ### Human / ### Assistant" transcript). node-llama-cpp would otherwise guess a
 *   format from the architecture or file name (e.g. Llama 2's [INST] for any "llama" file), which is
 *   wrong for most fine-tunes that share an architecture and meaningless for base models; a neutral
 *   transcript is the least surprising format for a file that names none. With a template, the
 *   model's own format is used (node-llama-cpp's resolveChatWrapper: a built-in wrapper matching the
 *   template, or the Jinja template itself).
 */
import { resolve } from "node:path";
import type {
  ChatHistoryItem,
  ChatWrapper,
  Llama,
  LlamaContext,
  LlamaContextSequence,
  LlamaGpuType,
  LlamaModel,
} from "node-llama-cpp";
import {
  LlmError,
  type ChatMessage,
  type ChatModel,
  type ChatRequest,
  type ChatResponse,
  type LlmStats,
  type ModelOptions,
} from "./types.js";
import { checkGgufFile } from "./gguf-file.js";

/** Settings of the local backend that the shared ModelOptions do not cover. */
export interface LocalModelOptions {
  /** GPU backend: "auto" (default, or $NODE_LLAMA_CPP_GPU), a type, or false for the CPU only. */
  gpu?: "auto" | LlamaGpuType;
  /** Context size per sequence (tokens); default: as large as memory allows, at most 16384. */
  contextSize?: number;
}

export const LOCAL_DEFAULTS = { concurrency: 1, maxContextSize: 16384 } as const;

/** One Llama (native backend) per GPU setting, shared by the models open in this process. */
const llamas = new Map<string, { llama: Promise<Llama>; users: number }>();

async function acquireLlama(gpu: LocalModelOptions["gpu"]): Promise<Llama> {
  const key = String(gpu ?? "default");
  let entry = llamas.get(key);
  if (!entry) {
    const llama = (async () => {
      const { getLlama } = await import("node-llama-cpp");
      return getLlama({ build: "never", ...(gpu === undefined ? {} : { gpu }) });
    })();
    entry = { llama, users: 0 };
    llamas.set(key, entry);
    llama.catch(() => {
      if (llamas.get(key) === entry) llamas.delete(key);
    });
  }
  entry.users++;
  try {
    return await entry.llama;
  } catch (e) {
    entry.users--;
    throw e;
  }
}

async function releaseLlama(gpu: LocalModelOptions["gpu"]): Promise<void> {
  const key = String(gpu ?? "default");
  const entry = llamas.get(key);
  if (!entry || --entry.users > 0) return;
  llamas.delete(key);
  await (await entry.llama).dispose();
}

interface Loaded {
  model: LlamaModel;
  context: LlamaContext;
  wrapper: ChatWrapper;
}

interface Waiter {
  resolve: (seq: LlamaContextSequence) => void;
  reject: (e: Error) => void;
}

function toHistory(spec: string, messages: ChatMessage[]): ChatHistoryItem[] {
  const last = messages[messages.length - 1];
  if (!last || last.role !== "user")
    throw new LlmError(`${spec}: the last message of a chat request must be a user message`);
  const history: ChatHistoryItem[] = messages.map((m) =>
    m.role === "system"
      ? { type: "system", text: m.content }
      : m.role === "user"
        ? { type: "user", text: m.content }
        : { type: "model", response: [m.content] },
  );
  // An empty model turn: the response to generate.
  history.push({ type: "model", response: [] });
  return history;
}

const FINISH: Record<string, string> = {
  eogToken: "stop",
  stopGenerationTrigger: "stop",
  customStopTrigger: "stop",
  maxTokens: "length",
  functionCalls: "tool_calls",
  abort: "abort",
};

class LocalChatModel implements ChatModel {
  readonly spec: string;
  private readonly path: string;
  private readonly sequences: number;
  private readonly timeoutMs?: number;
  /** Default: the CPU's math cores (llama.cpuMathCores). */
  private readonly threads?: number;
  private readonly counts: LlmStats = { requests: 0, retries: 0, failures: 0, timeouts: 0, cacheHits: 0 };
  private loading?: Promise<Loaded>;
  private llamaHeld = false;
  private free: LlamaContextSequence[] = [];
  private waiters: Waiter[] = [];
  private readonly active = new Set<Promise<unknown>>();
  private readonly closing = new AbortController();
  private closed = false;

  constructor(
    spec: string,
    path: string,
    opts: ModelOptions,
    private readonly local: LocalModelOptions,
  ) {
    this.spec = spec.trim();
    this.path = resolve(path);
    const n = opts.concurrency ?? LOCAL_DEFAULTS.concurrency;
    if (!Number.isInteger(n) || n < 1)
      throw new LlmError(`${this.spec}: concurrency must be a positive integer, got ${n}`);
    this.sequences = n;
    if (opts.timeoutMs !== undefined) this.timeoutMs = opts.timeoutMs;
    if (opts.threads !== undefined) {
      if (!Number.isInteger(opts.threads) || opts.threads < 1)
        throw new LlmError(`${this.spec}: threads must be a positive integer, got ${opts.threads}`);
      this.threads = opts.threads;
    }
  }

  stats(): LlmStats {
    return { ...this.counts };
  }

  async preflight(): Promise<void> {
    await this.load();
  }

  private load(): Promise<Loaded> {
    if (this.closed) return Promise.reject(new LlmError(`${this.spec}: the model is closed`));
    if (!this.loading) {
      this.loading = this.doLoad();
      // A failed load is tried again by the next call (the file may have been fixed meanwhile).
      this.loading.catch(() => (this.loading = undefined));
    }
    return this.loading;
  }

  private async doLoad(): Promise<Loaded> {
    await checkGgufFile(this.path);
    let llama: Llama;
    try {
      llama = await acquireLlama(this.local.gpu);
    } catch (e) {
      throw new LlmError(
        `${this.spec}: cannot start llama.cpp (node-llama-cpp): ${(e as Error).message}. ` +
          "Its prebuilt binaries come with the @node-llama-cpp/<platform> npm packages; " +
          "reinstall without --omit=optional, or build one with `npx node-llama-cpp source download`",
      );
    }
    this.llamaHeld = true;
    let model: LlamaModel | undefined;
    try {
      model = await llama.loadModel({ modelPath: this.path });
      const context = await model.createContext({
        sequences: this.sequences,
        contextSize: this.local.contextSize ?? { max: LOCAL_DEFAULTS.maxContextSize },
        // node-llama-cpp's default (llama.maxThreads) can exceed the cores, and llama.cpp's spinning
        // threads then slow evaluation by orders of magnitude (400× measured on a 2-vCPU machine).
        threads: this.threads ?? llama.cpuMathCores,
      });
      const { GeneralChatWrapper, resolveChatWrapper } = await import("node-llama-cpp");
      const wrapper: ChatWrapper =
        model.fileInfo.metadata?.tokenizer?.chat_template !== undefined
          ? resolveChatWrapper(model)
          : new GeneralChatWrapper();
      this.free = Array.from({ length: this.sequences }, () => context.getSequence());
      return { model, context, wrapper };
    } catch (e) {
      await model?.dispose().catch(() => {});
      this.llamaHeld = false;
      await releaseLlama(this.local.gpu).catch(() => {});
      throw new LlmError(`${this.spec}: failed to load ${this.path}: ${(e as Error).message}`);
    }
  }

  private acquire(signal?: AbortSignal): Promise<LlamaContextSequence> {
    const seq = this.free.pop();
    if (seq) return Promise.resolve(seq);
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error("aborted"));
      };
      const waiter: Waiter = {
        resolve: (s) => {
          signal?.removeEventListener("abort", onAbort);
          resolve(s);
        },
        reject: (e) => {
          signal?.removeEventListener("abort", onAbort);
          reject(e);
        },
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  private release(seq: LlamaContextSequence): void {
    const next = this.waiters.shift();
    if (next) next.resolve(seq);
    else this.free.push(seq);
  }

  async chat(req: ChatRequest): Promise<ChatResponse> {
    if (this.closed) throw new LlmError(`${this.spec}: the model is closed`);
    this.counts.requests++;
    const run = this.serve(req);
    this.active.add(run);
    try {
      return await run;
    } finally {
      this.active.delete(run);
    }
  }

  private async serve(req: ChatRequest): Promise<ChatResponse> {
    if (req.signal?.aborted) throw new Error("aborted");
    let history: ChatHistoryItem[];
    let loaded: Loaded;
    let promptTokens: number;
    try {
      history = toHistory(this.spec, req.messages);
      loaded = await this.load();
      promptTokens = loaded.wrapper
        .generateContextState({ chatHistory: history })
        .contextText.tokenize(loaded.model.tokenizer).length;
      // As an HTTP server would answer 400: the prompt is never cut to fit, since node-llama-cpp's
      // context shift would silently drop turns the world model is meant to condition on.
      if (promptTokens >= loaded.context.contextSize)
        throw new LlmError(
          `${this.spec}: the prompt is ${promptTokens} tokens, more than the context of ${loaded.context.contextSize} tokens ` +
            "(a larger contextSize, or a model with a longer context, is needed)",
        );
    } catch (e) {
      this.counts.failures++;
      throw e;
    }
    const seq = await this.acquire(req.signal);
    const signals = [this.closing.signal];
    if (req.signal) signals.push(req.signal);
    const timeout = this.timeoutMs !== undefined ? AbortSignal.timeout(this.timeoutMs) : undefined;
    if (timeout) signals.push(timeout);
    const { LlamaChat } = await import("node-llama-cpp");
    const chat = new LlamaChat({ contextSequence: seq, chatWrapper: loaded.wrapper });
    const s = req.sampling ?? {};
    const outBefore = seq.tokenMeter.usedOutputTokens;
    try {
      const res = await chat.generateResponse(history, {
        signal: AbortSignal.any(signals),
        // Generation stops at the end of the context ("length") rather than shifting it.
        maxTokens: Math.min(s.maxTokens ?? Infinity, seq.contextSize - promptTokens),
        temperature: s.temperature ?? 1,
        topP: s.topP ?? 1,
        topK: 0,
        repeatPenalty: false,
        ...(s.seed === undefined ? {} : { seed: s.seed }),
        ...(s.stop && s.stop.length > 0 ? { customStopTriggers: s.stop } : {}),
      });
      const stopReason = res.metadata.stopReason;
      return {
        content: res.response,
        finishReason: FINISH[stopReason] ?? stopReason,
        usage: { promptTokens, completionTokens: seq.tokenMeter.usedOutputTokens - outBefore },
        cached: false,
      };
    } catch (e) {
      if (req.signal?.aborted) throw new Error("aborted");
      if (this.closing.signal.aborted) throw new LlmError(`${this.spec}: the model was closed`);
      this.counts.failures++;
      if (timeout?.aborted) {
        this.counts.timeouts++;
        throw new LlmError(`${this.spec}: no reply within ${this.timeoutMs} ms`);
      }
      throw new LlmError(`${this.spec}: generation failed: ${(e as Error).message}`);
    } finally {
      chat.dispose({ disposeSequence: false });
      this.release(seq);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.closing.abort();
    for (const w of this.waiters.splice(0)) w.reject(new LlmError(`${this.spec}: the model was closed`));
    await Promise.allSettled([...this.active]);
    const loaded = await this.loading?.catch(() => undefined);
    if (loaded) {
      await loaded.context.dispose();
      await loaded.model.dispose();
    }
    if (this.llamaHeld) {
      this.llamaHeld = false;
      await releaseLlama(this.local.gpu);
    }
  }
}

/**
 * Opens `path` (a GGUF file) for in-process inference. Nothing is loaded yet: preflight() checks the
 * file and loads the model, and the first chat() does so if preflight() was not called.
 */
export async function openLocalModel(
  spec: string,
  path: string,
  opts: ModelOptions = {},
  local: LocalModelOptions = {},
): Promise<ChatModel> {
  return new LocalChatModel(spec, path, opts, local);
}
