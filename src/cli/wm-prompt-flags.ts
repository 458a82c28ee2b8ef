/** --mode / --shots / --examples: how the world model is prompted. */
import type { Command } from "commander";
import type { EnvDefinition } from "../envs/types.js";
import { DEFAULT_SHOTS, fewShotExamples } from "../worldmodel/examples.js";
import { WORLD_MODEL_MODES, type WorldModelMode, type WorldModelPrompt } from "../worldmodel/session.js";
import { parsePositiveInt, UsageError } from "./errors.js";

export interface WmPromptFlags {
  mode: string;
  shots?: string;
  examples?: string[];
}

export function addWmPromptFlags(cmd: Command, defaultMode: WorldModelMode = "fine-tuned"): Command {
  return cmd
    .option("--mode <mode>", `world-model prompting: ${WORLD_MODEL_MODES.join(" | ")}`, defaultMode)
    .option("--shots <k>", `few-shot: example episodes in the prompt (default ${DEFAULT_SHOTS})`)
    .option(
      "--examples <run-dir...>",
      "few-shot: draw examples from these runs (default: the expert plays the training split)",
    );
}

export async function wmPromptFromFlags(
  env: EnvDefinition,
  root: string,
  f: WmPromptFlags,
  exclude: ReadonlySet<string>,
  format?: string,
): Promise<WorldModelPrompt> {
  if (!(WORLD_MODEL_MODES as readonly string[]).includes(f.mode))
    throw new UsageError(`--mode must be one of ${WORLD_MODEL_MODES.join(", ")}, got '${f.mode}'`);
  const mode = f.mode as WorldModelMode;
  if (mode !== "few-shot" && (f.shots !== undefined || f.examples !== undefined))
    throw new UsageError("--shots and --examples apply to --mode few-shot only");
  if (mode === "fine-tuned") return { mode };
  if (mode === "zero-shot") return { mode, instruction: env.wmInstruction };
  const k = f.shots === undefined ? DEFAULT_SHOTS : parsePositiveInt("--shots", f.shots);
  const examples = await fewShotExamples({ env, root, k, from: f.examples, exclude, format });
  return { mode, instruction: env.wmInstruction, examples };
}
