import type { Command } from "commander";
import { readTrajectories } from "../data/trajectory-store.js";
import { getEnv } from "../envs/registry.js";
import { renderText } from "../eval/report.js";
import type { ChatModel } from "../llm/types.js";
import { runEvalRollout, type EvalRolloutOptions } from "../pipeline/eval-rollout.js";
import { runEvalStep } from "../pipeline/eval-step.js";
import { dataRoot } from "../util/data-root.js";
import { isExpertSpec } from "../agents/open-agent.js";
import { parsePositiveInt, UsageError } from "./errors.js";
import { registerEvalApi } from "./eval-api.js";
import { interruptible, parseTemperature } from "./run-helpers.js";
import { addModelFlags, openModelFromFlags, type ModelFlags } from "./model-flags.js";
import { addWmPromptFlags, wmPromptFromFlags, type WmPromptFlags } from "./wm-prompt-flags.js";

interface StepFlags extends ModelFlags, WmPromptFlags {
  env: string;
  wm: string;
  data: string[];
  out: string;
  concurrency: string;
  envData?: string;
}

interface RolloutFlags extends ModelFlags, WmPromptFlags {
  env: string;
  agent: string[];
  wm: string;
  split?: string;
  items?: string;
  out: string;
  concurrency: string;
  format?: string;
  maxSteps?: string;
  temperature?: string;
  data?: string;
}

export function registerEval(program: Command): void {
  const evalCmd = program.command("eval").description("evaluate a language model as a world model");
  registerEvalApi(evalCmd);

  addWmPromptFlags(
    addModelFlags(
      evalCmd
        .command("step")
        .requiredOption("--env <env>", "environment of the trajectories")
        .requiredOption("--wm <model>", "world model (a model string)")
        .requiredOption(
          "--data <run-dir...>",
          "runs (or trajectories .jsonl files) whose steps are predicted",
        )
        .requiredOption("--out <dir>", "run directory (re-running the same command resumes it)")
        .option("--concurrency <n>", "predictions in flight", "64")
        .option("--env-data <dir>", "environment data directory (few-shot examples from the expert)"),
    ),
  )
    .description("single-step fidelity: exact match and word F1 over every teacher-forced prefix")
    .action(async (f: StepFlags) => {
      const env = getEnv(f.env);
      const trajectories = f.data.flatMap((d) => readTrajectories(d)).filter((t) => t.world === "real");
      const mine = trajectories.filter((t) => t.env === env.name);
      if (!mine.length) throw new UsageError(`--data ${f.data.join(" ")}: no real ${env.name} trajectories`);
      const splits = [...new Set(mine.map((t) => t.split))];
      const prompt = await wmPromptFromFlags(env, dataRoot(f.envData), f, new Set(mine.map((t) => t.game)));
      const wm = await openModelFromFlags(f.wm, f);
      try {
        await interruptible(f.out, async (signal) => {
          const r = await runEvalStep({
            trajectories: mine,
            split: splits.length === 1 ? splits[0]! : null,
            data: f.data,
            wm,
            prompt,
            out: f.out,
            concurrency: parsePositiveInt("--concurrency", f.concurrency),
            signal,
          });
          console.log(renderText([r]));
        });
      } finally {
        await wm.close();
      }
    });

  addWmPromptFlags(
    addModelFlags(
      evalCmd
        .command("rollout")
        .requiredOption("--env <env>", "environment")
        .requiredOption("--agent <agent...>", "agents: expert, expert:<name>, or model strings (ReAct)")
        .requiredOption("--wm <model>", "world model (a model string)")
        .option("--split <split>", "split to play (default: the environment's test split)")
        .option("--items <n>", "only the first n items of the split")
        .requiredOption("--out <dir>", "run directory (re-running the same command resumes it)")
        .option("--concurrency <n>", "episodes in flight", "32")
        .option("--format <format>", "text format (alfworld: new | classic)")
        .option("--max-steps <n>", "step cap (default 50)")
        .option("--temperature <t>", "agent sampling temperature (default 1.0, as in the paper)")
        .option("--data <dir>", "environment data directory"),
    ),
  )
    .description("rollout consistency: Real, WM and W2R success and CR = W2R/Real, per agent (Table 2)")
    .action(async (f: RolloutFlags) => {
      const env = getEnv(f.env);
      const root = dataRoot(f.data);
      const split = f.split ?? env.testSplit;
      const temperature = parseTemperature(f.temperature);
      const items = f.items === undefined ? undefined : parsePositiveInt("--items", f.items);
      const maxSteps = f.maxSteps === undefined ? undefined : parsePositiveInt("--max-steps", f.maxSteps);
      let ids = env.itemIds(root, split);
      if (items !== undefined) ids = ids.slice(0, items);
      const games = new Set<string>();
      for (const id of ids) {
        try {
          games.add(env.openItem(root, id, { format: f.format }).game);
        } catch {
          // items without a game file are reported by the run itself
        }
      }
      const prompt = await wmPromptFromFlags(env, root, f, games, f.format);
      const opened: ChatModel[] = [];
      try {
        const wm = await openModelFromFlags(f.wm, f);
        opened.push(wm);
        const agents: EvalRolloutOptions["agents"] = [];
        for (const spec of f.agent) {
          if (isExpertSpec(spec)) agents.push({ spec, temperature });
          else {
            const model = await openModelFromFlags(spec, f);
            opened.push(model);
            agents.push({ spec, model, temperature });
          }
        }
        await interruptible(f.out, async (signal) => {
          const r = await runEvalRollout({
            env,
            root,
            split,
            items,
            agents,
            wm,
            prompt,
            out: f.out,
            concurrency: parsePositiveInt("--concurrency", f.concurrency),
            format: f.format,
            maxSteps,
            signal,
          });
          console.log(renderText([r]));
        });
      } finally {
        for (const m of opened) await m.close();
      }
    });
}
