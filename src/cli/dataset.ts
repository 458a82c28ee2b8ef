import type { Command } from "commander";
import { readTrajectories } from "../data/trajectory-store.js";
import {
  EXPORT_FILTERS,
  EXPORT_KINDS,
  exportDataset,
  formatExportReport,
  gamesInRuns,
  type ExportFilter,
  type ExportKind,
} from "../data/export.js";
import { EXPORT_FORMATS, validateExport, type ExportFormat } from "../data/validate.js";
import { getEnv } from "../envs/registry.js";
import { dataRoot } from "../util/data-root.js";
import { UsageError } from "./errors.js";

interface DatasetFlags {
  from: string[];
  out: string;
  format: string;
  maxItems?: string;
  mix?: boolean;
  filter: string;
  excludeSplit?: string[];
  excludeRuns?: string[];
  name?: string;
  data?: string;
}

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value))
    throw new UsageError(`${flag} must be one of ${allowed.join(", ")}, got '${value}'`);
  return value as T;
}

/** The games of a split, for every environment the runs hold. */
function gamesOfSplit(envs: Iterable<string>, split: string, root: string): Set<string> {
  const games = new Set<string>();
  for (const name of envs) {
    const env = getEnv(name);
    if (!env.splits.includes(split))
      throw new UsageError(`--exclude-split ${split}: ${name} has splits ${env.splits.join(", ")}`);
    for (const id of env.itemIds(root, split)) {
      try {
        games.add(env.openItem(root, id, {}).game);
      } catch {
        // an item without a game file has nothing to leak
      }
    }
  }
  return games;
}

export function registerDataset(program: Command): void {
  program
    .command("dataset")
    .argument("<kind>", `what to train: ${EXPORT_KINDS.join(" | ")} (world model or agent)`)
    .requiredOption("--from <run-dir...>", "collected runs (or trajectories .jsonl files)")
    .requiredOption("--out <dir>", "output directory")
    .requiredOption("--format <format>", EXPORT_FORMATS.join(" | "))
    .option("--max-items <n>", "at most n examples")
    .option("--mix", "interleave environments round-robin (so --max-items keeps every environment)")
    .option("--filter <which>", EXPORT_FILTERS.join(" | "), "all")
    .option(
      "--exclude-split <split...>",
      "leave out every game of these splits (e.g. test: no test game in training)",
    )
    .option("--exclude-runs <run-dir...>", "leave out every game that occurs in these runs")
    .option("--name <name>", "dataset name (file stem, dataset_info.json key)")
    .option("--data <dir>", "environment data directory (for --exclude-split)")
    .description("build SFT data: world-model conversations or ReAct agent turns")
    .action((kindArg: string, f: DatasetFlags) => {
      const kind = oneOf<ExportKind>("<kind>", kindArg, EXPORT_KINDS);
      const format = oneOf<ExportFormat>("--format", f.format, EXPORT_FORMATS);
      const filter = oneOf<ExportFilter>("--filter", f.filter, EXPORT_FILTERS);
      let maxItems: number | undefined;
      if (f.maxItems !== undefined) {
        if (!/^\d+$/.test(f.maxItems))
          throw new UsageError(`--max-items must be a non-negative integer, got '${f.maxItems}'`);
        maxItems = Number(f.maxItems);
      }
      const warn = (m: string) => process.stderr.write(`warning: ${m}\n`);
      const envs = new Set(f.from.flatMap((r) => readTrajectories(r, { warn: () => {} }).map((t) => t.env)));
      const exclude = new Set<string>();
      for (const split of f.excludeSplit ?? [])
        for (const g of gamesOfSplit(envs, split, dataRoot(f.data))) exclude.add(g);
      if (f.excludeRuns?.length) for (const g of gamesInRuns(f.excludeRuns, warn)) exclude.add(g);
      const report = exportDataset({
        kind,
        runs: f.from,
        out: f.out,
        format,
        maxItems,
        mix: f.mix,
        filter,
        excludeGames: exclude,
        name: f.name,
        warn,
      });
      console.log(formatExportReport(report));
      const v = validateExport(f.out, report.name, format);
      const schema = format === "llamafactory" ? "LLaMA-Factory's sharegpt schema" : "the OpenAI chat schema";
      console.log(`validated: ${v.examples} examples in ${v.file} match ${schema}`);
      if (!exclude.size)
        console.log("note: no games were excluded; pass --exclude-split test when this data is for training");
    });
}
