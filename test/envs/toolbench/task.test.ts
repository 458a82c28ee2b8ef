/**
 * The single-turn API task through the whole pipeline, on MirrorAPI-Bench as imported by the product's
 * own `data pull toolbench --from`: the expert's trajectories give exactly the reference's conversation
 * (checked byte for byte against the rendered Qwen prompt upstream recorded), world-model data exports
 * and validates, and `eval step` over the real HTTP client, with MirrorAPI's recorded predictions
 * replayed by a local chat server, reports the exact match those predictions have.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startChatServer, type ChatServer } from "../../../bench/chat-server.js";
import { exportDataset } from "../../../src/data/export.js";
import { readTrajectories } from "../../../src/data/trajectory-store.js";
import { validateExport } from "../../../src/data/validate.js";
import { wmMessages } from "../../../src/data/wm-conversation.js";
import { getEnv } from "../../../src/envs/registry.js";
import { loadMirrorApiBench } from "../../../src/envs/toolbench/data.js";
import { openModel } from "../../../src/llm/index.js";
import { collect } from "../../../src/pipeline/collect.js";
import { runEvalStep } from "../../../src/pipeline/eval-step.js";
import type { Trajectory } from "../../../src/protocol/trajectory.js";
import { pyStrip } from "../../../src/util/pystr.js";
import { hasShared, sharedPath } from "../../shared-data.js";

const present = hasShared("toolbench", "mirrorapi-bench", "id_high", "predictions.jsonl");
const env = getEnv("toolbench");

/** Qwen2.5's chat template, as LLaMA-Factory rendered the bench prompts (generation prompt included). */
const qwenPrompt = (messages: { role: string; content: string }[]) =>
  messages.map((m) => `<|im_start|>${m.role}\n${m.content}<|im_end|>\n`).join("") + "<|im_start|>assistant\n";

describe.skipIf(!present)("toolbench: the single-turn API task", () => {
  let root: string;
  let trajectories: Trajectory[];
  const servers: ChatServer[] = [];

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), "ww-toolbench-"));
    const summary = await env.pull(root, sharedPath("toolbench"), () => {});
    expect(summary).toMatch(/300 MirrorAPI-Bench items, 765 solvable queries/);
    await collect({
      env,
      root,
      split: "test",
      agent: "expert",
      out: join(root, "collect"),
      concurrency: 8,
      quiet: true,
    });
    trajectories = readTrajectories(join(root, "collect")).sort((a, b) => a.item - b.item);
  });
  afterAll(async () => {
    for (const s of servers) await s.close();
  });

  it("numbers the splits with fixed offsets and knows the test split is all of them", () => {
    expect(env.itemIds(root, "id_high")).toEqual(
      [...Array(100).keys()].filter((i) => ![79, 87, 90].includes(i)),
    );
    expect(env.itemIds(root, "id_low")[0]).toBe(200);
    expect(env.itemIds(root, "test")).toHaveLength(297);
    expect(env.status(root)[0]).toContain("left out, prompt cut in the export: id_high 3");
    expect(() => env.itemIds(root, "ood_failed")).not.toThrow();
    expect(() => env.itemIds(root, "nope")).toThrow(/unknown toolbench split 'nope'/);
    expect(() => env.openItem(root, 999, {})).toThrow(/no toolbench item 999/);
  });

  it("gives, for every item, the reference's conversation byte for byte", () => {
    const bench = loadMirrorApiBench(sharedPath("toolbench", "mirrorapi-bench"));
    // Three id_high rows of the predictions export have their prompt cut before the request.
    expect(bench.filter((b) => b.truncated).map((b) => `${b.split}:${b.index}`)).toEqual([
      "id_high:79",
      "id_high:87",
      "id_high:90",
    ]);
    expect(trajectories).toHaveLength(297);
    const byKey = new Map(bench.map((b) => [`${b.split}:${b.index}`, b]));
    for (const t of trajectories) {
      const split = t.item < 100 ? "id_high" : t.item < 200 ? "id_medium" : "id_low";
      const b = byKey.get(`${split}:${t.item % 100}`)!;
      const messages = wmMessages(t);
      expect(messages.map((m) => m.role)).toEqual(["system", "user", "assistant"]);
      expect(qwenPrompt(messages.slice(0, 2))).toBe(b.prompt);
      expect(messages[2]!.content).toBe(b.label);
      expect(t.success).toBe(false);
      expect(t.game).toBe(`toolbench:${b.request.category}/${b.request.tool_name}/${b.request.api_name}`);
    }
  });

  it("answers another item's request from the recorded responses, and anything else with the strict miss", () => {
    const a = env.openItem(root, 0, {});
    const b = env.openItem(root, 150, {});
    const otherRequest = b.experts.recorded!().act();
    a.session.reset();
    const r = a.session.step(otherRequest);
    expect(r.observation).toBe(trajectories.find((t) => t.item === 150)!.steps[0]!.observation);
    expect(r.info.source).toBe("real");
    const c = env.openItem(root, 0, {});
    c.session.reset();
    const miss = c.session.step("API doc:\n{}\n\nRequest:\n{'api_name': 'nothing'}");
    expect(miss.info.source).toBe("miss");
    expect(JSON.parse(miss.observation)).toMatchObject({ response: "" });
    expect(() => c.session.step("again")).toThrow(/episode has ended/);
  });

  it("exports world-model SFT data in both formats, validated", async () => {
    for (const format of ["llamafactory", "openai"] as const) {
      const out = join(root, `wm-${format}`);
      const r = exportDataset({ kind: "wm", runs: [join(root, "collect")], out, format });
      expect(r.written).toBe(297);
      expect(validateExport(out, r.name, format).examples).toBe(297);
    }
  });

  it("eval step scores MirrorAPI's own predictions, replayed over HTTP, with their exact match", async () => {
    const bench = loadMirrorApiBench(sharedPath("toolbench", "mirrorapi-bench")).filter((b) => !b.truncated);
    // MirrorAPI's replies, except every third item, answered with the real response itself.
    const reply = new Map(bench.map((b, i) => [b.user, i % 3 === 0 ? b.label : b.predict!]));
    const server = await startChatServer((call) => ({
      content: reply.get(call.body.messages[1]!.content) ?? "unknown request",
    }));
    servers.push(server);
    const wm = await openModel(`${server.url}#mirrorapi`, { backoffMs: 1 });
    const results = await runEvalStep({
      trajectories,
      split: "test",
      data: [join(root, "collect")],
      wm,
      prompt: { mode: "fine-tuned" },
      out: join(root, "step"),
      concurrency: 16,
      quiet: true,
    });
    await wm.close();
    const expected = bench.filter((b, i) => i % 3 === 0 || pyStrip(b.predict!) === pyStrip(b.label)).length;
    expect(results.metrics.count).toBe(297);
    expect(results.metrics.errors).toBe(0);
    expect(results.metrics.correct).toBe(expected);
    // MirrorAPI pretty-prints its JSON, so none of its own replies is a strict match.
    expect(expected).toBe(99);
  });
});
