import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { exportDataset, formatExportReport, gamesInRuns, type ExportOptions } from "../../src/data/export.js";
import { appendTrajectory, TRAJECTORIES_FILE } from "../../src/data/trajectory-store.js";
import { validateExport } from "../../src/data/validate.js";
import { wmSystemPrompt } from "../../src/data/wm-conversation.js";
import { alfworld } from "../../src/envs/alfworld/index.js";
import { ALFWORLD_REACT_PREAMBLE } from "../../src/envs/alfworld/prompts.js";
import type { ChatMessage } from "../../src/llm/types.js";
import { SUCCESS_MARKER, type Trajectory } from "../../src/protocol/trajectory.js";
import { alfworldData } from "../alfworld-data.js";
import {
  ALFWORLD_FIRST,
  ALFWORLD_INITIAL,
  alfworldLike,
  realAlfworldTrajectory,
  sciworldLike,
  tempDir,
} from "./fixtures.js";

const root = alfworldData();

function run(ts: Trajectory[]): string {
  const dir = tempDir("wordworld-run-");
  for (const t of ts) appendTrajectory(dir, t);
  return dir;
}

interface ShareGpt {
  conversations: { from: string; value: string }[];
  system: string;
}
const readShareGpt = (out: string, name: string) =>
  JSON.parse(readFileSync(join(out, `${name}.json`), "utf8")) as ShareGpt[];
const readOpenAi = (out: string, name: string) =>
  readFileSync(join(out, `${name}.jsonl`), "utf8")
    .trimEnd()
    .split("\n")
    .map((l) => JSON.parse(l) as { messages: ChatMessage[] });

const SCI_PREAMBLE: ChatMessage[] = [
  { role: "user", content: "You are an agent in ScienceWorld. Reply with Thought: … and Action: …" },
  { role: "assistant", content: "OK. I'll follow your instructions and try my best to solve the task." },
];
const preambles = (env: string) => (env === "sciworld" ? SCI_PREAMBLE : ALFWORLD_REACT_PREAMBLE);

describe("exportDataset — LLaMA-Factory", () => {
  it("writes sharegpt examples with the system column, dataset_info.json and a training YAML", () => {
    const runDir = run([alfworldLike({ item: 1 }), alfworldLike({ item: 2, success: false })]);
    const out = tempDir();
    const report = exportDataset({ kind: "wm", runs: [runDir], out, format: "llamafactory", name: "alf_wm" });
    expect(report.written).toBe(2);
    expect(report.files).toEqual([
      join(out, "alf_wm.json"),
      join(out, "dataset_info.json"),
      join(out, "train_alf_wm.yaml"),
    ]);
    const data = readShareGpt(out, "alf_wm");
    expect(data).toHaveLength(2);
    expect(Object.keys(data[0]!).sort()).toEqual(["conversations", "system"]);
    expect(data[0]!.system).toBe(wmSystemPrompt(ALFWORLD_INITIAL, ALFWORLD_FIRST));
    expect(data[0]!.conversations[0]).toEqual({ from: "human", value: "go to countertop 1" });
    data[0]!.conversations.forEach((c, i) => expect(c.from).toBe(i % 2 ? "gpt" : "human"));
    expect(data[0]!.conversations.at(-1)!.value.endsWith(SUCCESS_MARKER)).toBe(true);
    expect(data[1]!.conversations.some((c) => c.value.includes("[SUCCESS]"))).toBe(false);
    expect(validateExport(out, "alf_wm", "llamafactory")).toEqual({
      file: join(out, "alf_wm.json"),
      examples: 2,
    });

    const info = JSON.parse(readFileSync(join(out, "dataset_info.json"), "utf8"));
    expect(info).toEqual({
      alf_wm: {
        file_name: "alf_wm.json",
        formatting: "sharegpt",
        columns: { messages: "conversations", system: "system" },
        tags: { role_tag: "from", content_tag: "value", user_tag: "human", assistant_tag: "gpt" },
      },
    });
  });

  it("merges into an existing dataset_info.json instead of clobbering it", () => {
    const out = tempDir();
    const other = { file_name: "identity.json", formatting: "alpaca" };
    writeFileSync(
      join(out, "dataset_info.json"),
      JSON.stringify({ identity: other, mine: { file_name: "stale.json" } }),
    );
    const runDir = run([alfworldLike()]);
    exportDataset({ kind: "wm", runs: [runDir], out, format: "llamafactory", name: "mine" });
    exportDataset({ kind: "agent", runs: [runDir], out, format: "llamafactory", name: "mine_agent" });
    const info = JSON.parse(readFileSync(join(out, "dataset_info.json"), "utf8"));
    expect(Object.keys(info)).toEqual(["identity", "mine", "mine_agent"]);
    expect(info.identity).toEqual(other);
    expect(info.mine.file_name).toBe("mine.json");
    expect(info.mine_agent.file_name).toBe("mine_agent.json");
    validateExport(out, "mine", "llamafactory");
    validateExport(out, "mine_agent", "llamafactory");
    writeFileSync(join(out, "dataset_info.json"), "{ not json");
    expect(() =>
      exportDataset({ kind: "wm", runs: [runDir], out, format: "llamafactory", name: "mine" }),
    ).toThrow(`${join(out, "dataset_info.json")}: not valid JSON`);
  });

  it("writes the paper's hyper-parameters into the training YAML", () => {
    const out = tempDir();
    exportDataset({ kind: "wm", runs: [run([alfworldLike()])], out, format: "llamafactory", name: "alf_wm" });
    const yaml = readFileSync(join(out, "train_alf_wm.yaml"), "utf8");
    const value = (key: string) => new RegExp(`^${key}: (\\S+)`, "m").exec(yaml)?.[1];
    expect(value("stage")).toBe("sft");
    expect(value("do_train")).toBe("true");
    expect(value("finetuning_type")).toBe("full");
    expect(value("learning_rate")).toBe("1.0e-5");
    expect(Number(value("num_train_epochs"))).toBe(5);
    expect(value("lr_scheduler_type")).toBe("constant_with_warmup");
    expect(value("warmup_steps")).toBe("10");
    expect(value("bf16")).toBe("true");
    expect(value("cutoff_len")).toBe("12288");
    expect(Number(value("max_grad_norm"))).toBe(100);
    expect(value("per_device_train_batch_size")).toBe("1");
    expect(value("gradient_accumulation_steps")).toBe("32");
    expect(
      Number(value("per_device_train_batch_size")) * Number(value("gradient_accumulation_steps")) * 4,
    ).toBe(128);
    expect(yaml).toMatch(/4 GPUs/);
    expect(value("dataset")).toBe("alf_wm");
    expect(JSON.parse(value("dataset_dir")!)).toBe(resolve(out));
    expect(value("template")).toBe("qwen");
    expect(value("model_name_or_path")).toBe("Qwen/Qwen2.5-7B");
    expect(value("output_dir")).toBeDefined();
    expect(yaml).toMatch(/^deepspeed: .*# /m);
    // Every line is a comment, blank, or a flat "key: value".
    for (const line of yaml.split("\n")) expect(line).toMatch(/^(#.*|### .*|[a-z0-9_]+: \S.*|)$/);
  });

  it("exports agent conversations with the environment's preamble (the registry's by default)", () => {
    const out = tempDir();
    const runDir = run([alfworldLike()]);
    exportDataset({ kind: "agent", runs: [runDir], out, format: "llamafactory", name: "agent" });
    const [ex] = readShareGpt(out, "agent");
    expect(ex!.system).toBe("");
    expect(ex!.conversations.slice(0, 3).map((c) => c.value)).toEqual([
      ALFWORLD_REACT_PREAMBLE[0]!.content,
      ALFWORLD_REACT_PREAMBLE[1]!.content,
      ALFWORLD_FIRST,
    ]);
    expect(ex!.conversations.at(-1)).toEqual({ from: "gpt", value: alfworldLike().steps.at(-1)!.reply });
    validateExport(out, "agent", "llamafactory");
  });
});

describe("exportDataset — OpenAI chat JSONL", () => {
  it("writes one {messages} per line, system first for world-model data", () => {
    const out = tempDir();
    const report = exportDataset({
      kind: "wm",
      runs: [run([alfworldLike(), sciworldLike()])],
      out,
      format: "openai",
      name: "wm",
    });
    expect(report.files).toEqual([join(out, "wm.jsonl")]);
    const lines = readOpenAi(out, "wm");
    expect(lines).toHaveLength(2);
    expect(lines[0]!.messages[0]).toEqual({
      role: "system",
      content: wmSystemPrompt(ALFWORLD_INITIAL, ALFWORLD_FIRST),
    });
    expect(lines[1]!.messages[0]).toEqual({ role: "system", content: sciworldLike().first_observation });
    expect(lines[0]!.messages.slice(1).map((m) => m.role)).toEqual([
      "user",
      "assistant",
      "user",
      "assistant",
      "user",
      "assistant",
      "user",
      "assistant",
    ]);
    expect(validateExport(out, "wm", "openai").examples).toBe(2);
  });

  it("has no system message for agent data whose preamble has none", () => {
    const out = tempDir();
    exportDataset({
      kind: "agent",
      runs: [run([sciworldLike()])],
      out,
      format: "openai",
      name: "a",
      agentPreamble: preambles,
    });
    const [ex] = readOpenAi(out, "a");
    expect(ex!.messages[0]).toEqual(SCI_PREAMBLE[0]);
    expect(ex!.messages.at(-1)!.role).toBe("assistant");
    validateExport(out, "a", "openai");
  });
});

describe("exportDataset — selection, splitting, order", () => {
  it("drops excluded games, errors, empty episodes and counts each, per env", () => {
    const testGame = "alfworld:pick_and_place_simple-SprayBottle-None-Toilet-422/trial_T2019";
    const runDir = run([
      alfworldLike({ item: 1 }),
      alfworldLike({ item: 2, game: testGame }),
      alfworldLike({ item: 3, game: testGame, error: "LLM request failed after 5 retries" }),
      alfworldLike({ item: 4, error: "LLM request failed after 5 retries", success: false }),
      alfworldLike({ item: 5, noSteps: true }),
      sciworldLike({ item: 6 }),
    ]);
    const out = tempDir();
    const r = exportDataset({
      kind: "wm",
      runs: [runDir],
      out,
      format: "openai",
      excludeGames: new Set([testGame]),
    });
    expect(r.name).toBe("wordworld_wm");
    expect(r.read).toBe(6);
    expect(r.written).toBe(2);
    expect(r.skipped).toEqual({ excluded_game: 2, error: 1, empty: 1, filter: 0, max_items: 0 });
    expect(r.per_env.alfworld).toMatchObject({
      read: 5,
      written: 1,
      skipped: { excluded_game: 2, error: 1, empty: 1 },
    });
    expect(r.per_env.sciworld).toMatchObject({ read: 1, written: 1, successes: 0 });
    const written = readOpenAi(out, "wordworld_wm").map((l) => l.messages[0]!.content);
    expect(written).toHaveLength(2);
    const text = formatExportReport(r);
    expect(text).toContain("2 examples written from 6 trajectories");
    expect(text).toContain("2 of excluded games, 1 ended by an error, 1 without steps");
    expect(text).toMatch(/alfworld: 1\/5 written/);
  });

  it("filters successes or failures", () => {
    const runDir = run([
      alfworldLike({ item: 1 }),
      alfworldLike({ item: 2, success: false }),
      alfworldLike({ item: 3 }),
    ]);
    const ok = exportDataset({
      kind: "wm",
      runs: [runDir],
      out: tempDir(),
      format: "openai",
      filter: "success",
    });
    expect([ok.written, ok.skipped.filter, ok.per_env.alfworld!.successes]).toEqual([2, 1, 2]);
    const bad = exportDataset({
      kind: "wm",
      runs: [runDir],
      out: tempDir(),
      format: "openai",
      filter: "failure",
    });
    expect([bad.written, bad.skipped.filter]).toEqual([1, 2]);
  });

  it("mix + maxItems keeps every environment; without mix runs are concatenated in order", () => {
    const alf = run(Array.from({ length: 6 }, (_, i) => alfworldLike({ item: i })));
    const sci = run(Array.from({ length: 6 }, (_, i) => sciworldLike({ item: 100 + i })));
    const base: Omit<ExportOptions, "out"> = {
      kind: "agent",
      runs: [alf, sci],
      format: "openai",
      maxItems: 4,
      agentPreamble: preambles,
    };
    const firstUser = (out: string) => readOpenAi(out, "wordworld_agent").map((l) => l.messages[2]!.content);

    const plainOut = tempDir();
    const plain = exportDataset({ ...base, out: plainOut });
    expect(plain.per_env.sciworld?.written ?? 0).toBe(0);
    expect(plain.skipped.max_items).toBe(8);
    expect(firstUser(plainOut).every((c) => c === ALFWORLD_FIRST)).toBe(true);

    const mixOut = tempDir();
    const mixed = exportDataset({ ...base, out: mixOut, mix: true });
    expect(mixed.per_env.alfworld!.written).toBe(2);
    expect(mixed.per_env.sciworld!.written).toBe(2);
    expect(mixed.skipped.max_items).toBe(8);
    expect(firstUser(mixOut).map((c) => (c === ALFWORLD_FIRST ? "alf" : "sci"))).toEqual([
      "alf",
      "sci",
      "alf",
      "sci",
    ]);
    expect(() => exportDataset({ ...base, out: tempDir(), maxItems: -1 })).toThrow("maxItems");
  });

  it("writes the same bytes whatever order the episodes finished in", () => {
    const ts = Array.from({ length: 8 }, (_, i) => alfworldLike({ item: i, success: i % 3 !== 0 }));
    const a = run(ts);
    const b = run([...ts].reverse());
    const outA = tempDir();
    const outB = tempDir();
    exportDataset({ kind: "wm", runs: [a], out: outA, format: "llamafactory", name: "d" });
    exportDataset({ kind: "wm", runs: [b], out: outB, format: "llamafactory", name: "d" });
    expect(readFileSync(join(outB, "d.json"), "utf8")).toBe(readFileSync(join(outA, "d.json"), "utf8"));
  });

  it("refuses an empty selection and bad names, and reports a truncated last line", () => {
    const runDir = run([alfworldLike({ error: "boom" })]);
    expect(() => exportDataset({ kind: "wm", runs: [runDir], out: tempDir(), format: "openai" })).toThrow(
      /nothing to export[\s\S]*1 ended by an error/,
    );
    expect(() =>
      exportDataset({ kind: "wm", runs: [runDir], out: tempDir(), format: "openai", name: "../x" }),
    ).toThrow("dataset name");
    const ok = run([alfworldLike()]);
    writeFileSync(
      join(ok, TRAJECTORIES_FILE),
      readFileSync(join(ok, TRAJECTORIES_FILE), "utf8") + '{"env": "alf',
    );
    const r = exportDataset({ kind: "wm", runs: [ok], out: tempDir(), format: "openai", warn: () => {} });
    expect(r.written).toBe(1);
    expect(r.warnings[0]).toContain(":2: skipping a truncated last line");
    expect(formatExportReport(r)).toContain("warning: ");
  });
});

describe.skipIf(!root)("exportDataset on real ALFWorld episodes", () => {
  const dataRoot = dirname(root ?? ".");

  it("keeps every test-split game out of training data", () => {
    const trainIds = alfworld.itemIds(dataRoot, "train").slice(0, 6);
    const testIds = alfworld.itemIds(dataRoot, "test").slice(0, 3);
    const train = trainIds.flatMap((id) => {
      try {
        return [realAlfworldTrajectory(dataRoot, id)];
      } catch {
        return []; // an unsolvable game absent from the solvable release
      }
    });
    expect(train.length).toBeGreaterThan(0);
    const test = testIds.map((id) => realAlfworldTrajectory(dataRoot, id));
    const testRun = run(test);
    // A training run that (wrongly) also played the test games.
    const mixedRun = run([...train, ...test]);
    const out = tempDir();
    const r = exportDataset({
      kind: "wm",
      runs: [mixedRun],
      out,
      format: "llamafactory",
      name: "alfworld_wm",
      excludeGames: gamesInRuns([testRun]),
    });
    expect(r.skipped.excluded_game).toBe(test.length);
    expect(r.written).toBe(train.length);
    const data = readShareGpt(out, "alfworld_wm");
    const systems = new Set(data.map((d) => d.system));
    for (const t of test)
      expect(systems.has(wmSystemPrompt(t.initial_state, t.first_observation))).toBe(false);
    for (const t of train)
      expect(systems.has(wmSystemPrompt(t.initial_state, t.first_observation))).toBe(true);
    for (const d of data) {
      const marked = d.conversations.filter((c) => c.value.endsWith(SUCCESS_MARKER));
      expect(marked.length).toBeLessThanOrEqual(1);
      if (marked.length) expect(d.conversations.at(-1)!.value.endsWith(SUCCESS_MARKER)).toBe(true);
    }
    expect(validateExport(out, "alfworld_wm", "llamafactory").examples).toBe(train.length);
  });
});
