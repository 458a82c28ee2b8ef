/** The wordworld command line as a function, so tests run it in-process exactly as the binary does. */
import { Command, CommanderError } from "commander";
import { registerData } from "./data.js";
import { UsageError } from "./errors.js";
import { registerCollect } from "./collect.js";
import { registerDataset } from "./dataset.js";
import { registerEval } from "./eval.js";
import { registerEvaluate } from "./evaluate.js";
import { registerReport } from "./report.js";
import { registerPlay } from "./play.js";
import { registerReplay } from "./replay.js";
import { registerToolbenchServe } from "./toolbench-serve.js";
import { registerTextworld } from "./textworld.js";
import { registerWebshop } from "./webshop.js";
import { UnknownItemError } from "../envs/errors.js";
import { GameFileError } from "../envs/alfworld/game-file.js";

function buildProgram(): Command {
  const program = new Command("wordworld")
    .description("LLMs as text-based world models for agent learning")
    .showHelpAfterError()
    .exitOverride();
  registerData(program);
  registerPlay(program);
  registerReplay(program);
  registerCollect(program);
  registerEval(program);
  registerEvaluate(program);
  registerReport(program);
  registerDataset(program);
  registerToolbenchServe(program);
  registerWebshop(program);
  registerTextworld(program);
  return program;
}

/**
 * Runs one command (`args` without node and the script) and returns its exit status: 0, 2 for usage
 * errors and bad input the user can fix, 1 for other failures, or what the command set (130 after
 * Ctrl-C).
 */
export async function runCli(args: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(args, { from: "user" });
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    const known = e instanceof UsageError || e instanceof UnknownItemError || e instanceof GameFileError;
    process.stderr.write(`wordworld: error: ${(e as Error).message}\n`);
    if (!known && process.env.WORDWORLD_DEBUG) process.stderr.write(`${(e as Error).stack}\n`);
    return known ? 2 : 1;
  }
}
