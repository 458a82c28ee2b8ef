import { describe, expect, it } from "vitest";
import { cacheIdentity, ModelSpecError, parseModelSpec } from "../../src/llm/spec.js";

describe("model strings (design.md)", () => {
  it("names OpenAI, Anthropic, self-hosted servers and local files", () => {
    expect(parseModelSpec("openai:gpt-4o-mini")).toMatchObject({
      kind: "openai",
      model: "gpt-4o-mini",
      baseUrls: ["https://api.openai.com/v1"],
      apiKeyEnv: "OPENAI_API_KEY",
      keyRequired: true,
    });
    expect(parseModelSpec("anthropic:claude-sonnet-4-5")).toMatchObject({
      kind: "anthropic",
      model: "claude-sonnet-4-5",
      apiKeyEnv: "ANTHROPIC_API_KEY",
    });
    expect(parseModelSpec("http://localhost:8000/v1#Qwen2.5-7B")).toMatchObject({
      kind: "openai",
      model: "Qwen2.5-7B",
      baseUrls: ["http://localhost:8000/v1"],
      keyRequired: false,
    });
    expect(parseModelSpec("local:./model.gguf")).toEqual({ kind: "local", path: "./model.gguf" });
  });

  it("takes a comma list of replicas for one model (load-balanced), trailing slashes dropped", () => {
    const s = parseModelSpec("http://a:8000/v1/,http://b:8000/v1#m");
    expect(s).toMatchObject({ baseUrls: ["http://a:8000/v1", "http://b:8000/v1"], model: "m" });
    // The cache identity is the model, not the replicas serving it.
    expect(cacheIdentity(s)).toBe(cacheIdentity(parseModelSpec("http://c:9000/v1#m")));
  });

  it.each([
    ["", /empty model string/],
    ["gpt-4o", /unknown form/],
    ["openai:", /no model name/],
    ["http://localhost:8000/v1", /no '#<model>'/],
    ["http://localhost:8000/v1#", /empty model name/],
    ["http://a/v1,,http://b/v1#m", /empty base URL/],
    ["http://a/v1,http://a/v1#m", /listed twice/],
    ["http://a/v1?x=1#m", /query or fragment/],
    ["./model.gguf", /local:\.\/model\.gguf/],
  ])("rejects %j with a message saying what is wrong", (spec, message) => {
    expect(() => parseModelSpec(spec)).toThrow(ModelSpecError);
    expect(() => parseModelSpec(spec)).toThrow(message);
  });
});
