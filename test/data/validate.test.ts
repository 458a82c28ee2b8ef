import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { mergeDatasetInfo } from "../../src/data/export.js";
import { OpenAiExampleSchema, ShareGptExampleSchema, validateExport } from "../../src/data/validate.js";
import { tempDir } from "./fixtures.js";

const turn = (from: string, value = "x") => ({ from, value });
const msg = (role: string, content = "x") => ({ role, content });

describe("sharegpt schema", () => {
  it("accepts human/gpt alternation starting with human and ending with gpt", () => {
    expect(
      ShareGptExampleSchema.safeParse({ conversations: [turn("human"), turn("gpt")], system: "s" }).success,
    ).toBe(true);
    expect(
      ShareGptExampleSchema.safeParse({ conversations: [turn("human", ""), turn("gpt", "")] }).success,
    ).toBe(true);
  });

  it("rejects empty conversations, wrong order, a human ending, other roles and non-strings", () => {
    const bad = [
      { conversations: [] },
      { conversations: [turn("gpt"), turn("human")] },
      { conversations: [turn("human"), turn("human"), turn("gpt")] },
      { conversations: [turn("human"), turn("gpt"), turn("human")] },
      { conversations: [turn("user"), turn("assistant")] },
      { conversations: [{ from: "human", value: 3 }, turn("gpt")] },
      { conversations: [turn("human"), turn("gpt")], system: 1 },
      {},
    ];
    for (const b of bad) expect(ShareGptExampleSchema.safeParse(b).success, JSON.stringify(b)).toBe(false);
  });
});

describe("OpenAI chat schema", () => {
  it("accepts an optional first system message, then user/assistant ending with assistant", () => {
    expect(
      OpenAiExampleSchema.safeParse({ messages: [msg("system"), msg("user"), msg("assistant")] }).success,
    ).toBe(true);
    expect(
      OpenAiExampleSchema.safeParse({
        messages: [msg("user"), msg("assistant"), msg("user"), msg("assistant")],
      }).success,
    ).toBe(true);
  });

  it("rejects empty, system-only, misplaced system, wrong order and a user ending", () => {
    const bad = [
      { messages: [] },
      { messages: [msg("system")] },
      { messages: [msg("user"), msg("system"), msg("assistant")] },
      { messages: [msg("system"), msg("system"), msg("user"), msg("assistant")] },
      { messages: [msg("assistant"), msg("user")] },
      { messages: [msg("user"), msg("assistant"), msg("user")] },
      { messages: [msg("tool"), msg("assistant")] },
    ];
    for (const b of bad) expect(OpenAiExampleSchema.safeParse(b).success, JSON.stringify(b)).toBe(false);
  });
});

describe("validateExport", () => {
  it("names the file, example and field of a broken sharegpt export", () => {
    const out = tempDir();
    const file = join(out, "d.json");
    const good = { conversations: [turn("human"), turn("gpt")], system: "" };
    mergeDatasetInfo(out, "d");
    writeFileSync(file, JSON.stringify([good, good]));
    expect(validateExport(out, "d", "llamafactory").examples).toBe(2);
    writeFileSync(file, JSON.stringify([good, { conversations: [turn("human"), turn("human")] }]));
    expect(() => validateExport(out, "d", "llamafactory")).toThrow(
      `${file}: example 1: conversations[1].from: is 'human', expected 'gpt'`,
    );
    writeFileSync(file, JSON.stringify([good, { conversations: [] }]));
    expect(() => validateExport(out, "d", "llamafactory")).toThrow(
      `${file}: example 1: conversations: conversations is empty`,
    );
    writeFileSync(file, "[]");
    expect(() => validateExport(out, "d", "llamafactory")).toThrow(`${file}: no examples`);
    writeFileSync(file, "");
    expect(() => validateExport(out, "d", "llamafactory")).toThrow(`${file}: not valid JSON`);
    writeFileSync(file, JSON.stringify({ conversations: [] }));
    expect(() => validateExport(out, "d", "llamafactory")).toThrow("expected a JSON array");
  });

  it("requires the matching dataset_info.json entry", () => {
    const out = tempDir();
    writeFileSync(join(out, "d.json"), JSON.stringify([{ conversations: [turn("human"), turn("gpt")] }]));
    expect(() => validateExport(out, "d", "llamafactory")).toThrow(
      `${join(out, "dataset_info.json")}: no such file`,
    );
    writeFileSync(join(out, "dataset_info.json"), JSON.stringify({ other: {} }));
    expect(() => validateExport(out, "d", "llamafactory")).toThrow("no entry 'd'");
    writeFileSync(
      join(out, "dataset_info.json"),
      JSON.stringify({
        d: { file_name: "d.json", formatting: "sharegpt", columns: { messages: "messages" } },
      }),
    );
    expect(() => validateExport(out, "d", "llamafactory")).toThrow("entry 'd': columns.messages");
    mergeDatasetInfo(out, "d");
    expect(validateExport(out, "d", "llamafactory").examples).toBe(1);
  });

  it("names the file and line of a broken OpenAI JSONL export", () => {
    const out = tempDir();
    const file = join(out, "d.jsonl");
    const good = JSON.stringify({ messages: [msg("system"), msg("user"), msg("assistant")] });
    writeFileSync(file, `${good}\n${good}\n`);
    expect(validateExport(out, "d", "openai")).toEqual({ file, examples: 2 });
    writeFileSync(file, `${good}\n${JSON.stringify({ messages: [msg("user"), msg("user")] })}\n`);
    expect(() => validateExport(out, "d", "openai")).toThrow(
      `${file}:2: messages[1].role: is 'user', expected 'assistant'`,
    );
    writeFileSync(file, `${good}\n{"messages": [\n`);
    expect(() => validateExport(out, "d", "openai")).toThrow(`${file}:2: not valid JSON`);
    writeFileSync(file, `${good}\n${good}`);
    expect(() => validateExport(out, "d", "openai")).toThrow("not terminated");
    writeFileSync(file, "");
    expect(() => validateExport(out, "d", "openai")).toThrow(`${file}: no examples`);
    writeFileSync(file, `${good}\n\n`);
    expect(() => validateExport(out, "d", "openai")).toThrow(`${file}:2: not valid JSON`);
  });
});
