/** The HTTP client against a local chat-completions server: retries, timeouts, resets, balancing, cache. */
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startChatServer, type ChatServer } from "../../bench/chat-server.js";
import { openModel } from "../../src/llm/index.js";
import { LlmError } from "../../src/llm/types.js";

const servers: ChatServer[] = [];
async function server(...args: Parameters<typeof startChatServer>): Promise<ChatServer> {
  const s = await startChatServer(...args);
  servers.push(s);
  return s;
}
afterEach(async () => {
  while (servers.length) await servers.pop()!.close();
});

const ask = (content = "hi") => ({ messages: [{ role: "user" as const, content }] });
const fast = { backoffMs: 1, timeoutMs: 5000 };

describe("OpenAI-compatible client", () => {
  it("sends the chat-completions request and reads the reply", async () => {
    const s = await server(() => ({ content: "You see a mug.", finishReason: "stop" }));
    const m = await openModel(`${s.url}#test-model`, fast);
    const r = await m.chat({
      ...ask("look"),
      sampling: { temperature: 0, maxTokens: 64, stop: ["\n"], seed: 7 },
    });
    expect(r).toMatchObject({ content: "You see a mug.", finishReason: "stop", cached: false });
    expect(s.calls[0]!.path).toBe("/v1/chat/completions");
    expect(s.calls[0]!.body).toMatchObject({
      model: "test-model",
      messages: [{ role: "user", content: "look" }],
      temperature: 0,
      max_tokens: 64,
      stop: ["\n"],
      seed: 7,
    });
    expect(m.stats()).toEqual({ requests: 1, retries: 0, failures: 0, timeouts: 0, cacheHits: 0 });
  });

  it("retries 5xx and 429 until a reply comes, counting the retries", async () => {
    const s = await server(({ n }) =>
      n === 0
        ? { status: 503, body: "busy" }
        : n === 1
          ? { status: 429, body: "slow down" }
          : { content: "ok" },
    );
    const m = await openModel(`${s.url}#m`, fast);
    expect((await m.chat(ask())).content).toBe("ok");
    expect(s.calls).toHaveLength(3);
    expect(m.stats()).toMatchObject({ requests: 1, retries: 2, failures: 0 });
  });

  it("honours Retry-After over its own backoff", async () => {
    const s = await server(({ n }) =>
      n === 0 ? { status: 429, body: "{}", headers: { "retry-after": "1" } } : { content: "ok" },
    );
    const m = await openModel(`${s.url}#m`, { ...fast, backoffMs: 1 });
    const t0 = Date.now();
    await m.chat(ask());
    // With a 1 ms backoff base, only the header explains a wait of about a second.
    expect(Date.now() - t0).toBeGreaterThanOrEqual(950);
  });

  it("times out a stalled request, retries it, and gives up with a clear error", async () => {
    const s = await server(() => ({ content: "late", delayMs: 400 }));
    const m = await openModel(`${s.url}#m`, { backoffMs: 1, timeoutMs: 100, maxRetries: 1 });
    await expect(m.chat(ask())).rejects.toThrow(/gave up after 2 attempts: .*no reply within 100 ms/);
    expect(m.stats()).toMatchObject({ requests: 1, retries: 1, failures: 1, timeouts: 2 });
  });

  it("retries a connection reset", async () => {
    const s = await server(({ n }) => (n === 0 ? { drop: true } : { content: "after reset" }));
    const m = await openModel(`${s.url}#m`, fast);
    expect((await m.chat(ask())).content).toBe("after reset");
    expect(m.stats()).toMatchObject({ retries: 1, failures: 0 });
  });

  it("does not retry a client error and names the status", async () => {
    const s = await server(() => ({ status: 400, body: '{"error":"context too long"}' }));
    const m = await openModel(`${s.url}#m`, fast);
    const e = await m.chat(ask()).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(LlmError);
    expect((e as LlmError).status).toBe(400);
    expect((e as Error).message).toMatch(/HTTP 400: .*context too long/);
    expect(s.calls).toHaveLength(1);
    expect(m.stats()).toMatchObject({ failures: 1, retries: 0 });
  });

  it.each([
    ["not JSON", "<html>proxy error</html>", /malformed reply \(not JSON\)/],
    ["no choices", '{"object":"chat.completion","choices":[]}', /malformed reply \(choices/],
    [
      "wrong content type",
      '{"choices":[{"message":{"content":42}}]}',
      /malformed reply \(choices\.0\.message\.content/,
    ],
  ])("reports a malformed reply (%s) as an error naming what is wrong", async (_what, body, message) => {
    const s = await server(() => ({ status: 200, body }));
    const m = await openModel(`${s.url}#m`, fast);
    await expect(m.chat(ask())).rejects.toThrow(message);
    expect(m.stats().failures).toBe(1);
  });

  it("keeps at most `concurrency` requests in flight per endpoint", async () => {
    const s = await server(() => ({ content: "x", delayMs: 20 }));
    const m = await openModel(`${s.url}#m`, { ...fast, concurrency: 3 });
    await Promise.all(Array.from({ length: 20 }, () => m.chat(ask())));
    expect(s.calls).toHaveLength(20);
    expect(s.maxInFlight).toBe(3);
  });

  it("load-balances one model over several base URLs", async () => {
    const a = await server(() => ({ content: "a", delayMs: 10 }));
    const b = await server(() => ({ content: "b", delayMs: 10 }));
    const m = await openModel(`${a.url},${b.url}#m`, { ...fast, concurrency: 2 });
    const replies = await Promise.all(Array.from({ length: 40 }, () => m.chat(ask())));
    expect(a.calls.length + b.calls.length).toBe(40);
    expect(a.calls.length).toBeGreaterThanOrEqual(15);
    expect(b.calls.length).toBeGreaterThanOrEqual(15);
    expect(new Set(replies.map((r) => r.content))).toEqual(new Set(["a", "b"]));
  });

  it("answers repeated requests from the on-disk cache, keyed by messages and sampling", async () => {
    const s = await server(({ n }) => ({ content: `reply ${n}` }));
    const dir = mkdtempSync(join(tmpdir(), "ww-cache-"));
    const m = await openModel(`${s.url}#m`, { ...fast, cacheDir: dir });
    const first = await m.chat({ ...ask("a"), sampling: { temperature: 0 } });
    const again = await m.chat({ ...ask("a"), sampling: { temperature: 0 } });
    const other = await m.chat({ ...ask("a"), sampling: { temperature: 1 } });
    expect(again).toEqual({ ...first, cached: true });
    expect(other.content).toBe("reply 1");
    expect(s.calls).toHaveLength(2);
    // A new process (a re-run) reads the same cache: no request at all.
    const rerun = await openModel(`${s.url}#m`, { ...fast, cacheDir: dir });
    expect((await rerun.chat({ ...ask("a"), sampling: { temperature: 0 } })).content).toBe("reply 0");
    expect(rerun.stats()).toMatchObject({ requests: 1, cacheHits: 1 });
    expect(s.calls).toHaveLength(2);
    expect(readdirSync(dir, { recursive: true }).some((f) => String(f).includes("partial"))).toBe(false);
  });

  it("aborts on the caller's signal without retrying", async () => {
    const s = await server(() => ({ content: "x", delayMs: 2000 }));
    const m = await openModel(`${s.url}#m`, fast);
    const ctl = new AbortController();
    setTimeout(() => ctl.abort(), 50);
    await expect(m.chat({ ...ask(), signal: ctl.signal })).rejects.toThrow(/aborted/);
    expect(m.stats()).toMatchObject({ retries: 0, failures: 0 });
  });
});

describe("preflight", () => {
  it("passes for a live server, also one without a model list", async () => {
    const ok = await server(() => ({ content: "" }));
    await (await openModel(`${ok.url}#m`)).preflight();
    const noList = await server(() => ({ content: "" }), { models: 404 });
    await (await openModel(`${noList.url}#m`)).preflight();
  });

  it("reports an unreachable server before a run starts", async () => {
    const s = await server(() => ({ content: "" }));
    const url = s.url;
    await servers.pop()!.close();
    await expect((await openModel(`${url}#m`)).preflight()).rejects.toThrow(
      new RegExp(`cannot reach ${url.replace(/[.]/g, "\\.")} \\(ECONNREFUSED\\)`),
    );
  });

  it("reports a rejected key", async () => {
    const s = await server(() => ({ content: "" }), { models: 401 });
    await expect((await openModel(`${s.url}#m`)).preflight()).rejects.toThrow(
      /rejected the API key \(HTTP 401\)/,
    );
  });

  it("reports a missing key for OpenAI and Anthropic", async () => {
    const saved = { o: process.env.OPENAI_API_KEY, a: process.env.ANTHROPIC_API_KEY };
    delete process.env.OPENAI_API_KEY;
    delete process.env.ANTHROPIC_API_KEY;
    try {
      await expect((await openModel("openai:gpt-4o-mini")).preflight()).rejects.toThrow(
        /OPENAI_API_KEY is not set/,
      );
      await expect((await openModel("anthropic:claude-sonnet-4-5")).preflight()).rejects.toThrow(
        /ANTHROPIC_API_KEY is not set/,
      );
    } finally {
      if (saved.o !== undefined) process.env.OPENAI_API_KEY = saved.o;
      if (saved.a !== undefined) process.env.ANTHROPIC_API_KEY = saved.a;
    }
  });
});

describe("Anthropic messages protocol", () => {
  it("sends system apart with max_tokens and reads text blocks", async () => {
    const { anthropicProtocol } = await import("../../src/llm/anthropic.js");
    const call = anthropicProtocol.chat("https://api.anthropic.com/v1", "claude-x", "k", {
      messages: [
        { role: "system", content: "sys" },
        { role: "user", content: "go north" },
      ],
      sampling: { temperature: 0, stop: ["\n"] },
    });
    expect(call.url).toBe("https://api.anthropic.com/v1/messages");
    expect(call.headers).toMatchObject({ "x-api-key": "k", "anthropic-version": "2023-06-01" });
    expect(call.body).toEqual({
      model: "claude-x",
      max_tokens: 1024,
      system: "sys",
      messages: [{ role: "user", content: "go north" }],
      temperature: 0,
      stop_sequences: ["\n"],
    });
    expect(
      anthropicProtocol.parse({
        content: [
          { type: "text", text: "You are " },
          { type: "text", text: "in a room." },
        ],
        stop_reason: "end_turn",
        usage: { input_tokens: 5, output_tokens: 4 },
      }),
    ).toEqual({
      content: "You are in a room.",
      finishReason: "end_turn",
      usage: { promptTokens: 5, completionTokens: 4 },
    });
    expect(() => anthropicProtocol.parse({ content: "text" })).toThrow(/content/);
  });
});
