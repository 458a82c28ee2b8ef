/**
 * The in-process GGUF backend, with real llama.cpp inference on a tiny random-weight model written
 * by tiny-gguf.ts (CPU only; the output is gibberish, so only its shape is checked).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openLocalModel, type LocalModelOptions } from "../../src/llm/local.js";
import { LlmError, type ChatMessage, type ChatModel } from "../../src/llm/types.js";
import { writeTinyGguf } from "./tiny-gguf.js";

// CPU only, so the test runs the same on any machine (one thread: with a model this small, thread synchronisation costs more than it saves).
const CPU: LocalModelOptions = { gpu: false };
const ONE_THREAD = { threads: 1 };

const messages: ChatMessage[] = [
  { role: "system", content: "You are a text world." },
  { role: "user", content: "look" },
  { role: "assistant", content: "You are in the middle of a room." },
  { role: "user", content: "go to desk 1" },
];

let dir: string;
let modelPath: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "wordworld-local-"));
  modelPath = join(dir, "tiny.gguf");
  await writeTinyGguf(modelPath);
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("openLocalModel", () => {
  let model: ChatModel;

  beforeAll(async () => {
    model = await openLocalModel(`local:${modelPath}`, modelPath, ONE_THREAD, CPU);
    await model.preflight();
  });

  afterAll(async () => {
    await model.close();
  });

  it("answers chat requests with real inference", async () => {
    expect(model.spec).toBe(`local:${modelPath}`);
    for (const seed of [1, 2]) {
      const r = await model.chat({ messages, sampling: { maxTokens: 8, temperature: 0.8, seed } });
      expect(typeof r.content).toBe("string");
      expect(["stop", "length"]).toContain(r.finishReason);
      expect(r.cached).toBe(false);
      expect(r.usage?.promptTokens).toBeGreaterThan(0);
      expect(r.usage?.completionTokens).toBeLessThanOrEqual(9);
    }
    const s = model.stats();
    expect(s.requests).toBe(2);
    expect(s).toMatchObject({ failures: 0, retries: 0, timeouts: 0, cacheHits: 0 });
  });

  it("is deterministic for a seed, stops at maxTokens, and takes stop strings", async () => {
    const sampling = { maxTokens: 6, temperature: 1, seed: 7 };
    const a = await model.chat({ messages, sampling });
    const b = await model.chat({ messages, sampling });
    expect(b.content).toBe(a.content);
    const greedy = await model.chat({ messages, sampling: { maxTokens: 4, temperature: 0, stop: ["\n"] } });
    expect(greedy.content).not.toContain("\n");
    expect(greedy.usage?.completionTokens).toBeLessThanOrEqual(5);
  });

  it("rejects a request whose last message is not a user turn, and counts the failure", async () => {
    const before = model.stats().failures;
    await expect(model.chat({ messages: messages.slice(0, 3) })).rejects.toThrow(/last message/);
    expect(model.stats().failures).toBe(before + 1);
  });

  it("rejects a prompt longer than the context instead of silently cutting turns", async () => {
    const before = model.stats().failures;
    const long: ChatMessage[] = [{ role: "system", content: "room ".repeat(400) }, ...messages.slice(1)];
    await expect(model.chat({ messages: long })).rejects.toThrow(
      /tokens, more than the context of 1024 tokens/,
    );
    expect(model.stats().failures).toBe(before + 1);
  });

  it("generates up to the end of the context and no further", async () => {
    // ~1000 prompt tokens leave a few dozen to generate; without a cap, generation would run into the
    // context's end and (in node-llama-cpp's default) shift the context.
    const long: ChatMessage[] = [{ role: "system", content: "room ".repeat(170) }, ...messages.slice(1)];
    const r = await model.chat({ messages: long, sampling: { temperature: 0 } });
    const prompt = r.usage?.promptTokens ?? NaN;
    const total = prompt + (r.usage?.completionTokens ?? NaN);
    expect(prompt).toBeLessThan(1024);
    // Greedy decoding of this random model never samples the end token within the ~74 left.
    expect(r.finishReason).toBe("length");
    expect(total).toBe(1024);
  });

  it("honours an aborted signal", async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(model.chat({ messages, signal: ac.signal })).rejects.toThrow(/aborted/);
  });
});

describe("concurrency", () => {
  it("serves parallel requests on separate sequences, and queues the ones beyond them", async () => {
    const model = await openLocalModel(
      `local:${modelPath}`,
      modelPath,
      { ...ONE_THREAD, concurrency: 2 },
      CPU,
    );
    try {
      const results = await Promise.all(
        [1, 2, 3].map((seed) => model.chat({ messages, sampling: { maxTokens: 8, temperature: 1, seed } })),
      );
      for (const r of results) {
        expect(typeof r.content).toBe("string");
        expect(r.finishReason).toBeDefined();
      }
      expect(model.stats().requests).toBe(3);
      expect(model.stats().failures).toBe(0);
    } finally {
      await model.close();
    }
  });

  it("keeps one model working after another one in the process is closed", async () => {
    const a = await openLocalModel("local:a", modelPath, ONE_THREAD, CPU);
    const b = await openLocalModel("local:b", modelPath, ONE_THREAD, CPU);
    await a.preflight();
    await b.preflight();
    await a.close();
    const r = await b.chat({ messages, sampling: { maxTokens: 4 } });
    expect(typeof r.content).toBe("string");
    await b.close();
    await expect(a.chat({ messages })).rejects.toThrow(/closed/);
  });
});

describe("timeouts", () => {
  it("aborts a request that runs past timeoutMs and counts a timeout", async () => {
    const model = await openLocalModel(`local:${modelPath}`, modelPath, { ...ONE_THREAD, timeoutMs: 1 }, CPU);
    try {
      await model.preflight();
      // Evaluating a few hundred prompt tokens and up to 256 more takes far longer than 1 ms.
      const long: ChatMessage[] = [...messages, { role: "user", content: "look around. ".repeat(30) }];
      const err = await model.chat({ messages: long, sampling: { maxTokens: 256, temperature: 0 } }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(LlmError);
      expect((err as Error).message).toMatch(/no reply within 1 ms/);
      expect(model.stats()).toMatchObject({ requests: 1, timeouts: 1, failures: 1 });
    } finally {
      await model.close();
    }
  });
});

describe("preflight", () => {
  it("rejects a missing file, naming the path", async () => {
    const missing = join(dir, "no-such-model.gguf");
    const model = await openLocalModel(`local:${missing}`, missing, {});
    const err = await model.preflight().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(LlmError);
    expect((err as Error).message).toContain(missing);
    expect((err as Error).message).toMatch(/does not exist/);
    await expect(model.chat({ messages })).rejects.toThrow(missing);
    expect(model.stats().failures).toBe(1);
    await model.close();
  });

  it("rejects a file that is not a GGUF, naming the path", async () => {
    const notGguf = join(dir, "model.gguf.txt");
    writeFileSync(notGguf, "<html>not a model</html>");
    const model = await openLocalModel(`local:${notGguf}`, notGguf, {});
    await expect(model.preflight()).rejects.toThrow(LlmError);
    await expect(model.preflight()).rejects.toThrow(`${notGguf} is not a GGUF file`);
    await model.close();
  });

  it("rejects a GGUF that llama.cpp cannot load, naming the path", async () => {
    const broken = join(dir, "broken.gguf");
    writeFileSync(broken, Buffer.concat([Buffer.from("GGUF"), Buffer.alloc(60, 0xff)]));
    const model = await openLocalModel(`local:${broken}`, broken, ONE_THREAD, CPU);
    await expect(model.preflight()).rejects.toThrow(`failed to load ${broken}`);
    await model.close();
  });
});
