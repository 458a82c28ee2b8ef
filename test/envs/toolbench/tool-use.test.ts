/**
 * The multi-turn tool-use environment on StableToolBench's solvable queries: the agent's first
 * observation as ToolBench builds it, stepping as `rapidapi_wrapper.step` does (Finish replies, the
 * `endswith` function match, "No such function name", json.dumps and the 1,024-character cut), and the
 * scripted expert over all 765 queries.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { getEnv } from "../../../src/envs/registry.js";
import { loadSolvableQueries, type SolvableQuery } from "../../../src/envs/toolbench/data.js";
import { pyJsonDumps, parseJson, type PyValue } from "../../../src/envs/toolbench/py-literal.js";
import { ResponseCache } from "../../../src/envs/toolbench/response-cache.js";
import { firstObservation } from "../../../src/envs/toolbench/tool-use.js";
import { ToolUseSession, splitToolAction } from "../../../src/envs/toolbench/tool-use-session.js";
import { VirtualApi } from "../../../src/envs/toolbench/virtual-server.js";
import { collect } from "../../../src/pipeline/collect.js";
import { readTrajectories } from "../../../src/data/trajectory-store.js";
import { hasShared, sharedPath } from "../../shared-data.js";

const present = hasShared("toolbench", "stabletoolbench", "solvable_queries", "test_instruction");
const env = getEnv("toolbench-agent");

describe("splitToolAction", () => {
  it("reads the name and the input of ToolBench's ReAct action", () => {
    expect(splitToolAction('get_weather_for_x\nAction Input: {"q": 1}')).toEqual({
      name: "get_weather_for_x",
      input: '{"q": 1}',
    });
    expect(splitToolAction('Finish\nAction Input: {"return_type": "give_answer"}\nEnd Action')).toEqual({
      name: "Finish",
      input: '{"return_type": "give_answer"}',
    });
    expect(splitToolAction("  lonely_name ")).toEqual({ name: "lonely_name", input: "" });
  });
});

describe.skipIf(!present)("toolbench-agent", () => {
  let queries: SolvableQuery[];
  let root: string;

  beforeAll(async () => {
    queries = loadSolvableQueries(sharedPath("toolbench", "stabletoolbench", "solvable_queries"));
    root = mkdtempSync(join(tmpdir(), "ww-tool-use-"));
    await env.pull(root, sharedPath("toolbench"), () => {});
  });

  it("numbers the 765 queries by group", () => {
    expect(env.itemIds(root, "test")).toHaveLength(765);
    expect(env.itemIds(root, "G3_instruction")).toHaveLength(61);
    expect(() => env.itemIds(root, "G4")).toThrow(/unknown toolbench-agent split 'G4'/);
    expect(() => env.openItem(root, 765, {})).toThrow(/no toolbench-agent item 765/);
  });

  it("shows the agent ToolBench's system prompt, the functions and the query", () => {
    const q = queries[0]!;
    const { text, functions } = firstObservation(q);
    expect(
      text.startsWith("You are AutoGPT, you can use many tools(functions) to do the following task.\n"),
    ).toBe(true);
    expect(text).toContain(
      "Task description: You should use functions to help handle the real time user querys.",
    );
    expect(text.endsWith(`\n${q.query}\nBegin!\n`)).toBe(true);
    const specs = text
      .slice(text.indexOf("Functions:\n") + "Functions:\n".length, text.lastIndexOf(`\n\n${q.query}`))
      .split("\n")
      .map((l) => JSON.parse(l) as { function: { name: string; parameters: { required: string[] } } });
    expect(specs.map((s) => s.function.name)).toEqual([...functions.map((f) => f.name), "Finish"]);
    for (const s of specs.slice(0, -1)) {
      expect(s.function.name.length).toBeLessThanOrEqual(64);
      expect(s.function.parameters.required[0]).toBe(""); // upstream's list starts with an empty name
    }
    // One "N.<tool>: …" line per distinct tool.
    const tools = new Set(q.api_list.map((a) => a.tool_name));
    expect(text.match(/^\d+\.[^:\n]+: None$/gm)).toHaveLength(tools.size);
  });

  /** A session on query 0 whose first function has one recorded response of `body`. */
  function sessionWith(body: PyValue): { session: ToolUseSession; fn: string; input: string } {
    const q = queries[0]!;
    const { text, functions } = firstObservation(q);
    const fn = functions[0]!;
    const cache = new ResponseCache();
    const input = '{"a": 1}';
    cache.addReal({ category: fn.category, tool_name: fn.tool, api_name: fn.api, tool_input: input }, body);
    const session = new ToolUseSession({ firstObservation: text, functions }, new VirtualApi({ cache }));
    session.reset();
    return { session, fn: fn.name, input };
  }

  it("answers a call with the recorded reply as json.dumps prints it, cut at 1,024 characters", () => {
    const short = new Map<PyValue, PyValue>([
      ["error", ""],
      ["response", "caf\u00e9 ok"],
    ]);
    const a = sessionWith(short);
    const r = a.session.step(`${a.fn}\nAction Input: ${a.input}`);
    expect(r.observation).toBe('{"error": "", "response": "caf\\u00e9 ok"}');
    expect(r.info).toMatchObject({ code: 0, source: "real" });
    expect(r.done).toBe(false);

    const long = new Map<PyValue, PyValue>([
      ["error", ""],
      ["response", "x".repeat(2000)],
    ]);
    const b = sessionWith(long);
    const o = b.session.step(`${b.fn}\nAction Input: ${b.input}`).observation;
    expect(o).toBe(pyJsonDumps(long).slice(0, 1024) + "...");
  });

  it("matches function names by suffix as upstream does, and reports unknown ones", () => {
    const a = sessionWith(
      new Map<PyValue, PyValue>([
        ["error", ""],
        ["response", "hit"],
      ]),
    );
    // The last characters of the name select the function; an empty name selects the first function.
    expect(a.session.step(`${a.fn.slice(-8)}\nAction Input: ${a.input}`).observation).toContain('"hit"');
    expect(a.session.step(`\nAction Input: ${a.input}`).observation).toContain('"hit"');
    const r = a.session.step("no_such_function\nAction Input: {}");
    expect(r.observation).toBe('{"error": "No such function name: no_such_function", "response": ""}');
    expect(r.info.code).toBe(1);
    const miss = a.session.step(`${a.fn}\nAction Input: {"a": 2}`);
    expect(parseJson(miss.observation)).toBeInstanceOf(Map);
    expect(miss.observation).toContain("Cache miss: no recorded response for");
  });

  it("answers Finish with upstream's replies, parsing its input leniently", () => {
    const cases: [string, string, boolean, boolean][] = [
      ["{}", '{error:"must have "return_type""}', false, false],
      ['{"return_type": "give_answer"}', '{error:"must have "final_answer""}', false, false],
      ['{"return_type": "maybe"}', '{error:""return_type" is not a valid choice"}', false, false],
      ['{"return_type": "give_up_and_restart"}', '{"response":"chose to give up and restart"}', true, false],
      [
        '{"return_type": "give_answer", "final_answer": "42"}',
        '{"response":"successfully giving the final answer."}',
        true,
        true,
      ],
      // Not JSON (a raw newline in the string), so the substrings decide, as upstream's fallback does.
      [
        '{"return_type": "give_answer", "final_answer": "4\n2',
        '{"response":"successfully giving the final answer."}',
        true,
        true,
      ],
    ];
    for (const [input, observation, done, success] of cases) {
      const { session } = sessionWith(new Map());
      const r = session.step(`Finish\nAction Input: ${input}`);
      expect(r, input).toMatchObject({ observation, done, success, reward: success ? 1 : 0 });
    }
  });

  it("ends after 12 actions, ToolBench's single-chain limit", () => {
    const { session } = sessionWith(new Map());
    for (let i = 1; i < 12; i++) expect(session.step("nothing").done).toBe(false);
    expect(session.step("nothing").done).toBe(true);
    expect(() => session.step("nothing")).toThrow(/episode has ended/);
  });

  it("answers from StableToolBench's released cache, imported in its own layout, as 'recorded'", async () => {
    // tool_response_cache/<Category>/<standardized tool>_for_<Category>/<standardized api>.json, keyed by
    // Python's str() of the arguments the agent sent (its parameter names standardized).
    const src = mkdtempSync(join(tmpdir(), "ww-stb-cache-"));
    const dir = join(src, "tool_response_cache", "Logistics", "suivi_colis_for_Logistics");
    mkdirSync(dir, { recursive: true });
    const reply = { error: "", response: "{'status': 'delivered', 'country': 'SI'}" };
    writeFileSync(join(dir, "latest.json"), JSON.stringify({ "{'colisid': 'CA107308006SI'}": reply }));
    writeFileSync(join(dir, "all.json"), "not json");
    expect(await env.pull(root, src, () => {})).toMatch(/toolbench:/);
    const opened = env.openItem(root, 0, {});
    expect(opened.label).toBe("G1_category query 28");
    opened.session.reset();
    const expert = opened.experts["example-calls"]!();
    const action = expert.act();
    expect(action).toBe('latest_for_suivi_colis\nAction Input: {"colisid": "CA107308006SI"}');
    const r = opened.session.step(action);
    expect(r.info).toMatchObject({ code: 0, source: "recorded" });
    expect(r.observation).toBe(`{"error": "", "response": "${reply.response}"}`);
  });

  it("the scripted expert calls every relevant API once and answers, on all 765 queries", async () => {
    const out = join(root, "collect");
    await collect({ env, root, split: "test", agent: "expert", out, concurrency: 8, quiet: true });
    const ts = readTrajectories(out).sort((a, b) => a.item - b.item);
    expect(ts).toHaveLength(765);
    for (const t of ts) {
      const q = queries[t.item]!;
      const relevant = q.relevant_apis.filter(([tool, api]) =>
        q.api_list.some((a) => a.tool_name === tool && a.api_name === api),
      ).length;
      expect(t.steps.length).toBe(Math.min(relevant + 1, 12));
      if (relevant + 1 <= 12) expect(t.success).toBe(true);
    }
  });
});
