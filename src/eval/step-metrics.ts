/**
 * Aggregates single-step predictions (one per teacher-forced prefix of a real trajectory) into exact
 * match and word F1: overall, by step index (the reference's "accuracy vs number of steps" curve) and per
 * environment. Percentages are 0–100; a group with no records has null metrics. Pure functions.
 */
import { exactMatch } from "./exact-match.js";
import { wordF1 } from "./word-f1.js";

export interface StepRecord {
  env: string;
  item: number | string;
  /** 1-based index of the predicted step (the reference's `len(conversation) // 2`). */
  stepIndex: number;
  pred: string;
  truth: string;
  /** The request failed: the record counts as wrong (EM false, F1 0) and as an error. */
  error?: string;
}

/** Counts and metrics of one group of records. */
export interface MetricSummary {
  count: number;
  /** Exact matches. */
  correct: number;
  /** Records whose request failed (counted as wrong). */
  errors: number;
  /** 100 · correct / count; null when count is 0. */
  em: number | null;
  /** 100 · mean word F1; null when count is 0. */
  f1: number | null;
}

export interface StepBucket extends MetricSummary {
  /** 1-based step index. */
  step: number;
}

export interface EnvStepMetrics extends MetricSummary {
  /** byStep[i] is step i + 1, from 1 to the largest step seen; steps with no records have count 0. */
  byStep: StepBucket[];
}

export interface StepMetrics extends EnvStepMetrics {
  /** Per environment, keys in sorted order. */
  perEnv: Record<string, EnvStepMetrics>;
}

export interface ScoredStep {
  env: string;
  stepIndex: number;
  em: boolean;
  /** In [0, 1]. */
  f1: number;
  error: boolean;
}

/** Scores one record: EM and F1 of its prediction, or wrong when its request failed. */
export function scoreStep(r: StepRecord): ScoredStep {
  const error = r.error !== undefined;
  return {
    env: r.env,
    stepIndex: r.stepIndex,
    em: !error && exactMatch(r.pred, r.truth),
    f1: error ? 0 : wordF1(r.pred, r.truth),
    error,
  };
}

class Acc {
  count = 0;
  correct = 0;
  errors = 0;
  f1Sum = 0;
  add(s: ScoredStep): void {
    this.count++;
    if (s.em) this.correct++;
    if (s.error) this.errors++;
    this.f1Sum += s.f1;
  }
  summary(): MetricSummary {
    const n = this.count;
    return {
      count: n,
      correct: this.correct,
      errors: this.errors,
      em: n === 0 ? null : (100 * this.correct) / n,
      f1: n === 0 ? null : (100 * this.f1Sum) / n,
    };
  }
}

function envMetrics(scored: readonly ScoredStep[]): EnvStepMetrics {
  const all = new Acc();
  const bySteps: Acc[] = [];
  for (const s of scored) {
    all.add(s);
    for (let i = bySteps.length; i < s.stepIndex; i++) bySteps.push(new Acc());
    bySteps[s.stepIndex - 1]!.add(s);
  }
  return { ...all.summary(), byStep: bySteps.map((a, i) => ({ step: i + 1, ...a.summary() })) };
}

/** Aggregates already-scored records (e.g. predictions stored with their em/f1). */
export function aggregateScored(scored: readonly ScoredStep[]): StepMetrics {
  for (const s of scored)
    if (!Number.isInteger(s.stepIndex) || s.stepIndex < 1)
      throw new Error(`step index must be a positive integer, got ${s.stepIndex} (env ${s.env})`);
  const envs = [...new Set(scored.map((s) => s.env))].sort();
  const perEnv: Record<string, EnvStepMetrics> = {};
  for (const env of envs) perEnv[env] = envMetrics(scored.filter((s) => s.env === env));
  return { ...envMetrics(scored), perEnv };
}

/** EM and F1 of every record, overall, by step index and per environment. */
export function stepMetrics(records: readonly StepRecord[]): StepMetrics {
  return aggregateScored(records.map(scoreStep));
}
