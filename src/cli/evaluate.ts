/**
 * The main job: evaluate a world model on an environment's test split — expert trajectories collected
 * (no LLM), single-step exact match over them, and rollout consistency with the expert as the agent —
 * and print Tables 1 and 2. With no --wm, the embedded default model runs in-process.
 */
import { join } from "node:path";
import type { Command } from "commander";
import { readTrajectories } from "../data/trajectory-store.js";
import { getEnv } from "../envs/registry.js";
import { renderText, writeReport } from "../eval/report.js";
import { DEFAULT_MODEL, ensureDefaultModel } from "../llm/default-model.js";
import { collect } from "../pipeline/collect.js";
import { runEvalRollout } from "../pipeline/eval-rollout.js";
import { runEvalStep } from "../pipeline/eval-step.js";
import { dataRoot } from "../util/data-root.js";
import type { WorldModelMode } from "../worldmodel/session.js";
import { parsePositiveInt } from "./errors.js";
import { addModelFlags, openModelFromFlags, type ModelFlags } from "./model-flags.js";
import { interruptible } from "./run-helpers.js";
import { addWmPromptFlags, wmPromptFromFlags, type WmPromptFlags } from "./wm-prompt-flags.js";

interface EvaluateFlags extends ModelFlags, WmPromptFlags {
  wm?: string;
  split?: string;
  items?: string;
  out?: string;
  concurrency: string;
  data?: string;
}

/** The embedded default is an instruct model, not a fine-tuned world model: it is told the task. */
const DEFAULT_MODEL_MODE: WorldModelMode = "zero-shot";

const slug = (s: string) =>
  s
    .replace(/[^A-Za-z0-9._-]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 80);

export function registerEvaluate(program: Command): void {
  addWmPromptFlags(
    addModelFlags(
      program
        .command("evaluate")
        .argument("<env>", "environment")
        .option("--wm <model>", `world model (default: ${DEFAULT_MODEL.name}, in-process, downloaded once)`)
        .option("--split <split>", "split (default: the environment's test split)")
        .option("--items <n>", "only the first n items of the split")
        .option("--out <dir>", "directory of the three runs (default runs/<env>-<model>)")
        .option("--concurrency <n>", "episodes / predictions in flight", "16")
        .option("--data <dir>", "environment data directory"),
    ),
  )
    .description("evaluate a world model: single-step exact match and rollout consistency (Tables 1 and 2)")
    .action(async (envName: string, f: EvaluateFlags, cmd: Command) => {
      const env = getEnv(envName);
      const root = dataRoot(f.data);
      const split = f.split ?? env.testSplit;
      const items = f.items === undefined ? undefined : parsePositiveInt("--items", f.items);
      const concurrency = parsePositiveInt("--concurrency", f.concurrency);
      // The split's data is checked before the default model's download, which is large.
      env.itemIds(root, split);
      const spec =
        f.wm ?? `local:${await ensureDefaultModel({ log: (l) => process.stderr.write(`${l}\n`) })}`;
      const modeGiven = cmd.getOptionValueSource("mode") === "cli";
      const mode = f.wm === undefined && !modeGiven ? DEFAULT_MODEL_MODE : f.mode;
      const out = f.out ?? join("runs", `${env.name}-${slug(f.wm ?? DEFAULT_MODEL.name)}`);
      const wm = await openModelFromFlags(spec, f);
      try {
        await interruptible(out, async (signal) => {
          const collected = await collect({
            env,
            root,
            split,
            items,
            agent: "expert",
            out: join(out, "collect"),
            concurrency,
            signal,
          });
          if (signal.aborted) return;
          const trajectories = readTrajectories(join(out, "collect"));
          const prompt = await wmPromptFromFlags(
            env,
            root,
            { ...f, mode },
            new Set(trajectories.map((t) => t.game)),
          );
          const step = await runEvalStep({
            trajectories,
            split,
            data: [join(out, "collect")],
            wm,
            prompt,
            out: join(out, "step"),
            concurrency,
            signal,
          });
          if (signal.aborted) return;
          const rollout = await runEvalRollout({
            env,
            root,
            split,
            items,
            agents: [{ spec: "expert" }],
            wm,
            prompt,
            out: join(out, "rollout"),
            concurrency,
            signal,
          });
          const all = [step, rollout, collected.results];
          console.log(renderText(all));
          const w = writeReport(out, all, { title: `${env.name}: ${wm.spec}` });
          console.log(`report: ${w.report}`);
        });
      } finally {
        await wm.close();
      }
    });
}
