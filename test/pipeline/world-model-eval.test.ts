/**
 * World-model evaluation end to end on real ALFWorld episodes, through the real OpenAI-compatible HTTP
 * client against a local chat-completions server: exact match equals 100% when the server answers with
 * the real next observation and the true fraction when a known share is altered; W2R comes from real
 * replays, not the world model's verdict; runs resume after a kill.
 */
import { appendFileSync, existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startChatServer, type ChatCall, type ChatServer } from "../../bench/chat-server.js";
import { exportDataset } from "../../src/data/export.js";
import { readTrajectories } from "../../src/data/trajectory-store.js";
import { validateExport } from "../../src/data/validate.js";
import { getEnv } from "../../src/envs/registry.js";
import { readResults } from "../../src/eval/results.js";
import { openModel } from "../../src/llm/index.js";
import { collect } from "../../src/pipeline/collect.js";
import { runEvalRollout } from "../../src/pipeline/eval-rollout.js";
import { predictionsPath, runEvalStep } from "../../src/pipeline/eval-step.js";
import type { Trajectory } from "../../src/protocol/trajectory.js";
import { alfworldData } from "../alfworld-data.js";
import { TEST_DATA_ROOT } from "../shared-data.js";

/** The data root holding the imported alfworld/ folder. */
const root = alfworldData() ? TEST_DATA_ROOT : undefined;
const env = getEnv("alfworld");
const ITEMS = 12;
const fast = { backoffMs: 1, timeoutMs: 10_000 };
const tmp = () => mkdtempSync(join(tmpdir(), "ww-wm-"));

/** The reference's target text: the observation, and " [SUCCESS]" when the step completed the task. */
const truthOf = (s: Trajectory["steps"][number]) => s.observation + (s.success ? " [SUCCESS]" : "");

/** Which trajectory a world-model conversation is about: its system prompt holds the first observation. */
function locate(ts: readonly Trajectory[], call: ChatCall): { t: Trajectory; step: number } {
  const system = call.body.messages[0]!.content;
  const matches = ts.filter(
    (t) => system.trimEnd().endsWith(t.first_observation.trimEnd()) && system.includes(t.initial_state!),
  );
  if (matches.length !== 1) throw new Error(`conversation matches ${matches.length} trajectories`);
  return { t: matches[0]!, step: call.body.messages.filter((m) => m.role === "user").length };
}

describe.skipIf(!root)("world-model evaluation over HTTP (ALFWorld test items)", () => {
  let runs: string;
  let trajectories: Trajectory[];
  const servers: ChatServer[] = [];

  let all: Trajectory[];

  beforeAll(async () => {
    runs = tmp();
    await collect({
      env,
      root: root!,
      split: "test",
      agent: "expert",
      out: join(runs, "collect"),
      concurrency: 4,
      quiet: true,
    });
    all = readTrajectories(join(runs, "collect")).sort((a, b) => a.item - b.item);
    trajectories = all.slice(0, ITEMS);
  });
  afterAll(async () => {
    for (const s of servers) await s.close();
  });

  it("collects the expert's trajectories for all 200 test items (no LLM), with hidden initial states", () => {
    expect(all).toHaveLength(200);
    expect(new Set(all.map((t) => t.item)).size).toBe(200);
    expect(all.every((t) => t.success && t.initial_state?.startsWith("=== Objects on Receptacles ==="))).toBe(
      true,
    );
    const r = readResults(join(runs, "collect"));
    expect(r).toMatchObject({
      kind: "collect",
      items: 200,
      agents: [{ agent: "expert:reactive", episodes: 200, successes: 200 }],
    });
    expect(existsSync(join(runs, "collect", "report.md"))).toBe(true);
  });

  it.each(["llamafactory", "openai"] as const)(
    "exports world-model SFT data (%s) that validates",
    (format) => {
      const out = join(runs, `wm-${format}`);
      const report = exportDataset({ kind: "wm", runs: [join(runs, "collect")], out, format });
      expect(report.written).toBe(200);
      expect(validateExport(out, report.name, format).examples).toBe(200);
      if (format === "llamafactory") {
        const data = JSON.parse(readFileSync(join(out, `${report.name}.json`), "utf8")) as {
          conversations: { from: string; value: string }[];
          system: string;
        }[];
        const t = all[0]!;
        // One example per trajectory: system = hidden state + first observation; human = action; gpt = observation.
        expect(data[0]!.system).toContain("# Environment Information (Only visible to Assistant)");
        expect(data[0]!.conversations.map((c) => c.value)).toEqual(
          t.steps.flatMap((st) => [st.action, truthOf(st)]),
        );
        expect(existsSync(join(out, "dataset_info.json"))).toBe(true);
      }
    },
  );

  it("exact match is 100% when the world model answers with the real next observation", async () => {
    const s = await startChatServer((call) => {
      const { t, step } = locate(trajectories, call);
      return { content: truthOf(t.steps[step - 1]!) };
    });
    servers.push(s);
    const wm = await openModel(`${s.url}#oracle`, fast);
    const out = join(runs, "oracle");
    const r = await runEvalStep({
      trajectories,
      split: "test",
      data: [runs],
      wm,
      prompt: { mode: "fine-tuned" },
      out,
      concurrency: 8,
      quiet: true,
    });
    const total = trajectories.reduce((n, t) => n + t.steps.length, 0);
    expect(r.metrics).toMatchObject({ count: total, correct: total, em: 100, f1: 100, errors: 0 });
    expect(s.calls).toHaveLength(total);
    expect(readResults(out)).toEqual(r);
    expect(
      existsSync(join(out, "plots", "step-accuracy.svg")) ||
        readFileSync(join(out, "report.md"), "utf8").includes("plots/"),
    ).toBe(true);
  });

  it("exact match equals the true fraction when a known share of answers is altered", async () => {
    let altered = 0;
    let answered = 0;
    const s = await startChatServer((call) => {
      const { t, step } = locate(trajectories, call);
      const truth = truthOf(t.steps[step - 1]!);
      answered++;
      // Alter every third step of every episode, and drop the success marker of one final step.
      if (step % 3 === 0) {
        altered++;
        return { content: `${truth} Also, a cat.` };
      }
      if (t.item === trajectories[0]!.item && step === t.steps.length) {
        altered++;
        return { content: t.steps[step - 1]!.observation };
      }
      // Surrounding whitespace does not count (stripped comparison).
      return { content: `\n ${truth}  \n` };
    });
    servers.push(s);
    const wm = await openModel(`${s.url}#noisy`, fast);
    const r = await runEvalStep({
      trajectories,
      split: "test",
      data: [runs],
      wm,
      prompt: { mode: "fine-tuned" },
      out: join(runs, "noisy"),
      concurrency: 8,
      quiet: true,
    });
    expect(altered).toBeGreaterThan(0);
    expect(r.metrics.count).toBe(answered);
    expect(r.metrics.correct).toBe(answered - altered);
    expect(r.metrics.em).toBeCloseTo((100 * (answered - altered)) / answered, 10);
    // By step index: step 3 is always wrong, step 1 always right.
    expect(r.metrics.byStep[2]!.em).toBe(0);
    expect(r.metrics.byStep[0]!.em).toBe(100);
  });

  it("counts failed requests as wrong, with the error kept", async () => {
    const s = await startChatServer((call) =>
      locate(trajectories, call).step === 1 ? { status: 400, body: "bad request" } : { content: "x" },
    );
    servers.push(s);
    const wm = await openModel(`${s.url}#m`, fast);
    const r = await runEvalStep({
      trajectories: trajectories.slice(0, 2),
      split: "test",
      data: [runs],
      wm,
      prompt: { mode: "fine-tuned" },
      out: join(runs, "errors"),
      concurrency: 4,
      quiet: true,
    });
    expect(r.metrics.errors).toBe(2);
    expect(r.llm.failures).toBe(2);
  });

  it("resumes after a kill without duplicating or losing a prediction", async () => {
    const out = join(runs, "resume");
    const total = trajectories.reduce((n, t) => n + t.steps.length, 0);
    const ctl = new AbortController();
    let served = 0;
    const oracle = (call: ChatCall) => {
      const { t, step } = locate(trajectories, call);
      return { content: truthOf(t.steps[step - 1]!) };
    };
    const first = await startChatServer((call) => {
      if (++served === 20) ctl.abort(); // the kill: requests in flight are lost
      return { ...oracle(call), delayMs: 5 };
    });
    servers.push(first);
    const wm1 = await openModel(`${first.url}#oracle`, fast);
    await runEvalStep({
      trajectories,
      split: "test",
      data: [runs],
      wm: wm1,
      prompt: { mode: "fine-tuned" },
      out,
      concurrency: 4,
      signal: ctl.signal,
      quiet: true,
    });
    const written = readFileSync(predictionsPath(out), "utf8").trim().split("\n").length;
    expect(written).toBeGreaterThan(0);
    expect(written).toBeLessThan(total);
    // A SIGKILL in the middle of a write leaves a truncated last line.
    appendFileSync(predictionsPath(out), '{"env":"alfworld","agent":"expert:reactive","item":');
    const second = await startChatServer(oracle);
    servers.push(second);
    const wm2 = await openModel(`${second.url}#oracle`, fast);
    const r = await runEvalStep({
      trajectories,
      split: "test",
      data: [runs],
      wm: wm2,
      prompt: { mode: "fine-tuned" },
      out,
      concurrency: 4,
      quiet: true,
    });
    expect(second.calls).toHaveLength(total - written);
    expect(r.metrics).toMatchObject({ count: total, correct: total });
    const keys = readFileSync(predictionsPath(out), "utf8")
      .trim()
      .split("\n")
      .map((l) => {
        const p = JSON.parse(l) as { item: number; step: number };
        return `${p.item}/${p.step}`;
      });
    expect(new Set(keys).size).toBe(total);
    expect(keys).toHaveLength(total);
  });

  it("refuses to resume a different run in the same directory", async () => {
    const s = await startChatServer(() => ({ content: "x" }));
    servers.push(s);
    const wm = await openModel(`${s.url}#another-model`, fast);
    await expect(
      runEvalStep({
        trajectories,
        split: "test",
        data: [runs],
        wm,
        prompt: { mode: "fine-tuned" },
        out: join(runs, "oracle"),
        concurrency: 4,
        quiet: true,
      }),
    ).rejects.toThrow(/holds a different run/);
  });

  describe("rollout consistency", () => {
    /** A world model that plays the real game: replays the conversation's actions in a fresh session. */
    function simulator(): (call: ChatCall) => { content: string } {
      const firsts = new Map<string, number>();
      for (const t of trajectories) firsts.set(t.first_observation, t.item);
      return (call) => {
        const system = call.body.messages[0]!.content;
        const item = [...firsts].find(([first]) => system.trimEnd().endsWith(first.trimEnd()))![1];
        const session = env.openItem(root!, item, {}).session;
        session.reset();
        let last = { observation: "", success: false };
        for (const m of call.body.messages) if (m.role === "user") last = session.step(m.content);
        return { content: last.observation + (last.success ? " [SUCCESS]" : "") };
      };
    }

    it("a faithful world model gives WM = W2R = Real and CR = 1", async () => {
      const s = await startChatServer(simulator());
      servers.push(s);
      const wm = await openModel(`${s.url}#sim`, fast);
      const r = await runEvalRollout({
        env,
        root: root!,
        split: "test",
        items: ITEMS,
        agents: [{ spec: "expert" }],
        wm,
        prompt: { mode: "fine-tuned" },
        out: join(runs, "rollout-sim"),
        concurrency: 4,
        quiet: true,
      });
      expect(r.consistency.agents).toEqual([
        expect.objectContaining({
          agent: "expert:reactive",
          episodes: ITEMS,
          real: 100,
          wm: 100,
          w2r: 100,
          cr: 1,
        }),
      ]);
    });

    it("W2R comes from real replays: a world model that declares success at once scores WM 100, W2R 0", async () => {
      const s = await startChatServer(() => ({ content: "You put it there. [SUCCESS]" }));
      servers.push(s);
      const wm = await openModel(`${s.url}#liar`, fast);
      const out = join(runs, "rollout-liar");
      const r = await runEvalRollout({
        env,
        root: root!,
        split: "test",
        items: ITEMS,
        agents: [{ spec: "expert" }],
        wm,
        prompt: { mode: "fine-tuned" },
        out,
        concurrency: 4,
        quiet: true,
      });
      expect(r.consistency.agents[0]).toMatchObject({ real: 100, wm: 100, w2r: 0, cr: 0 });
      const rec = readFileSync(join(out, "rollouts.jsonl"), "utf8")
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l) as { wm: { steps: unknown[] }; w2r: { steps: { observation: string }[] } });
      expect(rec.every((x) => x.wm.steps.length === 1 && x.w2r.steps.length === 1)).toBe(true);
      expect(readResults(out)).toEqual(r);
    });
  });
});
