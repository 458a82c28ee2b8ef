/**
 * The embedded default world model: what `wordworld evaluate` runs, in-process, when no --wm names a
 * model. A small instruction-tuned GGUF downloaded once into the cache directory:
 * <cache>/models/<file>, with <cache> = $WORDWORLD_CACHE, else $XDG_CACHE_HOME/wordworld, else
 * ~/.cache/wordworld.
 *
 * The download (util/download.ts) only renames a complete file that starts with the GGUF magic into
 * place, so the cache never holds a partial model (two processes downloading at once each rename a
 * complete copy).
 */
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { download } from "../util/download.js";
import { checkGgufFile } from "./gguf-file.js";

export const DEFAULT_MODEL = {
  name: "Qwen2.5-0.5B-Instruct (Q4_K_M GGUF)",
  repo: "Qwen/Qwen2.5-0.5B-Instruct-GGUF",
  file: "qwen2.5-0.5b-instruct-q4_k_m.gguf",
  /** Approximate size, for the progress message. */
  approxBytes: 491_000_000,
  license:
    "Apache-2.0 (Qwen2.5-0.5B-Instruct by the Qwen team, Alibaba Cloud); downloaded from Hugging Face at first use, not redistributed by wordworld",
} as const;

export interface EnsureDefaultModelOptions {
  /** Cache directory; default $WORDWORLD_CACHE, else $XDG_CACHE_HOME/wordworld, else ~/.cache/wordworld. */
  cacheDir?: string;
  /** Where to download from; default defaultModelUrl(). */
  url?: string;
  fetchImpl?: typeof fetch;
  /** Progress messages (one line each). */
  log?: (line: string) => void;
  /** Give up when no bytes arrive for this long (default 60 s). */
  idleTimeoutMs?: number;
}

/** The file on Hugging Face, or on the mirror $HF_ENDPOINT names (as huggingface_hub reads it). */
export function defaultModelUrl(): string {
  const endpoint = (process.env.HF_ENDPOINT || "https://huggingface.co").replace(/\/+$/, "");
  return `${endpoint}/${DEFAULT_MODEL.repo}/resolve/main/${DEFAULT_MODEL.file}`;
}

export function defaultCacheDir(): string {
  if (process.env.WORDWORLD_CACHE) return process.env.WORDWORLD_CACHE;
  if (process.env.XDG_CACHE_HOME) return join(process.env.XDG_CACHE_HOME, "wordworld");
  return join(homedir(), ".cache", "wordworld");
}

/** Where the default model is (or will be) cached. */
export function defaultModelPath(cacheDir: string = defaultCacheDir()): string {
  return join(cacheDir, "models", DEFAULT_MODEL.file);
}

function guidance(path: string, url: string, reason: string): string {
  return [
    `no default model is cached at ${path}, and the download failed: ${reason}.`,
    "To proceed, name a world model with --wm:",
    "  a server:     --wm http://localhost:8000/v1#<model>   (any OpenAI-compatible server)",
    "                --wm openai:gpt-4o-mini   or   --wm anthropic:<model>",
    "  a model file: --wm local:./model.gguf",
    `or place ${DEFAULT_MODEL.file} (from ${url}) at ${path}.`,
  ].join("\n");
}

/**
 * Returns the path of the default model, downloading it first unless a GGUF is already cached
 * there. A cached file that is not a GGUF (e.g. an HTML error page saved by hand) is replaced.
 */
export async function ensureDefaultModel(opts: EnsureDefaultModelOptions = {}): Promise<string> {
  const path = defaultModelPath(opts.cacheDir ?? defaultCacheDir());
  const url = opts.url ?? defaultModelUrl();
  const log = opts.log ?? (() => {});
  if (existsSync(path)) {
    try {
      await checkGgufFile(path);
      return path;
    } catch {
      log(`${path} is not a GGUF file; downloading it again`);
    }
  }

  log(
    `downloading ${DEFAULT_MODEL.name} (about ${Math.round(DEFAULT_MODEL.approxBytes / 1e6)} MB) from ${url}`,
  );
  try {
    await download(url, path, {
      log,
      ...(opts.fetchImpl ? { fetchImpl: opts.fetchImpl } : {}),
      ...(opts.idleTimeoutMs !== undefined ? { idleTimeoutMs: opts.idleTimeoutMs } : {}),
      check: checkGgufFile,
    });
  } catch (e) {
    throw new Error(guidance(path, url, (e as Error).message), { cause: e });
  }
  log(`${DEFAULT_MODEL.name} saved at ${path}`);
  return path;
}
