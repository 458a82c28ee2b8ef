import { consistency, type EpisodeRecord } from "../../src/eval/consistency.js";
import {
  StepEvalResultsSchema,
  RolloutEvalResultsSchema,
  type RolloutEvalResults,
  type StepEvalResults,
} from "../../src/eval/results.js";
import { stepMetrics, type StepRecord } from "../../src/eval/step-metrics.js";

const llm = { requests: 10, retries: 1, failures: 0, timeouts: 0, cacheHits: 2 };
const timing = { startedAt: "2025-01-01T00:00:00.000Z", finishedAt: "2025-01-01T00:01:05.000Z", seconds: 65 };

/** `wrong[env]` of `n` predictions per env are wrong (the last ones, i.e. the late steps). */
export function stepResults(
  wm: string,
  wrong: Record<string, number>,
  n = 10,
  extra: Partial<StepEvalResults> = {},
): StepEvalResults {
  const records: StepRecord[] = Object.entries(wrong).flatMap(([env, w]) =>
    Array.from({ length: n }, (_, i) => ({
      env,
      item: Math.floor(i / 5),
      stepIndex: (i % 5) + 1,
      truth: "you see a cup",
      pred: i >= n - w ? "you see a mug" : "you see a cup",
    })),
  );
  return StepEvalResultsSchema.parse({
    kind: "eval-step",
    version: "0.1.0",
    timing,
    wm,
    mode: "fine-tuned",
    shots: 0,
    envs: Object.keys(wrong).sort(),
    split: "test",
    data: ["traj.jsonl"],
    trajectories: (Object.keys(wrong).length * n) / 5,
    metrics: stepMetrics(records),
    malformed: 1,
    llm,
    ...extra,
  });
}

export function ep(agent: string, n: number, real: number, wm: number, w2r: number): EpisodeRecord[] {
  return Array.from({ length: n }, (_, i) => ({ agent, item: i, real: i < real, wm: i < wm, w2r: i < w2r }));
}

export function rolloutResults(
  env: string,
  wm: string,
  records: EpisodeRecord[],
  extra: Partial<RolloutEvalResults> = {},
): RolloutEvalResults {
  return RolloutEvalResultsSchema.parse({
    kind: "eval-rollout",
    version: "0.1.0",
    timing,
    env,
    split: "test",
    wm,
    mode: "fine-tuned",
    shots: 0,
    agents: [...new Set(records.map((r) => r.agent))],
    items: 10,
    maxSteps: 50,
    consistency: consistency(records),
    errors: { real: 0, wm: 1, w2r: 0 },
    malformed: { agent: 2, worldModel: 0 },
    llm: { worldModel: llm, agents: { "openai:gpt-4o": llm } },
    ...extra,
  });
}
