/** The MirrorAPI-Bench and solvable-query loaders, on the shared data and on broken copies of it. */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadMirrorApiBench, loadSolvableQueries } from "../../../src/envs/toolbench/data.js";
import { pyRepr } from "../../../src/envs/toolbench/py-literal.js";
import { hasShared, sharedPath } from "../../shared-data.js";

const BENCH = ["toolbench", "mirrorapi-bench"] as const;
const QUERIES = ["toolbench", "stabletoolbench", "solvable_queries"] as const;

describe.skipIf(!hasShared(...BENCH))("loadMirrorApiBench", () => {
  it("loads every complete row with exact system/user texts and the parsed doc and request", () => {
    const items = loadMirrorApiBench(sharedPath(...BENCH));
    expect(items).toHaveLength(300);
    const cut = items.filter((i) => i.truncated);
    expect(cut.map((s) => `${s.split}:${s.index}`)).toEqual(["id_high:79", "id_high:87", "id_high:90"]);
    for (const c of cut) {
      expect(c.prompt).toBe(`<|im_start|>system\n${c.system}<|im_end|>\n<|im_start|>user\n${c.user}`);
      expect(c.request.api_name).toBe("");
    }
    const first = items[0]!;
    expect(first.split).toBe("id_high");
    expect(first.index).toBe(0);
    expect(first.system.startsWith("Imagine you are an API Server operating within a specialized tool")).toBe(
      true,
    );
    expect(first.user.startsWith("API doc:\n{'api_name': '/v1/search/post'")).toBe(true);
    expect(first.request).toEqual({
      category: "Social",
      tool_name: "TokApi - mobile version",
      api_name: "/v1/search/post",
      tool_input: '{"keyword":"sneakers","publish_time":"30","sort_type":"1","count":"10"}',
      strip: "filter",
    });
    expect(first.apiDoc["tool_name"]).toBe("TokApi - mobile version");
    for (const it of items.filter((i) => !i.truncated)) {
      expect(it.prompt).toBe(
        `<|im_start|>system\n${it.system}<|im_end|>\n<|im_start|>user\n${it.user}<|im_end|>\n<|im_start|>assistant\n`,
      );
      // The conversation the reference trains on: [system, user, assistant = label].
      expect(it.user).toBe(
        `API doc:\n${pyRepr(new Map(Object.entries(it.apiDoc)))}\n\nRequest:\n${it.user.split("\n\nRequest:\n")[1]}`,
      );
    }
    expect(new Set(items.map((i) => i.split))).toEqual(new Set(["id_high", "id_medium", "id_low"]));
    expect(items.filter((i) => typeof i.request.tool_input !== "string")).toHaveLength(19);
  });
});

function benchDir(line: string): string {
  const dir = mkdtempSync(join(tmpdir(), "ww-mab-"));
  mkdirSync(join(dir, "id_low"));
  writeFileSync(join(dir, "id_low", "predictions.jsonl"), line + "\n");
  return dir;
}

const prompt = (user: string) =>
  `<|im_start|>system\nSYS<|im_end|>\n<|im_start|>user\n${user}<|im_end|>\n<|im_start|>assistant\n`;

describe("loadMirrorApiBench formats and errors", () => {
  it("reads the HF test_sft alpaca rows and merges predictions by index", () => {
    const dir = mkdtempSync(join(tmpdir(), "ww-mab-"));
    mkdirSync(join(dir, "test_sft"));
    const user =
      "API doc:\n{'api_name': 'x'}\n\nRequest:\n{'category': 'C', 'tool_name': 'T', 'api_name': 'x', 'tool_input': {'a': 1}}";
    writeFileSync(
      join(dir, "test_sft", "ood.json"),
      JSON.stringify([{ system: "S", instruction: user, input: "", output: "L" }]),
    );
    const [only] = loadMirrorApiBench(dir);
    expect(only).toMatchObject({ split: "ood_successful", index: 0, system: "S", user, label: "L" });
    expect(only!.predict).toBeUndefined();
    mkdirSync(join(dir, "ood_successful"));
    writeFileSync(
      join(dir, "ood_successful", "predictions.jsonl"),
      JSON.stringify({ prompt: prompt(user), predict: "P", label: "L" }) + "\n",
    );
    expect(loadMirrorApiBench(dir)[0]).toMatchObject({ predict: "P", prompt: prompt(user) });
    writeFileSync(
      join(dir, "ood_successful", "predictions.jsonl"),
      JSON.stringify({ prompt: prompt(user), predict: "P", label: "other" }) + "\n",
    );
    expect(() => loadMirrorApiBench(dir)).toThrow(/predictions\.jsonl:1: field 'label': differs from/);
  });

  it("names file:line and the field", () => {
    const ok = prompt(
      "API doc:\n{'api_name': 'x'}\n\nRequest:\n{'category': 'C', 'tool_name': 'T', 'api_name': 'x', 'tool_input': '{}'}",
    );
    const good = loadMirrorApiBench(benchDir(JSON.stringify({ prompt: ok, predict: "p", label: "l" })));
    expect(good[0]!.request).toEqual({ category: "C", tool_name: "T", api_name: "x", tool_input: "{}" });
    expect(good[0]!.system).toBe("SYS");

    expect(() => loadMirrorApiBench(benchDir("{"))).toThrow(/predictions\.jsonl:1: not valid JSON/);
    expect(() =>
      loadMirrorApiBench(benchDir(JSON.stringify({ prompt: ok, predict: 1, label: "l" }))),
    ).toThrow(/predictions\.jsonl:1: field predict: /);
    const badReq = prompt(
      "API doc:\n{'api_name': 'x'}\n\nRequest:\n{'category': 3, 'tool_name': 'T', 'api_name': 'x', 'tool_input': '{}'}",
    );
    expect(() =>
      loadMirrorApiBench(benchDir(JSON.stringify({ prompt: badReq, predict: "", label: "" }))),
    ).toThrow(/predictions\.jsonl:1: field 'request\.category': expected a string/);
    const badDoc = prompt("API doc:\n{'api_name': x}\n\nRequest:\n{}");
    expect(() =>
      loadMirrorApiBench(benchDir(JSON.stringify({ prompt: badDoc, predict: "", label: "" }))),
    ).toThrow(/predictions\.jsonl:1: field 'API doc': at offset 13: expected a Python literal/);
    expect(() => loadMirrorApiBench(mkdtempSync(join(tmpdir(), "ww-mab-")))).toThrow(
      "no test_sft/<split>.json or <split>/predictions.jsonl",
    );
  });
});

describe.skipIf(!hasShared(...QUERIES))("loadSolvableQueries", () => {
  it("loads the 765 solvable queries with their per-API docs", () => {
    const qs = loadSolvableQueries(sharedPath(...QUERIES));
    expect(qs).toHaveLength(765);
    const groups = new Map<string, number>();
    for (const q of qs) groups.set(q.group, (groups.get(q.group) ?? 0) + 1);
    expect(Object.fromEntries(groups)).toEqual({
      G1_category: 153,
      G1_instruction: 163,
      G1_tool: 158,
      G2_category: 124,
      G2_instruction: 106,
      G3_instruction: 61,
    });
    const q = qs.find((x) => x.group === "G1_tool" && x.query_id === 394)!;
    expect(q.relevant_apis).toEqual([
      ["Simple YouTube Search", "Search"],
      ["Simple YouTube Search", "Video"],
    ]);
    expect(q.api_list[0]!.required_parameters[0]!.default).toBe("never+gonna+give+you+up");
  });

  it("names the file and field of a bad query", () => {
    const dir = mkdtempSync(join(tmpdir(), "ww-sq-"));
    mkdirSync(join(dir, "test_instruction"));
    writeFileSync(
      join(dir, "test_instruction", "G1_x.json"),
      JSON.stringify([{ query: "q", query_id: "7" }]),
    );
    expect(() => loadSolvableQueries(dir)).toThrow(/G1_x\.json: field 0\.query_id: /);
  });
});
