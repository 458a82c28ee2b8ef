/** The response cache: keys, real vs simulated, the crash-safe overlay, and the bench as real records. */
import { appendFileSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadMirrorApiBench } from "../../../src/envs/toolbench/data.js";
import { parseJson, parsePyLiteral, pyToJson, type PyValue } from "../../../src/envs/toolbench/py-literal.js";
import {
  addRealRecords,
  parseLabel,
  parseToolInput,
  ResponseCache,
} from "../../../src/envs/toolbench/response-cache.js";
import { hasShared, sharedPath } from "../../shared-data.js";

const call = (tool_input: PyValue, api_name = "Endpoints") => ({
  category: "Health_and_Fitness",
  tool_name: "Flexpa",
  api_name,
  tool_input,
});
const reply = (response: string) =>
  new Map<PyValue, PyValue>([
    ["error", ""],
    ["response", response],
  ]);
const tmp = () => mkdtempSync(join(tmpdir(), "ww-rc-"));

describe("keys", () => {
  it("reads tool_input as upstream does", () => {
    expect(parseToolInput("")).toEqual(new Map());
    expect(parseToolInput('{"a": 1}')).toEqual(new Map([["a", 1n]]));
    expect(parseToolInput("null")).toBe(null);
    expect(parseToolInput('{"a": 1}, {"a": 2}')).toBeUndefined();
    expect(parseToolInput(new Map([["a", "x"]]))).toEqual(new Map([["a", "x"]]));
  });

  it("meets a JSON string and a dict with the same content, across name spellings", () => {
    const a = ResponseCache.keyOf(call('{"b": "x", "a": 1}'));
    expect(a).toBeDefined();
    expect(ResponseCache.keyOf(call(parsePyLiteral("{'a': 1, 'b': 'x'}")))).toBe(a);
    expect(ResponseCache.keyOf(call('{"a":1.0,"b":"x"}'))).toBe(a);
    expect(
      ResponseCache.keyOf({
        category: "Health and Fitness",
        tool_name: "flexpa",
        api_name: "endpoints_for_flexpa",
        tool_input: '{"a": 1, "b": "x"}',
      }),
    ).toBe(a);
    expect(
      ResponseCache.keyOf({ ...call('{"a": 1, "b": "x"}'), tool_name: "flexpa_for_Health_and_Fitness" }),
    ).toBe(a);
    // Upstream cuts "_for_<tool_name as sent>", so a capitalised tool name leaves the suffix on.
    expect(ResponseCache.keyOf({ ...call('{"a": 1, "b": "x"}'), api_name: "endpoints_for_Flexpa" })).not.toBe(
      a,
    );
    expect(ResponseCache.keyOf(call('{"a": 2, "b": "x"}'))).not.toBe(a);
    expect(ResponseCache.keyOf(call(""))).toBe(ResponseCache.keyOf(call("{}")));
    expect(ResponseCache.keyOf(call("not json"))).toBeUndefined();
  });
});

describe("real and simulated entries", () => {
  it("keeps the first real record, tags every hit and counts hits and misses", () => {
    const c = new ResponseCache();
    expect(c.addReal(call("{}"), reply("r1"))).toBe(true);
    expect(c.addReal(call("{}"), reply("r2"))).toBe(false);
    expect(c.lookup(call(""))).toEqual({
      source: "real",
      value: reply("r1"),
      json: '{"error":"","response":"r1"}',
    });
    expect(c.lookup(call('{"x": 1}'))).toBeUndefined();
    expect(c.stats()).toEqual({
      realEntries: 1,
      recordedEntries: 0,
      simulatedEntries: 0,
      hitsReal: 1,
      hitsRecorded: 0,
      hitsSimulated: 0,
      misses: 1,
    });
  });

  it("keeps StableToolBench's cache entries apart as 'recorded', behind real ones", () => {
    const c = new ResponseCache();
    expect(c.addReal(call("{}"), reply("stb"), "recorded")).toBe(true);
    expect(c.addReal(call("{}"), reply("real"))).toBe(false);
    expect(c.lookup(call("{}"))).toMatchObject({ source: "recorded", value: reply("stb") });
    expect(c.stats()).toMatchObject({ realEntries: 0, recordedEntries: 1, hitsRecorded: 1 });
  });

  it("stores simulated replies in the overlay, survives a restart, never overwrites real ones", () => {
    const path = join(tmp(), "overlay.jsonl");
    const c = new ResponseCache(path);
    c.addReal(call("{}"), reply("real"));
    expect(c.putSimulated(call(""), reply("sim")).source).toBe("real"); // real wins, nothing written
    const big = parseJson('{"id": 123456789012345678901234567890, "f": 1.0}');
    expect(c.putSimulated(call('{"q": 1}'), big)).toMatchObject({ source: "simulated" });
    expect(c.putSimulated(call('{"q": 1}'), reply("later")).value).toBe(big); // first simulated wins
    expect(readFileSync(path, "utf8").trim().split("\n")).toHaveLength(1);

    const again = new ResponseCache(path);
    const hit = again.lookup(call('{"q":1}'))!;
    expect(hit.source).toBe("simulated");
    expect(hit.json).toBe('{"id":123456789012345678901234567890,"f":1.0}');
    expect(again.lookup(call('{"q":1}'), { includeSimulated: false })).toBeUndefined();
    // A real record for the same key shadows the simulated one.
    again.addReal(call('{"q": 1}'), reply("real q"));
    expect(again.lookup(call('{"q":1}'))!.source).toBe("real");
  });

  it("repairs an overlay whose last line a crash cut, and keeps appending", () => {
    const path = join(tmp(), "overlay.jsonl");
    const c = new ResponseCache(path, () => {});
    c.putSimulated(call('{"n": 1}'), reply("one"));
    appendFileSync(path, '{"v":1,"file":"x","ar');
    const warnings: string[] = [];
    const c2 = new ResponseCache(path, (m) => warnings.push(m));
    expect(warnings.join()).toMatch(/truncated last line/);
    expect(c2.stats().simulatedEntries).toBe(1);
    c2.putSimulated(call('{"n": 2}'), reply("two"));
    const c3 = new ResponseCache(path, () => {});
    expect(c3.lookup(call('{"n": 2}'))!.json).toBe('{"error":"","response":"two"}');
    expect(c3.stats().simulatedEntries).toBe(2);
  });

  it("gives upstream's few-shot text: str() of (args, reply) tuples, at most 5, cut to 2048", () => {
    const c = new ResponseCache();
    c.addReal(call('{"q": "x"}'), reply("r"));
    // Python: str([("{'q': 'x'}", {'error': '', 'response': 'r'})])
    expect(c.examplesText(call(""))).toBe(`[("{'q': 'x'}", {'error': '', 'response': 'r'})]`);
    for (let i = 0; i < 10; i++) c.addReal(call(`{"i": ${i}}`), reply("y".repeat(600)));
    const text = c.examplesText(call(""));
    // The small one and three of ~640 chars fit in 2048; a fourth big one would not.
    expect(text.length).toBeLessThanOrEqual(2048);
    expect(text.startsWith(`[("{'q': 'x'}", `)).toBe(true);
    expect(text.split("'error'").length - 1).toBe(4);
    c.addReal(call("{}", "Other"), reply("z".repeat(5000)));
    expect([...c.examplesText(call("", "Other"))].length).toBe(2048);
    expect(c.examplesText(call("", "Nothing"))).toBe("[]");
  });
});

const BENCH = ["toolbench", "mirrorapi-bench"] as const;

describe.skipIf(!hasShared(...BENCH))("the bench as real records", () => {
  it("answers every recorded request with its label, exactly", () => {
    const items = loadMirrorApiBench(sharedPath(...BENCH));
    const c = new ResponseCache();
    const r = addRealRecords(c, items);
    expect(r).toEqual({ added: 267, duplicates: 0, badLabels: 6, unparsableInputs: 24, truncated: 3 });
    let checked = 0;
    for (const it of items) {
      const label = it.truncated ? undefined : parseLabel(it.label);
      if (!label || parseToolInput(it.request.tool_input) === undefined) continue;
      const hit = c.lookup(it.request)!;
      expect(hit.source).toBe("real");
      expect(hit.json).toBe(pyToJson(label));
      expect(JSON.parse(hit.json)).toEqual(JSON.parse(it.label));
      checked++;
    }
    expect(checked).toBe(267);
  });
});
