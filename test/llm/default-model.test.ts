/**
 * The embedded default model's download into the cache, against a local HTTP server standing in for
 * Hugging Face (through $HF_ENDPOINT, as a mirror would be named): downloaded once, a corrupt cache
 * replaced, and every failure (offline, HTML instead of a model, a cut transfer, a stalled one) ending
 * in the guidance message with nothing partial left behind.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import {
  DEFAULT_MODEL,
  defaultCacheDir,
  defaultModelPath,
  defaultModelUrl,
  ensureDefaultModel,
} from "../../src/llm/default-model.js";
import { writeTinyGguf } from "./tiny-gguf.js";

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

let dir: string;
let model: Buffer;
let server: Server;
let base: string;
let handler: Handler;
const requests: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "wordworld-default-model-"));
  await writeTinyGguf(join(dir, "tiny.gguf"));
  model = readFileSync(join(dir, "tiny.gguf"));
  server = createServer((req, res) => {
    requests.push(req.url ?? "");
    handler(req, res);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
  rmSync(dir, { recursive: true, force: true });
});

afterEach(() => {
  vi.unstubAllEnvs();
  requests.length = 0;
});

const serveModel: Handler = (_req, res) => {
  res.writeHead(200, { "content-length": model.length });
  res.end(model);
};

function freshCache(): string {
  return mkdtempSync(join(dir, "cache-"));
}

/** The names in the models directory (a partial download would show up here). */
function modelsDir(cache: string): string[] {
  try {
    return readdirSync(join(cache, "models"));
  } catch {
    return [];
  }
}

async function failure(p: Promise<unknown>): Promise<Error> {
  return p.then(
    () => {
      throw new Error("expected a failure");
    },
    (e: unknown) => e as Error,
  );
}

describe("where the default model comes from and goes", () => {
  it("is Qwen2.5-0.5B-Instruct's Q4_K_M file on Hugging Face, or on $HF_ENDPOINT", () => {
    vi.stubEnv("HF_ENDPOINT", "");
    expect(defaultModelUrl()).toBe(
      "https://huggingface.co/Qwen/Qwen2.5-0.5B-Instruct-GGUF/resolve/main/qwen2.5-0.5b-instruct-q4_k_m.gguf",
    );
    vi.stubEnv("HF_ENDPOINT", "https://hf-mirror.example/");
    expect(defaultModelUrl()).toBe(
      "https://hf-mirror.example/Qwen/Qwen2.5-0.5B-Instruct-GGUF/resolve/main/qwen2.5-0.5b-instruct-q4_k_m.gguf",
    );
  });

  it("is cached under $WORDWORLD_CACHE, else $XDG_CACHE_HOME/wordworld", () => {
    vi.stubEnv("WORDWORLD_CACHE", "/c/ww");
    expect(defaultModelPath()).toBe(join("/c/ww", "models", DEFAULT_MODEL.file));
    vi.stubEnv("WORDWORLD_CACHE", "");
    vi.stubEnv("XDG_CACHE_HOME", "/xdg");
    expect(defaultCacheDir()).toBe(join("/xdg", "wordworld"));
  });
});

describe("ensureDefaultModel", () => {
  it("downloads the file once, then answers from the cache", async () => {
    handler = serveModel;
    vi.stubEnv("HF_ENDPOINT", base);
    const cache = freshCache();
    const lines: string[] = [];
    const path = await ensureDefaultModel({ cacheDir: cache, log: (l) => lines.push(l) });
    expect(path).toBe(defaultModelPath(cache));
    expect(readFileSync(path).equals(model)).toBe(true);
    expect(requests).toEqual([`/${DEFAULT_MODEL.repo}/resolve/main/${DEFAULT_MODEL.file}`]);
    expect(lines.join("\n")).toContain(`saved at ${path}`);
    expect(modelsDir(cache)).toEqual([DEFAULT_MODEL.file]);

    await ensureDefaultModel({ cacheDir: cache });
    expect(requests).toHaveLength(1);
  });

  it("replaces a cached file that is not a GGUF", async () => {
    handler = serveModel;
    const cache = freshCache();
    mkdirSync(join(cache, "models"));
    writeFileSync(defaultModelPath(cache), "<html>rate limited</html>");
    const lines: string[] = [];
    const path = await ensureDefaultModel({
      cacheDir: cache,
      url: `${base}/m.gguf`,
      log: (l) => lines.push(l),
    });
    expect(readFileSync(path).equals(model)).toBe(true);
    expect(lines[0]).toMatch(/is not a GGUF file; downloading it again/);
  });

  it("offline: says how to name a server or a model file, and where the cache is", async () => {
    const cache = freshCache();
    // A port nothing listens on: a server opened and closed again.
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const url = `http://127.0.0.1:${port}/m.gguf`;
    const e = await failure(ensureDefaultModel({ cacheDir: cache, url }));
    expect(e.message).toContain(`no default model is cached at ${defaultModelPath(cache)}`);
    expect(e.message).toContain(`cannot download ${url}`);
    expect(e.message).toContain("ECONNREFUSED");
    expect(e.message).toContain("--wm http://localhost:8000/v1#<model>");
    expect(e.message).toContain("--wm local:./model.gguf");
    expect(e.message).toContain("openai:");
    expect(e.message).toContain("anthropic:");
    expect(modelsDir(cache)).toEqual([]);
  });

  it("rejects an HTTP error and a reply that is not a GGUF, keeping nothing", async () => {
    const cache = freshCache();
    handler = (_req, res) => {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("Entry not found");
    };
    const notFound = await failure(ensureDefaultModel({ cacheDir: cache, url: `${base}/m.gguf` }));
    expect(notFound.message).toMatch(/HTTP 404/);

    handler = (_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<html>log in to continue</html>");
    };
    const html = await failure(ensureDefaultModel({ cacheDir: cache, url: `${base}/m.gguf` }));
    expect(html.message).toMatch(/is not a GGUF file/);
    expect(modelsDir(cache)).toEqual([]);
  });

  it("rejects a transfer cut short, keeping nothing", async () => {
    const cache = freshCache();
    handler = (_req, res) => {
      res.writeHead(200, { "content-length": model.length });
      res.write(model.subarray(0, 1000));
      setTimeout(() => res.destroy(), 20);
    };
    const e = await failure(ensureDefaultModel({ cacheDir: cache, url: `${base}/m.gguf` }));
    expect(e.message).toContain(`cannot download ${base}/m.gguf`);
    expect(modelsDir(cache)).toEqual([]);
  });

  it("gives up on a stalled transfer after the idle timeout, keeping nothing", async () => {
    const cache = freshCache();
    handler = (_req, res) => {
      res.writeHead(200, { "content-length": model.length });
      res.write(model.subarray(0, 1000));
      // ... and nothing more.
    };
    const e = await failure(
      ensureDefaultModel({ cacheDir: cache, url: `${base}/m.gguf`, idleTimeoutMs: 200 }),
    );
    expect(e.message).toMatch(/no data for 0.2 s/);
    expect(modelsDir(cache)).toEqual([]);
  });

  it("keeps a good cached model when a later download attempt would fail", async () => {
    handler = serveModel;
    const cache = freshCache();
    const path = await ensureDefaultModel({ cacheDir: cache, url: `${base}/m.gguf` });
    handler = (_req, res) => res.destroy();
    expect(await ensureDefaultModel({ cacheDir: cache, url: `${base}/m.gguf` })).toBe(path);
    expect(readFileSync(path).equals(model)).toBe(true);
  });
});
