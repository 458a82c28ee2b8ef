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
import { UnknownItemError } from "../envs/alfworld/splits.js";
import { GameFileError } from "../envs/alfworld/game-file.js";

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

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) process.exit(e.exitCode === 0 ? 0 : 2);
  const known = e instanceof UsageError || e instanceof UnknownItemError || e instanceof GameFileError;
  process.stderr.write(`wordworld: error: ${(e as Error).message}\n`);
  if (!known && process.env.WORDWORLD_DEBUG) process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(known ? 2 : 1);
}
