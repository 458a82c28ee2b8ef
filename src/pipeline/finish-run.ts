/** The end of every run: its timing, results.json, report.md and plots. */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { writeReport } from "../eval/report.js";
import { RESULTS_FILE, TimingSchema, type Results, type Timing } from "../eval/results.js";
import { writeJsonAtomic } from "../rollout/run-dir.js";

/** This session's start and end; seconds added up over resumed sessions. */
export function runTiming(out: string, startedAt: Date, resumed: boolean): Timing {
  const finishedAt = new Date();
  let before = 0;
  const path = join(out, RESULTS_FILE);
  if (resumed && existsSync(path)) {
    try {
      const prior = TimingSchema.safeParse(
        (JSON.parse(readFileSync(path, "utf8")) as { timing?: unknown }).timing,
      );
      if (prior.success) before = prior.data.seconds;
    } catch {
      // An unreadable earlier results.json only loses the earlier sessions' seconds; it is rewritten below.
    }
  }
  return {
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    seconds: before + (finishedAt.getTime() - startedAt.getTime()) / 1000,
  };
}

/** Writes results.json, then report.md and the plots, so every run directory reads on its own. */
export function finishRun(out: string, results: Results): void {
  writeJsonAtomic(join(out, RESULTS_FILE), results);
  for (const w of writeReport(out, [results]).warnings) process.stderr.write(`warning: ${w}\n`);
}
