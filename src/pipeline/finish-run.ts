/** The end of every run: its timing and model usage, results.json, report.md and plots. */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { writeReport } from "../eval/report.js";
import { LlmStatsSchema, RESULTS_FILE, TimingSchema, type Results, type Timing } from "../eval/results.js";
import type { ChatModel, LlmStats } from "../llm/types.js";
import { writeJsonAtomic } from "../rollout/run-dir.js";

type Json = Record<string, unknown>;

const asObject = (v: unknown): Json | undefined =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Json) : undefined;

/**
 * What one run spent: wall-clock seconds and, per model, requests, retries, failures, timeouts and
 * cache hits. Counts are taken from when the run starts (one opened model may serve several runs in a
 * process, as in `evaluate`), and a resumed run adds what its earlier sessions' results.json recorded.
 */
export class RunAccounting {
  private readonly startedAt = new Date();
  private readonly baselines = new Map<ChatModel, LlmStats>();
  private readonly prior: Json | undefined;

  constructor(out: string, resumed: boolean, models: Iterable<ChatModel | undefined>) {
    for (const m of models) if (m && !this.baselines.has(m)) this.baselines.set(m, m.stats());
    const path = join(out, RESULTS_FILE);
    if (resumed && existsSync(path)) {
      try {
        this.prior = asObject(JSON.parse(readFileSync(path, "utf8")));
      } catch {
        // An unreadable earlier results.json only loses the earlier sessions' counts; it is rewritten.
      }
    }
  }

  /** This session's start and end; seconds added up over resumed sessions. */
  timing(): Timing {
    const finishedAt = new Date();
    const prior = TimingSchema.safeParse(this.prior?.timing);
    return {
      startedAt: this.startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      seconds:
        (prior.success ? prior.data.seconds : 0) + (finishedAt.getTime() - this.startedAt.getTime()) / 1000,
    };
  }

  /** The model's counts in this run; `path` locates them in the earlier results.json (e.g. ["llm"]). */
  usage(model: ChatModel, path: string[]): LlmStats {
    const now = model.stats();
    const base = this.baselines.get(model);
    let at: unknown = this.prior;
    for (const key of path) at = asObject(at)?.[key];
    const prior = LlmStatsSchema.safeParse(at);
    const out = { ...now };
    for (const k of Object.keys(out) as (keyof LlmStats)[])
      out[k] = now[k] - (base?.[k] ?? 0) + (prior.success ? prior.data[k] : 0);
    return out;
  }
}

/** Writes results.json, then report.md and the plots, so every run directory reads on its own. */
export function finishRun(out: string, results: Results): void {
  writeJsonAtomic(join(out, RESULTS_FILE), results);
  for (const w of writeReport(out, [results]).warnings) process.stderr.write(`warning: ${w}\n`);
}
