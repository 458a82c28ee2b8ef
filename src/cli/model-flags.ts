/** Flags every command that talks to a model shares, and opening (and preflighting) the model. */
import type { Command } from "commander";
import { openModel } from "../llm/index.js";
import { ModelSpecError } from "../llm/spec.js";
import { HTTP_DEFAULTS } from "../llm/http-model.js";
import { LOCAL_DEFAULTS } from "../llm/local.js";
import type { ChatModel } from "../llm/types.js";
import { parsePositiveInt, UsageError } from "./errors.js";

export interface ModelFlags {
  llmConcurrency?: string;
  threads?: string;
  timeout: string;
  retries: string;
  cache?: string;
}

export function addModelFlags(cmd: Command): Command {
  return cmd
    .option(
      "--llm-concurrency <n>",
      `requests in flight per model endpoint (default ${HTTP_DEFAULTS.concurrency}; local: models ${LOCAL_DEFAULTS.concurrency} sequence)`,
    )
    .option("--threads <n>", "CPU threads of a local: model (default: the CPU's cores)")
    .option("--timeout <seconds>", "per-request timeout", String(HTTP_DEFAULTS.timeoutMs / 1000))
    .option(
      "--retries <n>",
      "retries on 429/5xx/timeouts/connection errors",
      String(HTTP_DEFAULTS.maxRetries),
    )
    .option("--cache <dir>", "on-disk response cache (re-running costs nothing)");
}

function parseRetries(value: string): number {
  if (!/^\d+$/.test(value)) throw new UsageError(`--retries must be a non-negative integer, got '${value}'`);
  return Number(value);
}

function parseSeconds(value: string): number {
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || n <= 0)
    throw new UsageError(`--timeout must be a positive number of seconds, got '${value}'`);
  return n * 1000;
}

/** Opens the model and checks, before any run starts, that it is reachable and has its key. */
export async function openModelFromFlags(spec: string, f: ModelFlags): Promise<ChatModel> {
  let model: ChatModel;
  try {
    model = await openModel(spec, {
      ...(f.llmConcurrency === undefined
        ? {}
        : { concurrency: parsePositiveInt("--llm-concurrency", f.llmConcurrency) }),
      ...(f.threads === undefined ? {} : { threads: parsePositiveInt("--threads", f.threads) }),
      timeoutMs: parseSeconds(f.timeout),
      maxRetries: parseRetries(f.retries),
      cacheDir: f.cache,
    });
  } catch (e) {
    if (e instanceof ModelSpecError) throw new UsageError(e.message);
    throw e;
  }
  try {
    await model.preflight();
  } catch (e) {
    await model.close();
    throw e;
  }
  return model;
}
