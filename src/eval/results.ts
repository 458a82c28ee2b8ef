/**
 * What a run directory's results.json holds, so that `wordworld report <run-dir>...` can re-render
 * tables and plots from files alone. Every shape has a `kind` discriminator matching the run manifest's
 * kind. Percentages are 0–100; F1 is reported as a percentage too (100 · mean word F1).
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import type { LlmStats } from "../llm/types.js";
import type { AgentConsistency, Consistency, ConsistencyAverage } from "./consistency.js";
import type { EnvStepMetrics, MetricSummary, StepBucket, StepMetrics } from "./step-metrics.js";

export const RESULTS_FILE = "results.json";

const Count = z.number().int().nonnegative();
const Pct = z.number().nonnegative();

export const LlmStatsSchema = z.object({
  requests: Count,
  retries: Count,
  failures: Count,
  timeouts: Count,
  cacheHits: Count,
});
export type LlmStatsRecord = z.infer<typeof LlmStatsSchema>;

export const TimingSchema = z.object({
  /** ISO 8601 times of this (possibly resumed) run's start and end. */
  startedAt: z.string(),
  finishedAt: z.string(),
  /** Wall-clock seconds spent, resumed sessions added up. */
  seconds: z.number().nonnegative(),
});
export type Timing = z.infer<typeof TimingSchema>;

export const MetricSummarySchema = z.object({
  count: Count,
  correct: Count,
  errors: Count,
  em: Pct.nullable(),
  f1: Pct.nullable(),
});
export const StepBucketSchema = MetricSummarySchema.extend({ step: z.number().int().positive() });
export const EnvStepMetricsSchema = MetricSummarySchema.extend({ byStep: z.array(StepBucketSchema) });
export const StepMetricsSchema = EnvStepMetricsSchema.extend({
  perEnv: z.record(z.string(), EnvStepMetricsSchema),
});

export const AgentConsistencySchema = z.object({
  agent: z.string(),
  episodes: Count,
  realSuccesses: Count,
  wmSuccesses: Count,
  w2rSuccesses: Count,
  real: Pct,
  wm: Pct,
  w2r: Pct,
  cr: z.number().nonnegative().nullable(),
});
export const ConsistencyAverageSchema = z.object({
  agents: Count,
  real: Pct.nullable(),
  wm: Pct.nullable(),
  w2r: Pct.nullable(),
  cr: z.number().nonnegative().nullable(),
  crAgents: Count,
});
export const ConsistencySchema = z.object({
  agents: z.array(AgentConsistencySchema),
  average: ConsistencyAverageSchema,
  episodes: Count,
  realSuccesses: Count,
  wmSuccesses: Count,
  w2rSuccesses: Count,
});

const common = {
  /** wordworld version that wrote the file. */
  version: z.string(),
  /** A display name for tables and legends; default derived from the models. */
  label: z.string().optional(),
  timing: TimingSchema,
};

export const StepEvalResultsSchema = z.object({
  kind: z.literal("eval-step"),
  ...common,
  /** World-model string, e.g. "http://localhost:8000/v1#Qwen2.5-7B". */
  wm: z.string(),
  /** Prompting mode: "zero-shot", "few-shot", "fine-tuned". */
  mode: z.string(),
  shots: Count,
  /** Environments of the trajectories evaluated (sorted). */
  envs: z.array(z.string()),
  /** Split of the trajectories when known. */
  split: z.string().nullable(),
  /** Trajectory files evaluated. */
  data: z.array(z.string()),
  trajectories: Count,
  metrics: StepMetricsSchema,
  /** World-model replies that were unusable (empty, cut at the token limit, not text). */
  malformed: Count,
  llm: LlmStatsSchema,
});
export type StepEvalResults = z.infer<typeof StepEvalResultsSchema>;

export const RolloutEvalResultsSchema = z.object({
  kind: z.literal("eval-rollout"),
  ...common,
  env: z.string(),
  split: z.string(),
  wm: z.string(),
  mode: z.string(),
  shots: Count,
  /** Agent specs as recorded in the rollouts ("expert:<name>", model strings). */
  agents: z.array(z.string()),
  items: Count,
  maxSteps: z.number().int().positive().nullable(),
  consistency: ConsistencySchema,
  /** Episodes of each leg that ended on an error (a request that failed for good). */
  errors: z.object({ real: Count, wm: Count, w2r: Count }),
  /** Replies that could not be used: agent replies with no parsable action, unusable world-model replies. */
  malformed: z.object({ agent: Count, worldModel: Count }),
  llm: z.object({ worldModel: LlmStatsSchema, agents: z.record(z.string(), LlmStatsSchema) }),
});
export type RolloutEvalResults = z.infer<typeof RolloutEvalResultsSchema>;

export const CollectAgentSchema = z.object({
  agent: z.string(),
  episodes: Count,
  successes: Count,
  /** 100 · successes / episodes. */
  success: Pct,
  errors: Count,
  meanSteps: z.number().nonnegative(),
});

export const CollectResultsSchema = z.object({
  kind: z.literal("collect"),
  ...common,
  env: z.string(),
  split: z.string(),
  items: Count,
  agents: z.array(CollectAgentSchema),
  malformed: z.object({ agent: Count }),
  /** Per agent model string. */
  llm: z.record(z.string(), LlmStatsSchema),
});
export type CollectResults = z.infer<typeof CollectResultsSchema>;

export const ResultsSchema = z.discriminatedUnion("kind", [
  StepEvalResultsSchema,
  RolloutEvalResultsSchema,
  CollectResultsSchema,
]);
export type Results = z.infer<typeof ResultsSchema>;
export type ResultsKind = Results["kind"];

/** Validates parsed JSON; errors name the source and the field. */
export function parseResults(value: unknown, source = "results"): Results {
  const r = ResultsSchema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const field = issue.path.length ? issue.path.map(String).join(".") : "(root)";
  throw new Error(`${source}: ${field}: ${issue.message}`);
}

/** Reads results.json from a run directory (or the file itself). */
export function readResults(path: string): Results {
  const file = existsSync(path) && statSync(path).isDirectory() ? join(path, RESULTS_FILE) : path;
  if (!existsSync(file)) throw new Error(`${file}: not found (has the run finished?)`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new Error(`${file}: not JSON (${(e as Error).message})`);
  }
  return parseResults(json, file);
}

// The schemas describe exactly the metric types the functions return (checked at compile time).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _shapes: [
  Same<LlmStatsRecord, LlmStats>,
  Same<z.infer<typeof MetricSummarySchema>, MetricSummary>,
  Same<z.infer<typeof StepBucketSchema>, StepBucket>,
  Same<z.infer<typeof EnvStepMetricsSchema>, EnvStepMetrics>,
  Same<z.infer<typeof StepMetricsSchema>, StepMetrics>,
  Same<z.infer<typeof AgentConsistencySchema>, AgentConsistency>,
  Same<z.infer<typeof ConsistencyAverageSchema>, ConsistencyAverage>,
  Same<z.infer<typeof ConsistencySchema>, Consistency>,
] = [true, true, true, true, true, true, true, true];
void _shapes;
