/**
 * `wordworld eval api --predictions <file.jsonl>...`: scores MirrorAPI-style prediction files (one JSON
 * object per line with string fields `predict` and `label`; `prompt` optional, as LLaMA-Factory's
 * generated_predictions.jsonl has them) and prints one JSON line of metrics per file.
 */
import { existsSync } from "node:fs";
import type { Command } from "commander";
import { z } from "zod";
import { aggregateApiScores, scoreApiOutput } from "../envs/toolbench/api-metrics.js";
import { llamaFactoryMetrics, mirrorApiOfficialMetrics } from "../envs/toolbench/mirrorapi-metrics.js";
import { readJsonl } from "../util/jsonl.js";
import { UsageError } from "./errors.js";

const PredictionRow = z.object({ predict: z.string(), label: z.string(), prompt: z.string().optional() });

export function registerEvalApi(evalCmd: Command): void {
  evalCmd
    .command("api")
    .requiredOption("--predictions <file.jsonl...>", "prediction files (fields predict, label)")
    .description(
      "score API-simulation predictions: exact match (strict and canonical JSON), word F1 (SQuAD and JSON-aware), " +
        "and MirrorAPI's BLEU-4 / ROUGE (official conversion, and LLaMA-Factory's raw-text metrics)",
    )
    .action((f: { predictions: string[] }) => {
      for (const file of f.predictions) {
        if (!existsSync(file)) throw new UsageError(`--predictions ${file}: no such file`);
        const rows = readJsonl(file, PredictionRow, (m) => {
          throw new UsageError(m.replace("skipping a truncated last line", "the last line is cut off"));
        });
        if (rows.length === 0) throw new UsageError(`--predictions ${file}: no predictions in the file`);
        const ours = aggregateApiScores(rows.map((r) => scoreApiOutput(r.predict, r.label)));
        console.log(
          JSON.stringify({
            file,
            count: ours.count,
            exact_match: ours.em,
            exact_match_canonical: ours.emCanonical,
            f1: ours.f1,
            f1_json: ours.f1Json,
            error_accuracy: ours.errorAccuracy,
            error_scored: ours.errorScored,
            mirrorapi_official: mirrorApiOfficialMetrics(rows),
            llamafactory: llamaFactoryMetrics(rows),
          }),
        );
      }
    });
}
