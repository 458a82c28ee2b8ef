import type { Command } from "commander";
import { readResults } from "../eval/results.js";
import { renderText, writeReport } from "../eval/report.js";
import { UsageError } from "./errors.js";

export function registerReport(program: Command): void {
  program
    .command("report")
    .argument("<run-dir...>", "run directories (or their results.json)")
    .option(
      "--out <dir>",
      "write report.md and plots here (default: into the run itself when one run is given)",
    )
    .option("--title <title>", "report title")
    .description("render the tables and plots of existing runs again, side by side")
    .action((runs: string[], f: { out?: string; title?: string }) => {
      const results = runs.map((r) => readResults(r));
      console.log(renderText(results));
      const out = f.out ?? (runs.length === 1 ? runs[0] : undefined);
      if (out === undefined) {
        if (runs.length > 1)
          console.log("(tables only: name --out <dir> to write report.md and plots for these runs)");
        return;
      }
      if (out.endsWith(".json")) throw new UsageError(`--out ${out}: name a directory`);
      const w = writeReport(out, results, { title: f.title });
      console.log(`wrote ${w.report} and ${w.plots.length} plot file(s)`);
      for (const m of w.warnings) console.log(`warning: ${m}`);
    });
}
