import type { Command } from "commander";
import { isExpertSpec } from "../agents/open-agent.js";
import { getEnv } from "../envs/registry.js";
import { renderText } from "../eval/report.js";
import { collect } from "../pipeline/collect.js";
import { dataRoot } from "../util/data-root.js";
import { parsePositiveInt } from "./errors.js";
import { interruptible, parseTemperature } from "./run-helpers.js";
import { addModelFlags, openModelFromFlags, type ModelFlags } from "./model-flags.js";

interface CollectFlags extends ModelFlags {
  agent: string;
  split: string;
  items?: string;
  out: string;
  concurrency: string;
  format?: string;
  maxSteps?: string;
  temperature?: string;
  data?: string;
}

export function registerCollect(program: Command): void {
  addModelFlags(
    program
      .command("collect")
      .argument("<env>", "environment")
      .requiredOption("--agent <agent>", "expert, expert:<name>, or a model string (a ReAct agent)")
      .requiredOption("--split <split>", "split to play")
      .requiredOption("--out <dir>", "run directory (re-running the same command resumes it)")
      .option("--items <n>", "only the first n items of the split")
      .option("--concurrency <n>", "episodes in flight", "8")
      .option("--format <format>", "text format (alfworld: new | classic)")
      .option("--max-steps <n>", "step cap (default 50)")
      .option("--temperature <t>", "agent sampling temperature (default 1.0, as in the paper)")
      .option("--data <dir>", "data directory"),
  )
    .description("collect trajectories of an agent in the real environment")
    .action(async (envName: string, f: CollectFlags) => {
      const env = getEnv(envName);
      const model = isExpertSpec(f.agent) ? undefined : await openModelFromFlags(f.agent, f);
      try {
        await interruptible(f.out, async (signal) => {
          const outcome = await collect({
            env,
            root: dataRoot(f.data),
            split: f.split,
            items: f.items === undefined ? undefined : parsePositiveInt("--items", f.items),
            agent: f.agent,
            model,
            temperature: parseTemperature(f.temperature),
            out: f.out,
            concurrency: parsePositiveInt("--concurrency", f.concurrency),
            format: f.format,
            maxSteps: f.maxSteps === undefined ? undefined : parsePositiveInt("--max-steps", f.maxSteps),
            signal,
          });
          console.log(renderText([outcome.results]));
          if (outcome.missing.length) console.log(`items without a game file: ${outcome.missing.join(", ")}`);
        });
      } finally {
        await model?.close();
      }
    });
}
