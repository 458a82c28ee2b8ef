/**
 * The framework's own cost per world-model step, against a zero-latency OpenAI-compatible server on
 * another thread: (1) one rollout at a time — the per-step overhead of prompt building, JSON, HTTP and
 * reply parsing; (2) the whole `eval rollout` pipeline (real leg, world-model leg, W2R replay, JSONL
 * records) at 256 concurrent rollouts — sustained world-model steps per second, and heap over the run.
 * The server answers "Nothing happens." so every world-model leg runs its full 50 steps.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { makeAgent } from "../src/agents/open-agent.js";
import { getEnv } from "../src/envs/registry.js";
import { openModel } from "../src/llm/index.js";
import { runEvalRollout } from "../src/pipeline/eval-rollout.js";
import { playEpisode } from "../src/rollout/episode.js";
import { WorldModelSession } from "../src/worldmodel/session.js";
import type { BenchResult } from "./alfworld.js";

const TARGET_STEPS_PER_S = 2000;

async function startServer(): Promise<{ url: string; stop: () => Promise<void> }> {
  const worker = new Worker(new URL("./chat-server-worker.js", import.meta.url));
  const url = await new Promise<string>((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
  });
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        worker.once("exit", () => resolve());
        worker.postMessage("close");
      }),
  };
}

export async function benchWorldModel(root: string): Promise<BenchResult[]> {
  const env = getEnv("alfworld");
  const server = await startServer();
  const results: BenchResult[] = [];
  try {
    // (1) Sequential: one world-model step at a time.
    const wm = await openModel(`${server.url}#bench`, { concurrency: 256, maxRetries: 0 });
    const ids = env.itemIds(root, "test");
    let steps = 0;
    const t0 = performance.now();
    for (const id of ids.slice(0, 40)) {
      const opened = env.openItem(root, id, {});
      const first = opened.session.reset();
      const session = new WorldModelSession(
        wm,
        { mode: "fine-tuned" },
        first,
        opened.session.initialState?.(),
        50,
      );
      const r = await playEpisode(session, makeAgent(env, opened, "expert", undefined));
      steps += r.steps.length;
    }
    const perStepUs = ((performance.now() - t0) * 1000) / steps;
    results.push({
      name: "world-model step overhead (sequential, zero-latency server)",
      value: Math.round(perStepUs),
      unit: "µs/step",
      detail: `${steps} steps, ${Math.round(1e6 / perStepUs)} steps/s one at a time`,
    });

    // (2) The eval-rollout pipeline at 256 concurrent rollouts.
    const out = mkdtempSync(join(tmpdir(), "ww-bench-"));
    const heap: number[] = [];
    // Live heap after a full collection (npm run bench passes --expose-gc), so the ratio shows growth, not GC timing.
    const gc = (globalThis as { gc?: () => void }).gc;
    const sampler = setInterval(() => {
      gc?.();
      heap.push(process.memoryUsage().heapUsed);
    }, 1000);
    const items = 1024;
    const t1 = performance.now();
    const r = await runEvalRollout({
      env,
      root,
      split: "train",
      items,
      agents: [{ spec: "expert" }],
      wm,
      prompt: { mode: "fine-tuned" },
      out,
      concurrency: 256,
      quiet: true,
    });
    const secs = (performance.now() - t1) / 1000;
    clearInterval(sampler);
    rmSync(out, { recursive: true, force: true });
    const wmSteps = wm.stats().requests - steps;
    const rate = wmSteps / secs;
    const quarter = Math.max(1, Math.floor(heap.length / 4));
    const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length / 2 ** 20;
    const early = avg(heap.slice(quarter, 2 * quarter));
    const late = avg(heap.slice(-quarter));
    results.push({
      name: "world-model steps/s, eval rollout at 256 concurrent rollouts",
      value: Math.round(rate),
      unit: "steps/s",
      detail: `${(rate / TARGET_STEPS_PER_S).toFixed(2)}× the ${TARGET_STEPS_PER_S} target; ${wmSteps} world-model steps over ${r.consistency.episodes} rollouts in ${secs.toFixed(1)} s`,
    });
    results.push({
      name: `${gc ? "live heap" : "heap (no --expose-gc: includes garbage)"} during the 256-rollout run (2nd quarter → last quarter)`,
      value: Number((late / early).toFixed(2)),
      unit: "ratio",
      detail: `${early.toFixed(0)} MiB → ${late.toFixed(0)} MiB`,
    });
  } finally {
    await server.stop();
  }
  return results;
}
